package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.incident.EventType;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.w3c.dom.Element;

/** The runbook page as the responder works down it: ticks keep the place, runs show beside their step. */
class RunbookPageUiTest extends IncidentConsoleTest {
    private Object scrollY() throws Exception {
        return ConsoleFixture.onFx(() -> fx.console().runbook().engine().executeScript("window.scrollY"));
    }

    private String tickClass(int item) throws Exception {
        return ConsoleFixture.onFx(() -> {
            if (fx.console().runbook().engine().getDocument() == null) {
                return ""; // between two loads
            }
            var anchors = fx.console().runbook().engine().getDocument().getElementsByTagName("a");
            for (int i = 0; i < anchors.getLength(); i++) {
                Element anchor = (Element) anchors.item(i);
                if (("baton:tick/" + item).equals(anchor.getAttribute("href"))) {
                    return anchor.getAttribute("class") + " " + anchor.getTextContent();
                }
            }
            return "";
        });
    }

    @Test
    void tickingAChecklistItemKeepsThePagesScrollPosition() throws Exception {
        showDiskFull();
        ConsoleFixture.onFx(() -> fx.console().runbook().engine()
                .executeScript("document.querySelector('a[href=\"baton:tick/3\"]').scrollIntoView(true)"));
        until(10, () -> ((Number) scrollY()).intValue() > 200);
        Object before = scrollY();

        fx.click("baton:tick/3");

        until(20, () -> !events(EventType.CHECKLIST_TICKED).isEmpty());
        until(10, () -> tickClass(3).equals("task checked ☑"));
        assertThat(scrollY()).isEqualTo(before);
        assertThat(tickClass(2)).isEqualTo("task ☐");

        // A full re-render of the same page (the dark theme) comes back to the same place too.
        ConsoleFixture.onFx(() -> {
            fx.console().runbook().setDark(true);
            return null;
        });
        until(20, () -> "dark".equals(ConsoleFixture.onFx(() -> fx.console().runbook().engine()
                .executeScript("document.body.className"))) && ((Number) scrollY()).intValue() > 0);
        assertThat(scrollY()).isEqualTo(before);
        until(10, () -> tickClass(3).equals("task checked ☑"));
    }

    private static long otherWindows() throws Exception {
        return ConsoleFixture.onFx(() -> javafx.stage.Window.getWindows().stream()
                .filter(javafx.stage.Window::isShowing).count()) - 1;
    }

    /**
     * Esc as the focused control receives it, through the whole dispatch chain. Monocle keeps sending
     * typed keys to the last dialog's window after it has closed, so the robot's keyboard cannot reach
     * the console here.
     */
    private void escapeOnFocusOwner() throws Exception {
        ConsoleFixture.onFx(() -> {
            javafx.scene.Node owner = fx.console().getScene().getFocusOwner();
            javafx.event.Event.fireEvent(owner, new javafx.scene.input.KeyEvent(javafx.scene.input.KeyEvent.KEY_PRESSED,
                    "", "", KeyCode.ESCAPE, false, false, false, false));
            return null;
        });
    }

    @Test
    void runsOnNodesDockAsTabsOfOneResultsPaneAndEscClosesTheOneInFront(FxRobot robot) throws Exception {
        showDiskFull();
        runFirstStepOnDb1(robot);
        runFirstStepOnDb1(robot);

        TabPane results = robot.lookup("#results-pane").queryAs(TabPane.class);
        ConsoleFixture.waitFor(10, () -> results.getTabs().size() == 2);
        assertThat(ConsoleFixture.onFx(() -> results.getTabs().stream().map(Tab::getText).toList()))
                .containsExactly("Step 1 on db1", "Step 1 on db1");
        assertThat(results.getScene()).isSameAs(ConsoleFixture.onFx(() -> fx.console().getScene()));
        assertThat(otherWindows()).as("no result window of its own").isZero();

        robot.clickOn(robot.lookup("#run-stdout").queryAll().stream().filter(javafx.scene.Node::isVisible)
                .reduce((a, b) -> b).orElseThrow());
        escapeOnFocusOwner();
        ConsoleFixture.waitFor(10, () -> results.getTabs().size() == 1);
        robot.clickOn(robot.lookup("#run-stdout").queryAll().stream().filter(javafx.scene.Node::isVisible)
                .findFirst().orElseThrow());
        escapeOnFocusOwner();
        ConsoleFixture.waitFor(10, () -> results.getTabs().isEmpty() && results.getScene() == null);
    }

    private String runsBeside(int step) throws Exception {
        return ConsoleFixture.onFx(() -> {
            if (fx.console().runbook().engine().getDocument() == null) {
                return ""; // between two loads
            }
            Element runs = fx.console().runbook().engine().getDocument().getElementById("step-runs-" + step);
            return runs == null ? "" : runs.getTextContent();
        });
    }

    @Test
    void aStepShowsItsLastRunBesideItWithItsOutputOneClickAway(FxRobot robot) throws Exception {
        showDiskFull();
        assertThat(runsBeside(1)).isEmpty();
        runFirstStepOnDb1(robot);

        until(20, () -> runsBeside(1).contains("db1"));
        assertThat(runsBeside(1)).matches("\\d\\d:\\d\\d:\\d\\d · db1 · exit 0 · \\d+\\.\\d s · by \\S+ Output Re-run");
        assertThat(runsBeside(2)).isEmpty();
        long seq = events(EventType.RUN_RESULT).get(0).seq();
        fx.waitForLinks("baton:output/" + seq, "baton:rerun/" + seq);

        fx.click("baton:output/" + seq);
        ConsoleFixture.waitFor(10, () -> robot.lookup("#run-output").tryQuery().isPresent());
        assertThat(robot.lookup("#run-output").queryTextInputControl().getText())
                .startsWith("$ df -h -x tmpfs -x devtmpfs").contains("Filesystem", "exit 0");
        TabPane results = robot.lookup("#results-pane").queryAs(TabPane.class);
        assertThat(ConsoleFixture.onFx(() -> results.getSelectionModel().getSelectedItem().getText()))
                .startsWith("db1: df -h -x tmpfs -x devtmpfs df -i").doesNotContain("\n");
    }
    @Test
    void aRunOnANodeLeavesThePageWhereItWas(FxRobot robot) throws Exception {
        showDiskFull();
        ConsoleFixture.onFx(() -> fx.console().runbook().engine()
                .executeScript("document.querySelector('a[href=\"baton:tick/3\"]').scrollIntoView(true)"));
        until(10, () -> ((Number) scrollY()).intValue() > 200);
        Object before = scrollY();

        runFirstStepOnDb1(robot);

        until(20, () -> runsBeside(1).contains("exit 0"));
        until(10, () -> events(EventType.RUN_RESULT).size() == 1);
        // Every recorded event re-renders the page; the last one must land where the first left it.
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        until(10, () -> ConsoleFixture.onFx(() -> fx.console().runbook().engine().getLoadWorker().getState()
                == javafx.concurrent.Worker.State.SUCCEEDED) && runsBeside(1).contains("exit 0"));
        assertThat(scrollY()).isEqualTo(before);
    }
    /** A fan-out records an event per node: the page is rendered again several times in a row. */
    @Test
    void renderedAgainSeveralTimesInARowThePageStaysWhereItWas() throws Exception {
        showDiskFull();
        ConsoleFixture.onFx(() -> fx.console().runbook().engine()
                .executeScript("document.querySelector('a[href=\"baton:tick/3\"]').scrollIntoView(true)"));
        until(10, () -> ((Number) scrollY()).intValue() > 200);
        Object before = scrollY();

        for (int round = 0; round < 5; round++) {
            ConsoleFixture.onFx(() -> {
                for (int i = 0; i < 6; i++) {
                    fx.console().runbook().refresh();
                }
                return null;
            });
            int at = round;
            try {
                until(20, () -> ConsoleFixture.onFx(() -> fx.console().runbook().engine().getLoadWorker().getState()
                        == javafx.concurrent.Worker.State.SUCCEEDED) && before.equals(scrollY()));
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("round " + at + ": the page ended at " + scrollY() + ", not " + before, e);
            }
        }
    }
}
