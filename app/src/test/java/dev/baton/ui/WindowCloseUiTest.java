package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.runbook.Seeds;
import dev.baton.ssh.InProcessSshServer;
import java.nio.file.Path;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** The window closed by the window manager with an SSH session open asks first; the open runbook comes back. */
class WindowCloseUiTest extends ConsoleTest {
    private static Path dir;
    private static InProcessSshServer server;

    @BeforeAll
    static void startNode() throws Exception {
        ConsoleSshNode.Trusted node = ConsoleSshNode.startTrusted("baton-close");
        dir = node.dir();
        server = node.server();
    }

    @AfterAll
    static void stopNode() throws Exception {
        ConsoleSshNode.forget();
        server.close();
        deleteQuietly(dir);
    }

    @Override
    protected Path runbooks() {
        return Seeds.shippedRunbooks();
    }

    private Stage stage() throws Exception {
        return ConsoleFixture.onFx(() -> (Stage) fx.console().getScene().getWindow());
    }

    @Test
    void aCloseFromTheWindowManagerWithAnSshSessionOpenAsksAndStaysByDefault(FxRobot robot) throws Exception {
        ConsoleFixture.waitFor(20, () -> fx.console().nodes().inventory().find("db1").isPresent());
        ConsoleFixture.onFx(() -> {
            fx.console().openSshTerminal(fx.console().nodes().inventory().find("db1").orElseThrow());
            return null;
        });
        var tab = fx.waitForTerminal("db1");
        tab.session().connector().write("echo alive-$((40+2))\n");
        fx.waitForText(tab, "alive-42", 20);
        Stage stage = stage();

        // As the window manager's close button does: the request goes through the stage's own dispatch,
        // which hides the window unless a handler consumes it. Not waited on: the question blocks the handler.
        Platform.runLater(() -> Event.fireEvent(stage, new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        try {
            ConsoleFixture.waitFor(10, () -> robot.lookup("#close-confirm").tryQuery().isPresent());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no question before closing; the window is "
                    + (ConsoleFixture.onFx(stage::isShowing) ? "still shown" : "closed"), e);
        }
        String question = ConsoleFixture.onFx(() -> ((DialogPane) robot.lookup("#close-confirm").query()).getHeaderText());
        if (!System.getProperty("baton.screenshots", "").isBlank()) {
            ConsoleFixture.onFx(() -> {
                stage.setWidth(1280);
                stage.setHeight(720);
                return null;
            });
            ConsoleFixture.waitFor(5, () -> stage.getWidth() == 1280);
            org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
            Screenshots.save(stage.getScene(), "close-confirm-window.png");
            Screenshots.save(ConsoleFixture.onFx(() -> robot.lookup("#close-confirm").query().getScene()),
                    "close-confirm-dialog.png");
        }
        assertThat(question).isEqualTo("1 SSH session is open (db1): close anyway?");
        assertThat(ConsoleFixture.onFx(() -> robot.lookup("#close-confirm-stay").queryButton().isDefaultButton()))
                .as("Don't close is what Enter does").isTrue();

        DialogButtons.close(robot, "#close-confirm-stay");
        assertThat(ConsoleFixture.onFx(stage::isShowing)).as("the window stays").isTrue();
        assertThat(ConsoleFixture.onFx(() -> fx.console().terminals().all().stream().anyMatch(t -> t.name().equals("db1"))))
                .as("the SSH terminal stays").isTrue();
        tab.session().connector().write("echo still-$((6*7))\n");
        fx.waitForText(tab, "still-42", 20);

        // Asked again and confirmed, the window closes.
        Platform.runLater(() -> Event.fireEvent(stage, new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        ConsoleFixture.waitFor(10, () -> robot.lookup("#close-confirm").tryQuery().isPresent());
        DialogButtons.close(robot, "#close-confirm-close");
        ConsoleFixture.waitFor(10, () -> !stage.isShowing());
        ConsoleFixture.onFx(() -> {
            stage.show(); // the next test's window reuses the primary stage
            return null;
        });
    }

    @Test
    void theOpenRunbookComesBackInTheNextWindow(FxRobot robot) throws Exception {
        fx.waitForLibrary();
        String id = ConsoleFixture.onFx(() -> fx.console().runbook().library().runbooks().get(1).id());
        String title = ConsoleFixture.onFx(() -> fx.console().runbook().library().find(id).orElseThrow().title());
        fx.show(id, title);
        Stage stage = stage();
        ConsoleFixture.onFx(() -> {
            stage.hide();
            app.stop();
            app = new BatonApp(runbooks());
            app.start(stage);
            fx = new ConsoleFixture(app);
            return null;
        });
        fx.waitForLibrary();
        try {
            ConsoleFixture.waitFor(20, () -> fx.console().runbook().shownRunbookProperty().get() != null
                    && fx.console().runbook().shownRunbookProperty().get().id().equals(id));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the next window shows " + ConsoleFixture.onFx(
                    () -> fx.console().runbook().shownRunbookProperty().get()) + ", not " + id, e);
        }
    }
}
