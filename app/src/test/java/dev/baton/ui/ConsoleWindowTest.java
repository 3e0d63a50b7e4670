package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.runbook.Seeds;
import dev.baton.ui.terminal.TerminalTab;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** The console, headless: shipped runbooks, a real login shell on a pty, steps sent by clicking Run. */
class ConsoleWindowTest extends ConsoleTest {
    @Override
    protected Path runbooks() {
        return Seeds.shippedRunbooks();
    }




    /** Which deferred panes were in the scene when the window had just been shown, before its first frame. */
    private final java.util.List<String> inFirstFrame = new java.util.ArrayList<>();

    @Override
    protected void started() {
        ConsoleWindow console = fx.console();
        if (console.incident().getScene() != null) {
            inFirstFrame.add("incident");
        }
        if (console.nodes().getScene() != null) {
            inFirstFrame.add("nodes");
        }
        if (console.firing().getScene() != null) {
            inFirstFrame.add("firing");
        }
    }

    @Test
    void theIncidentNodesAndFiringPanesJoinTheWindowAfterItsFirstFrame() throws Exception {
        ConsoleWindow console = fx.console();
        assertThat(inFirstFrame).isEmpty();
        ConsoleFixture.waitFor(10, () -> console.incident().getScene() != null && console.nodes().getScene() != null
                && console.firing().getScene() != null);
        double[] dividers = ConsoleFixture.onFx(() -> {
            javafx.scene.Parent parent = console.incident().getParent();
            while (!(parent instanceof javafx.scene.control.SplitPane split && split.getItems().contains(console.incident()))) {
                parent = parent.getParent();
            }
            return ((javafx.scene.control.SplitPane) parent).getDividerPositions();
        });
        assertThat(dividers).containsExactly(new double[] {ConsoleWindow.layoutPreferences().getDouble("split.side-split.0", 0.5)},
                org.assertj.core.data.Offset.offset(0.001));
    }

    @Test
    void webKitStartsWithTheFirstRunbookShownNotWithTheWindow(FxRobot robot) throws Exception {
        fx.waitForLibrary();
        fx.waitForShell("Local 1");
        // Both ran after the first frame, where WebKit used to start: it must not have.
        assertThat(robot.lookup(".web-view").tryQuery()).as("no WebView before a runbook is shown").isEmpty();
        assertThat(robot.lookup("#runbook-placeholder").queryAs(Label.class).getText())
                .isEqualTo("Choose a runbook, or type an alert name.");
        robot.clickOn("#runbook-search").write("disk fu");
        ListView<?> list = robot.lookup("#runbook-list").queryListView();
        ConsoleFixture.waitFor(10, () -> !list.getItems().isEmpty());
        robot.interact(() -> list.getSelectionModel().select(0));
        ConsoleFixture.waitFor(20, () -> robot.lookup(".web-view").tryQuery().isPresent()
                && "Disk full".equals(fx.console().runbook().engine().getTitle()));
        assertThat(robot.lookup("#runbook-placeholder").tryQuery()).isEmpty();
    }

    @Test
    void searchFindsAShippedRunbookAndShowsIt(FxRobot robot) throws Exception {
        fx.waitForLibrary();
        robot.clickOn("#runbook-search").write("disk fu");
        ListView<?> list = robot.lookup("#runbook-list").queryListView();
        ConsoleFixture.waitFor(10, () -> !list.getItems().isEmpty()
                && ((dev.baton.runbook.Runbook) list.getItems().get(0)).title().equals("Disk full"));
        robot.interact(() -> list.getSelectionModel().select(0));
        ConsoleFixture.waitFor(20, () -> "Disk full".equals(fx.console().runbook().engine().getTitle()));
        fx.waitForLinks("baton:run/1", "baton:copy/1", "baton:tick/1");
    }

    @Test
    void theLibraryIsKeptBesideTheSearchIndexSoTheNextWindowDoesNotReadIt() throws Exception {
        fx.waitForLibrary();
        String diskFull = runbooks().resolve("disk-full.md").normalize().toString();
        try (var files = Files.walk(Path.of(System.getProperty("baton.cache"), "search"))) {
            assertThat(files.filter(file -> file.getFileName().toString().equals("library.jsonl")).toList())
                    .anySatisfy(snapshot -> assertThat(Files.readString(snapshot)).contains("\"" + diskFull + "\""));
        }
    }

    @Test
    void alertFieldJumpsToTheRunbook(FxRobot robot) throws Exception {
        fx.waitForLibrary();
        robot.clickOn("#alert-field").write("kubepodcrashlooping").type(javafx.scene.input.KeyCode.ENTER);
        ConsoleFixture.waitFor(20, () -> "Kubernetes pod crash-looping".equals(fx.console().runbook().engine().getTitle()));
        assertThat(robot.lookup("#status").queryAs(Label.class).getText()).contains("Kubernetes pod crash-looping");
    }

    @Test
    void runningAStepShowsItsOutputInTheLocalShell(FxRobot robot) throws Exception {
        fx.waitForLibrary();
        TerminalTab shell = fx.waitForShell("Local 1");
        fx.show(Seeds.shippedRunbooks().resolve("disk-full.md").normalize().toString(), "Disk full");
        fx.click("baton:run/1");
        // Two harmless lines: they tell the responder nothing a dialog would add, so they go at once.
        fx.waitForText(shell, "IUse%", 20);
        assertThat(robot.lookup("#confirm-send").tryQuery()).as("no confirmation for a harmless step").isEmpty();
        assertThat(shell.widget().text()).contains("Mounted on");
    }

    @Test
    void shortcutsFocusSearchAndAlert(FxRobot robot) throws Exception {
        fx.waitForLibrary();
        robot.clickOn("#runbook-list");
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.K)
                .release(javafx.scene.input.KeyCode.K, javafx.scene.input.KeyCode.CONTROL);
        ConsoleFixture.waitFor(5, () -> robot.lookup("#runbook-search").queryAs(TextField.class).isFocused());
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.L)
                .release(javafx.scene.input.KeyCode.L, javafx.scene.input.KeyCode.CONTROL);
        ConsoleFixture.waitFor(5, () -> robot.lookup("#alert-field").queryAs(TextField.class).isFocused());
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.T)
                .release(javafx.scene.input.KeyCode.T, javafx.scene.input.KeyCode.CONTROL);
        fx.waitForTerminal("Local 2");
    }

    static Path write(Path dir, String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void zoomChangesTheTerminalFont(FxRobot robot) throws Exception {
        fx.waitForLibrary();
        TerminalTab shell = fx.waitForShell("Local 1");
        double before = ConsoleFixture.onFx(() -> shell.widget().fontSize());
        int columnsBefore = ConsoleFixture.onFx(() -> shell.widget().getTerminalTextBuffer().getWidth());
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.EQUALS)
                .release(javafx.scene.input.KeyCode.EQUALS, javafx.scene.input.KeyCode.CONTROL);
        ConsoleFixture.waitFor(5, () -> shell.widget().fontSize() > before);
        ConsoleFixture.waitFor(5, () -> shell.widget().getTerminalTextBuffer().getWidth() < columnsBefore);
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.DIGIT0)
                .release(javafx.scene.input.KeyCode.DIGIT0, javafx.scene.input.KeyCode.CONTROL);
        ConsoleFixture.waitFor(5, () -> shell.widget().fontSize() == before);
    }

    @Test
    void ctrlShiftCCopiesFromTheTerminalAndCtrlShiftVPastesIntoIt(FxRobot robot) throws Exception {
        TerminalTab shell = fx.waitForShell("Local 1");
        shell.session().connector().write("echo copy-$((20+1))\n");
        fx.waitForText(shell, "copy-21", 20);
        robot.clickOn(shell.widget().getPane());
        ConsoleFixture.onFx(() -> {
            shell.widget().getTerminalPanel().selectAll();
            javafx.scene.input.Clipboard.getSystemClipboard().clear();
            return null;
        });
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.SHIFT, javafx.scene.input.KeyCode.C)
                .release(javafx.scene.input.KeyCode.C, javafx.scene.input.KeyCode.SHIFT, javafx.scene.input.KeyCode.CONTROL);
        ConsoleFixture.waitFor(10, () -> String.valueOf(javafx.scene.input.Clipboard.getSystemClipboard().getString())
                .contains("copy-21"));

        ConsoleFixture.onFx(() -> {
            var content = new javafx.scene.input.ClipboardContent();
            content.putString("echo pasted-$((40+2))\u001b[201~\u0007");
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
            return null;
        });
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.SHIFT, javafx.scene.input.KeyCode.V)
                .release(javafx.scene.input.KeyCode.V, javafx.scene.input.KeyCode.SHIFT, javafx.scene.input.KeyCode.CONTROL);
        robot.type(javafx.scene.input.KeyCode.ENTER);
        fx.waitForText(shell, "pasted-42", 20);
        assertThat(ConsoleFixture.onFx(() -> shell.widget().screenText())).doesNotContain("Cecho").doesNotContain("Vecho")
                // The ESC was removed: had it reached the shell, it would have ended the paste there.
                .contains("pasted-42[201~");
    }

    @Test
    void theDarkThemeReachesEveryWindowAndTheTerminals(FxRobot robot) throws Exception {
        TerminalTab shell = fx.waitForShell("Local 1");
        String light = new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet();
        String dark = new atlantafx.base.theme.PrimerDark().getUserAgentStylesheet();
        boolean wasDark = ConsoleFixture.onFx(() -> dark.equals(javafx.application.Application.getUserAgentStylesheet()));
        try {
            for (boolean wantDark : new boolean[] {!wasDark, wasDark}) {
                robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.SHIFT, javafx.scene.input.KeyCode.D)
                        .release(javafx.scene.input.KeyCode.D, javafx.scene.input.KeyCode.SHIFT, javafx.scene.input.KeyCode.CONTROL);
                ConsoleFixture.waitFor(5, () -> (wantDark ? dark : light).equals(javafx.application.Application.getUserAgentStylesheet()));
                assertThat(ConsoleFixture.onFx(() -> shell.widget().isDarkTheme())).isEqualTo(wantDark);
            }
        } finally {
            ConsoleFixture.onFx(() -> {
                javafx.application.Application.setUserAgentStylesheet(wasDark ? dark : light);
                return null;
            });
        }
    }
}
