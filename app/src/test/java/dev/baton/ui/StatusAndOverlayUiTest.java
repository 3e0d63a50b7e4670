package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.incident.EventType;
import dev.baton.incident.TimelineEvent;
import dev.baton.ui.terminal.TerminalTab;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * The status bar never keeps an instruction that no longer holds, F9 folds and opens the side pane from anywhere,
 * and a query's answer lies over the terminals until one key (Esc) takes it away (docs/window.md).
 */
class StatusAndOverlayUiTest extends ConsoleTest {
    private static Path folder;

    @Override
    protected Path runbooks() {
        return folder;
    }

    @BeforeAll
    static void writeRunbook() throws Exception {
        folder = Files.createTempDirectory("baton-status");
        int refused;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            refused = socket.getLocalPort();
        }
        // A Prometheus whose port refuses: the answer pane still opens, saying so.
        Files.writeString(folder.resolve("baton.yaml"), "prometheus:\n  - name: main\n    url: http://127.0.0.1:"
                + refused + "\n    default: true\n");
        Files.writeString(folder.resolve("tidy.md"), """
                # Tidy

                ```bash
                echo one-$((1+1))
                ```

                ```promql
                up
                ```
                """);
    }

    @AfterAll
    static void removeRunbook() {
        deleteQuietly(folder);
    }

    private void showTidy() throws Exception {
        fx.waitForLibrary();
        fx.show(folder.resolve("tidy.md").toString(), "Tidy");
    }

    private List<TimelineEvent> events(String type) throws Exception {
        return fx.incident().events().stream().filter(e -> e.type().equals(type)).toList();
    }

    /** The page is loaded (it renders again as runs are recorded) with this link on it. */
    private void waitForLink(String href) throws Exception {
        ConsoleFixture.waitFor(20, () -> {
            var engine = fx.console().runbook().engine();
            if (engine.getLoadWorker().getState() != javafx.concurrent.Worker.State.SUCCEEDED
                    || engine.getDocument() == null) {
                return false;
            }
            var anchors = engine.getDocument().getElementsByTagName("a");
            for (int i = 0; i < anchors.getLength(); i++) {
                if (href.equals(((org.w3c.dom.Element) anchors.item(i)).getAttribute("href"))) {
                    return true;
                }
            }
            return false;
        });
    }

    @Test
    void runInTheChosenTerminalBringsItToTheFrontAndItsMessageGoesAtTheNextKeyOnceRead(FxRobot robot) throws Exception {
        showTidy();
        TerminalTab first = fx.waitForShell("Local 1");
        ConsoleFixture.onFx(() -> {
            fx.console().terminals().openLocalShell();
            return null;
        });
        TerminalTab second = fx.waitForShell("Local 2");
        ConsoleFixture.waitFor(10, () -> fx.console().terminals().active().orElseThrow() == second);

        fx.click("baton:run-in/1");
        ConsoleFixture.waitFor(10, () -> robot.lookup("#choose-terminal").tryQuery().isPresent());
        DialogButtons.close(robot, "OK"); // Local 1, offered first

        fx.waitForText(first, "one-2", 20);
        ConsoleFixture.waitFor(10, () -> fx.console().terminals().active().orElseThrow() == first);
        fx.waitForStatus("Step 1 sent to Local 1", 10);
        // Once it has been on screen long enough to be read, the next key takes it away.
        ConsoleFixture.waitFor(15, () -> {
            if (((javafx.scene.control.Label) fx.console().lookup("#status")).getText().isEmpty()) {
                return true;
            }
            javafx.event.Event.fireEvent(fx.console(), new javafx.scene.input.KeyEvent(
                    javafx.scene.input.KeyEvent.KEY_PRESSED, "", "", KeyCode.SHIFT, true, false, false, false));
            return false;
        });
    }

    @Test
    void cancellingTheChoiceOfTerminalLeavesNoInstructionStanding(FxRobot robot) throws Exception {
        showTidy();
        TerminalTab first = fx.waitForShell("Local 1");
        fx.click("baton:run/1");
        fx.waitForText(first, "one-2", 20);
        IncidentConsoleTest.until(20, () -> !events(EventType.STEP_SENT).isEmpty());
        long seq = events(EventType.STEP_SENT).get(0).seq();
        ConsoleFixture.onFx(() -> {
            fx.console().terminals().openLocalShell();
            return null;
        });
        TerminalTab second = fx.waitForShell("Local 2");
        ConsoleFixture.onFx(() -> {
            fx.console().terminals().getSelectionModel().select(first);
            fx.console().terminals().closeActive();
            return null;
        });
        ConsoleFixture.waitFor(10, () -> fx.console().terminals().all().equals(List.of(second)));
        waitForLink("baton:rerun/" + seq);

        fx.click("baton:rerun/" + seq);
        ConsoleFixture.waitFor(10, () -> robot.lookup("#choose-terminal").tryQuery().isPresent());
        assertThat(fx.status()).isEqualTo("Local 1, where step 1 was typed, is closed: choose where to run it");
        DialogButtons.close(robot, "Cancel");

        fx.waitForStatus("Step 1 not run: no terminal chosen", 10);
        assertThat(events(EventType.STEP_SENT)).hasSize(1);
    }

    @Test
    void f9FoldsTheSidePaneIntoAStripAndOpensItAgainFromATerminal(FxRobot robot) throws Exception {
        fx.waitForLibrary();
        TerminalTab shell = fx.waitForShell("Local 1");
        ConsoleFixture.onFx(() -> {
            shell.widget().getPane().requestFocus();
            return null;
        });
        ConsoleFixture.waitFor(10, () -> fx.console().terminals().isFocusWithin());

        robot.type(KeyCode.F9);
        ConsoleFixture.waitFor(10, () -> !fx.console().leftPaneShown()
                && fx.console().lookup("#side-pane-strip") != null
                && fx.console().lookup("#side-pane-strip").getLayoutBounds().getWidth() <= 32);
        assertThat(ConsoleFixture.onFx(() -> fx.console().lookup("#side-tabs"))).isNull();

        robot.type(KeyCode.F9);
        ConsoleFixture.waitFor(10, () -> fx.console().leftPaneShown() && fx.console().lookup("#side-tabs") != null
                && fx.console().lookup("#side-tabs").getLayoutBounds().getWidth() > 150);
    }

    @Test
    void aQueryAnswerLiesOverTheTerminalsAndEscFromThePageTakesItAway(FxRobot robot) throws Exception {
        showTidy();
        fx.waitForShell("Local 1");
        Node sideColumn = ConsoleFixture.onFx(() -> fx.console().lookup("#side-column"));

        // As a click on the page's Query leaves it: the keys go to the page.
        ConsoleFixture.onFx(() -> {
            fx.console().runbook().lookup(".web-view").requestFocus();
            return null;
        });
        fx.click("baton:query/2");
        ConsoleFixture.waitFor(20, () -> {
            var children = ((javafx.scene.layout.StackPane) sideColumn).getChildren();
            return children.get(children.size() - 1).getId() != null
                    && children.get(children.size() - 1).getId().equals("query-pane");
        });
        // Laid out at the next pulse after it joined the column: taller than the terminals it lies over.
        try {
            ConsoleFixture.waitFor(10, () -> fx.console().lookup("#query-pane").getLayoutBounds().getHeight()
                    > fx.console().terminals().getLayoutBounds().getHeight());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the answer is " + ConsoleFixture.onFx(() -> fx.console().lookup("#query-pane")
                    .getLayoutBounds().getHeight()) + " px high, the terminals " + ConsoleFixture.onFx(() ->
                    fx.console().terminals().getLayoutBounds().getHeight()), e);
        }

        Object focused = ConsoleFixture.onFx(() -> fx.console().getScene().getFocusOwner());
        robot.type(KeyCode.ESCAPE);
        try {
            ConsoleFixture.waitFor(10, () -> fx.console().lookup("#query-pane") == null
                    || fx.console().lookup("#query-pane").getScene() == null);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("Esc with the keys on " + focused + " left the answer over the terminals", e);
        }
        assertThat(ConsoleFixture.onFx(() -> fx.console().terminals().getScene())).isNotNull();
    }
}
