package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.baton.runbook.Seeds;
import dev.baton.ui.terminal.TerminalTab;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.SplitPane;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** What the window looks like from run to run: the theme reaches old terminal text, the panes stay where they were put. */
class LayoutUiTest extends ConsoleTest {
    @Override
    protected Path runbooks() {
        return Seeds.shippedRunbooks();
    }

    /** Mean brightness (0 dark to 1 light) of the first {@code rows} rows, {@code columns} columns wide. */
    private static double brightness(TerminalTab tab, int rows, int columns) throws Exception {
        return ConsoleFixture.onFx(() -> {
            WritableImage picture = tab.widget().picture();
            PixelReader pixels = picture.getPixelReader();
            int width = (int) (picture.getWidth() * columns / tab.widget().columns());
            int height = (int) (picture.getHeight() * rows / tab.widget().rows());
            double sum = 0;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    sum += pixels.getColor(x, y).getBrightness();
                }
            }
            return sum / Math.max(1, width * height);
        });
    }

    private void toggleTheme(FxRobot robot) {
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.D).release(KeyCode.D, KeyCode.SHIFT, KeyCode.CONTROL);
    }

    @Test
    void theDarkThemeRepaintsTextTheTerminalAlreadyShows(FxRobot robot) throws Exception {
        TerminalTab shell = fx.waitForShell("Local 1");
        boolean startedDark = ConsoleFixture.onFx(() -> shell.widget().isDarkTheme());
        if (startedDark) {
            toggleTheme(robot);
            ConsoleFixture.waitFor(5, () -> !shell.widget().isDarkTheme());
        }
        shell.session().connector().write("clear; echo " + "W".repeat(30) + "\n");
        fx.waitForText(shell, "W".repeat(30) + "\n", 20);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> brightness(shell, 1, 25) > 0.6);

        toggleTheme(robot);
        ConsoleFixture.waitFor(5, () -> shell.widget().isDarkTheme());
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> brightness(shell, 1, 25) < 0.45);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("text written in the light theme still sits on light cells: brightness "
                    + brightness(shell, 1, 25), e);
        }
        if (!startedDark) {
            toggleTheme(robot);
            ConsoleFixture.waitFor(5, () -> !shell.widget().isDarkTheme());
        }
    }

    /** A split pane of the window, to read or move on the FX thread. */
    private SplitPane split(String id) throws Exception {
        return ConsoleFixture.onFx(() -> (SplitPane) fx.console().lookup("#" + id));
    }

    @Test
    void paneSizesAndTheWindowAreRememberedBetweenRuns(FxRobot robot) throws Exception {
        fx.waitForLibrary();
        ConsoleFixture.waitFor(10, () -> fx.console().lookup("#incident-split") != null);
        Stage stage = ConsoleFixture.onFx(() -> (Stage) fx.console().getScene().getWindow());
        ConsoleFixture.onFx(() -> {
            stage.setX(40);
            stage.setY(30);
            stage.setWidth(1000);
            stage.setHeight(640);
            return null;
        });
        ConsoleFixture.waitFor(5, () -> fx.console().getScene().getWidth() == 1000);
        SplitPane main = split("main-split");
        SplitPane side = split("side-split");
        SplitPane incident = split("incident-split");
        SplitPane timeline = split("timeline-split");
        ConsoleFixture.onFx(() -> {
            main.setDividerPositions(0.25, 0.6);
            side.setDividerPositions(0.4);
            incident.setDividerPositions(0.62);
            timeline.setDividerPositions(0.7);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        double[][] left = ConsoleFixture.onFx(() -> new double[][] {main.getDividerPositions(),
                side.getDividerPositions(), incident.getDividerPositions(), timeline.getDividerPositions()});
        assertThat(left[1][0]).as("the side divider moved").isCloseTo(0.4, within(0.02));
        assertThat(left[3][0]).as("the timeline divider moved").isCloseTo(0.7, within(0.02));
        // Closed the way a responder closes it, then Baton started again on the same screen.
        ConsoleFixture.onFx(() -> {
            stage.hide();
            app.stop();
            app = new BatonApp(runbooks());
            app.start(stage);
            fx = new ConsoleFixture(app);
            return null;
        });
        fx.waitForLibrary();
        ConsoleFixture.waitFor(10, () -> fx.console().lookup("#incident-split") != null);
        WaitForAsyncUtils.waitForFxEvents();

        // The timeline's own split is kept too, but at this window's size its details pane is at its minimum
        // height, which moves the divider by a few pixels as the pane is laid out.
        String[] ids = {"main-split", "side-split", "incident-split"};
        for (int i = 0; i < ids.length; i++) {
            assertThat(split(ids[i]).getDividerPositions()).as(ids[i]).containsExactly(left[i], within(0.01));
        }
        assertThat(ConsoleFixture.onFx(() -> new double[] {stage.getX(), stage.getY(),
                fx.console().getScene().getWidth()})).containsExactly(new double[] {40, 30, 1000}, within(1.0));
    }

    /** The buttons of each step bar that sit lower than its first: empty when every bar is one line. */
    private String wrappedStepButtons() throws Exception {
        return String.valueOf(ConsoleFixture.onFx(() -> fx.console().runbook().engine().executeScript("""
                Array.from(document.querySelectorAll('.step-bar')).map(bar => {
                  const buttons = Array.from(bar.querySelectorAll('.step-action'));
                  const top = buttons.length ? buttons[0].offsetTop : 0;
                  const lower = buttons.filter(b => b.offsetTop > top).map(b => b.textContent);
                  return lower.length ? bar.parentElement.id + ' (' + bar.clientWidth + ' px: '
                      + Array.from(bar.children).map(c => c.textContent + ' ' + c.offsetWidth).join(', ')
                      + '): ' + lower.join(', ') : '';
                }).filter(s => s).join('; ')""")));
    }

    @Test
    void atTheSmallestWindowEachStepsButtonsStayOnOneLine() throws Exception {
        fx.waitForLibrary();
        TerminalTab shell = fx.waitForTerminal("Local 1");
        Stage stage = ConsoleFixture.onFx(() -> (Stage) fx.console().getScene().getWindow());
        ConsoleFixture.onFx(() -> {
            stage.setWidth(1280);
            stage.setHeight(720);
            return null;
        });
        ConsoleFixture.waitFor(5, () -> fx.console().getScene().getWidth() == 1280);
        fx.show(Seeds.shippedRunbooks().resolve("disk-full.md").normalize().toString(), "Disk full");
        ConsoleFixture.waitFor(10, () -> fx.console().terminals().active().orElse(null) == shell);
        IncidentConsoleTest.until(10, () -> fx.hrefs().contains("baton:run/1") && "Run in Local 1".equals(
                ConsoleFixture.onFx(() -> fx.console().runbook().engine()
                        .executeScript("document.querySelector('.action-run').textContent"))));

        assertThat(wrappedStepButtons()).isEmpty();
    }
}
