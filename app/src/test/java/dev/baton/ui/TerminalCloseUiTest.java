package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.runbook.Seeds;
import dev.baton.terminal.TerminalSession;
import dev.baton.ui.terminal.TerminalTab;
import java.nio.file.Path;
import java.util.List;
import javafx.event.Event;
import javafx.scene.control.Tab;
import org.junit.jupiter.api.Test;

/**
 * A terminal closed by its tab's close button or by the menu ends its shell, and its view stops repainting on
 * the FX thread first: JavaFX's animation timer changed from another thread broke a later frame.
 */
class TerminalCloseUiTest extends ConsoleTest {
    @Override
    protected Path runbooks() {
        return Seeds.shippedRunbooks();
    }

    @Test
    void aTerminalClosedEitherWayEndsItsShellAndBreaksNoFrame() throws Exception {
        try (UncaughtFailures uncaught = new UncaughtFailures()) {
            List<TerminalTab> shells = fx.openLocalShells(2);
            TerminalTab second = shells.get(1);
            TerminalTab third = shells.get(2);
            List<TerminalSession> closed = List.of(second.session(), third.session());

            ConsoleFixture.onFx(() -> {
                fx.console().terminals().getSelectionModel().select(second);
                fx.console().terminals().closeActive();
                // As the tab's close button does: the tab leaves, then hears it is closed.
                fx.console().terminals().getTabs().remove(third);
                Event.fireEvent(third, new Event(Tab.CLOSED_EVENT));
                return null;
            });

            ConsoleFixture.waitFor(10, () -> closed.stream().noneMatch(TerminalSession::isAlive));
            org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
            assertThat(uncaught.all()).isEmpty();
            assertThat(ConsoleFixture.onFx(() -> fx.console().terminals().all())).extracting(TerminalTab::name)
                    .containsExactly("Local 1");
        }
    }
}
