package dev.baton.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.testfx.api.FxRobot;

/**
 * Clicks in dialogs the way a responder does: on a button that is shown and has stopped moving. A dialog
 * sizes itself to its content and is placed over its owner a pulse or two after it shows (a wrapped command
 * grows it), so a click aimed at a button's first position can land beside it on a busy machine.
 */
final class DialogButtons {
    private static final int STEADY_SAMPLES = 3;
    /** Longer than a pulse, so each sample may see a new layout. */
    private static final long SAMPLE_MILLIS = 40;

    private DialogButtons() {
    }

    /** Clicks the shown node the query names once its place on screen is the same over a few pulses. */
    static void press(FxRobot robot, String query) throws Exception {
        robot.clickOn(steady(robot, query));
    }

    /** Presses the button and waits for its dialog to close, saying which button did not close it. */
    static void close(FxRobot robot, String query) throws Exception {
        Node button = steady(robot, query);
        Window dialog = ConsoleFixture.onFx(() -> button.getScene().getWindow());
        robot.clickOn(button);
        try {
            ConsoleFixture.waitFor(10, () -> !dialog.isShowing());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the dialog is still open after a click on " + query, e);
        }
    }

    /** Closes any window but the console left open by a test that failed halfway, so the next starts clean. */
    static void closeLeftovers(Window console) throws Exception {
        ConsoleFixture.onFx(() -> {
            for (Window window : new ArrayList<>(Window.getWindows())) {
                if (window != console && window instanceof Stage stage) {
                    stage.close();
                }
            }
            return null;
        });
    }

    private static Node steady(FxRobot robot, String query) throws Exception {
        List<Bounds> places = new ArrayList<>();
        Node found = null;
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Node node = ConsoleFixture.onFx(() -> robot.lookup(query).match(DialogButtons::shown).tryQuery()
                    .orElse(null));
            if (node != found) {
                places.clear();
                found = node;
            }
            if (node != null) {
                places.add(ConsoleFixture.onFx(() -> node.localToScreen(node.getLayoutBounds())));
                if (places.size() > STEADY_SAMPLES) {
                    places.remove(0);
                }
                if (places.size() == STEADY_SAMPLES && places.stream().allMatch(p -> Objects.equals(p, places.get(0)))) {
                    return node;
                }
            }
            Thread.sleep(SAMPLE_MILLIS);
        }
        throw new AssertionError("no steady, shown " + query + " in 10 s; its last places: " + places);
    }

    private static boolean shown(Node node) {
        return node.isVisible() && !node.isDisabled() && node.getScene() != null && node.getScene().getWindow() != null
                && node.getScene().getWindow().isShowing();
    }
}
