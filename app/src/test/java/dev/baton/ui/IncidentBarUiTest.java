package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.runbook.Seeds;
import java.nio.file.Path;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** End is always reachable: a long title is shortened, and at a narrow width the actions move into a menu. */
class IncidentBarUiTest extends ConsoleTest {
    @Override
    protected Path runbooks() {
        return Seeds.shippedRunbooks();
    }

    /** Whether the node is shown and lies wholly inside the window's scene. */
    private static boolean withinWindow(Node node) {
        if (node == null || !node.isVisible() || node.getScene() == null) {
            return false;
        }
        for (Node up = node; up != null; up = up.getParent()) {
            if (!up.isVisible()) {
                return false;
            }
        }
        Bounds bounds = node.localToScene(node.getBoundsInLocal());
        return bounds.getWidth() > 0 && bounds.getMinX() >= 0 && bounds.getMaxX() <= node.getScene().getWidth() + 0.5
                && bounds.getMinY() >= 0 && bounds.getMaxY() <= node.getScene().getHeight() + 0.5;
    }

    @Test
    void aLongTitleInANarrowWindowLeavesEndOrItsMenuInTheWindow(FxRobot robot) throws Exception {
        ConsoleFixture.waitFor(10, () -> fx.console().lookup("#incident-end") != null);
        String title = "Checkout latency above SLO in eu-west while the payment provider degrades ".repeat(3).substring(0, 200);
        app.session().start(title, "P1", "").get();
        ConsoleFixture.waitFor(10, () -> ((javafx.scene.control.Label) fx.console().lookup("#incident-title"))
                .getText().contains("Checkout"));
        Stage stage = ConsoleFixture.onFx(() -> (Stage) fx.console().getScene().getWindow());
        ConsoleFixture.onFx(() -> {
            stage.setWidth(900);
            stage.setHeight(640);
            return null;
        });
        ConsoleFixture.waitFor(5, () -> fx.console().getScene().getWidth() <= 900);
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();

        boolean endShown = ConsoleFixture.onFx(() -> withinWindow(fx.console().lookup("#incident-end")));
        boolean menuShown = ConsoleFixture.onFx(() -> withinWindow(fx.console().lookup("#incident-more")));
        assertThat(endShown || menuShown)
                .as("End, or the menu holding it, inside the 900-pixel window; End is at "
                        + ConsoleFixture.onFx(() -> {
                            Node end = fx.console().lookup("#incident-end");
                            return end.localToScene(end.getBoundsInLocal()).toString();
                        }))
                .isTrue();
        if (!endShown) {
            robot.clickOn("#incident-more");
            ConsoleFixture.waitFor(10, () -> robot.lookup("#incident-more-end").tryQuery().isPresent());
            assertThat(ConsoleFixture.onFx(() -> robot.lookup("#incident-more-end").query().isVisible())).isTrue();
        }
        String shown = ConsoleFixture.onFx(() -> ((javafx.scene.control.Label) fx.console().lookup("#incident-title")).getText());
        assertThat(shown).as("the whole title stays in the label, shortened only on screen").contains(title.strip());
        boolean titleInWindow = ConsoleFixture.onFx(() -> withinWindow(fx.console().lookup("#incident-title")));
        assertThat(titleInWindow).as("the title is shortened to the window, not pushed past it").isTrue();
    }
}
