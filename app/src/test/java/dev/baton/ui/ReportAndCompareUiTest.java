package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.incident.EventType;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** Incident ▸ Export report… writes the open incident's report; a run's output compares with another run of its step. */
class ReportAndCompareUiTest extends IncidentConsoleTest {
    @Test
    void theReportIsExportedAndTwoRunsOfAStepAreCompared(FxRobot robot) throws Exception {
        showDiskFull();
        runFirstStepOnDb1(robot);
        runFirstStepOnDb1(robot);
        until(30, () -> events(EventType.RUN_RESULT).size() >= 2);
        String command = events(EventType.RUN_RESULT).get(0).text("command");

        MenuBar bar = robot.lookup(".menu-bar").queryAs(MenuBar.class);
        assertThat(ConsoleFixture.onFx(() -> bar.getMenus().stream().flatMap(m -> m.getItems().stream())
                .map(MenuItem::getText).toList())).contains("Export report…");
        Path report = Files.createTempDirectory(dir, "report").resolve("incident-report.md");
        Path folder = incident().folder();
        ConsoleFixture.onFx(() -> {
            fx.console().reports().exportTo(folder, report);
            return null;
        });
        until(20, () -> Files.exists(report));
        assertThat(Files.readString(report)).startsWith("# ").contains("## What happened", "## Commands run")
                .contains("```sh\n" + command.strip() + "\n```");

        long first = events(EventType.RUN_RESULT).get(0).seq();
        long second = events(EventType.RUN_RESULT).get(1).seq();
        fx.waitForLinks("baton:output/" + first);
        fx.click("baton:output/" + first);
        ConsoleFixture.waitFor(10, () -> robot.lookup("#run-compare").tryQuery().isPresent());
        DialogButtons.press(robot, "#run-compare");
        ConsoleFixture.waitFor(20, () -> robot.lookup("#run-compare-ok").tryQuery().isPresent());
        String offered = ConsoleFixture.onFx(() -> ((javafx.scene.control.ComboBox<?>) robot
                .lookup("#run-compare-dialog .combo-box").query()).getValue().toString());
        assertThat(offered).contains("This incident", "db1", "#" + second);
        DialogButtons.close(robot, "#run-compare-ok");
        ConsoleFixture.waitFor(20, () -> robot.lookup("#run-diff").tryQuery().isPresent());
        String diff = robot.lookup("#run-diff").queryTextInputControl().getText();
        assertThat(diff).satisfiesAnyOf(d -> assertThat(d).isEqualTo("(same output)"),
                d -> assertThat(d).contains("#" + first + " db1", "#" + second + " db1"));
    }
}
