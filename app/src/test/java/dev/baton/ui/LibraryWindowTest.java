package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.runbook.Runbook;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The first window, headless: the shipped runbooks load, search narrows them, a runbook opens. */
@ExtendWith(ApplicationExtension.class)
class LibraryWindowTest {
    @Start
    void start(Stage stage) {
        new BatonApp().start(stage);
    }

    @Test
    void findsAShippedRunbookBySearch(FxRobot robot) throws Exception {
        ListView<Runbook> list = robot.lookup("#runbook-list").queryListView();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> list.getItems().size() >= 10);
        assertThat(robot.lookup("#status").queryAs(Label.class).getText()).contains("runbooks from");

        robot.clickOn("#runbook-search").write("disk fu");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> !list.getItems().isEmpty() && list.getItems().get(0).path().endsWith("disk-full.md"));

        robot.interact(() -> list.getSelectionModel().select(0));
        Label title = robot.lookup("#runbook-title").queryAs(Label.class);
        assertThat(title.getText()).isEqualTo(list.getItems().get(0).title());
        ListView<?> steps = robot.lookup("#runbook-steps").queryListView();
        assertThat(steps.getItems()).isNotEmpty();
    }

    @Test
    void shortcutFocusesSearch(FxRobot robot) {
        robot.clickOn("#runbook-list");
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.K)
                .release(javafx.scene.input.KeyCode.K, javafx.scene.input.KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#runbook-search").queryAs(TextField.class).isFocused()).isTrue();
    }
}
