package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.runbook.Runbook;
import dev.baton.runbook.Seeds;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** Finding things by keyboard alone: the search results and the palette. */
class KeyboardUiTest extends ConsoleTest {
    @Override
    protected Path runbooks() {
        return Seeds.shippedRunbooks();
    }

    private Runbook shown() throws Exception {
        return ConsoleFixture.onFx(() -> fx.console().runbook().shownRunbookProperty().get());
    }

    private static void shortcut(FxRobot robot, KeyCode key) {
        robot.press(KeyCode.CONTROL, key).release(key, KeyCode.CONTROL);
    }

    @Test
    void searchResultsMoveWithUpAndDownOpenWithEnterAndShowASnippet(FxRobot robot) throws Exception {
        fx.waitForLibrary();
        robot.clickOn("#status");
        shortcut(robot, KeyCode.K);
        robot.write("replica");
        ListView<?> list = robot.lookup("#runbook-list").queryListView();
        ConsoleFixture.waitFor(10, () -> list.getItems().size() >= 2
                && list.getItems().stream().allMatch(r -> r instanceof Runbook));
        List<?> hits = ConsoleFixture.onFx(() -> List.copyOf(list.getItems()));
        ConsoleFixture.waitFor(10, () -> robot.lookup(".search-snippet").queryAll().stream()
                .anyMatch(label -> ((Label) label).getText().toLowerCase(Locale.ROOT).contains("replica")));

        robot.type(KeyCode.DOWN, KeyCode.DOWN);
        ConsoleFixture.waitFor(5, () -> list.getSelectionModel().getSelectedIndex() == 1);
        assertThat(shown()).as("moving through the results opens nothing yet").isNull();
        robot.type(KeyCode.ENTER);
        ConsoleFixture.waitFor(10, () -> fx.console().runbook().shownRunbookProperty().get() == hits.get(1));

        robot.type(KeyCode.UP, KeyCode.ENTER);
        ConsoleFixture.waitFor(10, () -> fx.console().runbook().shownRunbookProperty().get() == hits.get(0));
        ConsoleFixture.waitFor(20, () -> ((Runbook) hits.get(0)).title().equals(fx.console().runbook().engine().getTitle()));
    }

    @Test
    void openListsIncidentsNewestFirstWithTheirStateAndOpensOneByKeyboard(FxRobot robot) throws Exception {
        var store = new dev.baton.incident.IncidentStore(dataFolder);
        try (var old = store.start("Disk full on db1", "P2", "", "ana", java.time.Instant.parse("2026-11-20T03:00:00Z"))) {
            old.end();
        }
        try (var newer = store.start("Replica lag", "P1", "", "bo", java.time.Instant.parse("2026-11-22T03:00:00Z"))) {
            newer.timeline().append(new dev.baton.incident.IncidentEvent.ChecklistTicked("r.md", 1, "checked"));
        }
        store.clearCurrent();
        ConsoleFixture.waitFor(10, () -> robot.lookup("#incident-open").tryQuery().isPresent());
        robot.clickOn("#incident-open");
        ConsoleFixture.waitFor(10, () -> robot.lookup("#incident-open-table").tryQuery().isPresent());
        javafx.scene.control.TableView<?> table = robot.lookup("#incident-open-table").queryTableView();
        List<String> rows = ConsoleFixture.onFx(() -> {
            List<String> all = new java.util.ArrayList<>();
            for (int row = 0; row < table.getItems().size(); row++) {
                List<String> cells = new java.util.ArrayList<>();
                for (var column : table.getColumns()) {
                    cells.add(String.valueOf(column.getCellData(row)));
                }
                all.add(String.join(" | ", cells));
            }
            return all;
        });
        assertThat(ConsoleFixture.onFx(() -> table.getColumns().stream().map(c -> c.getText()).toList()))
                .containsExactly("Title", "Severity", "Started", "State", "Responders", "Last activity", "Where");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).startsWith("Replica lag | P1 | 2026-11-2").contains(" | open | bo | ").endsWith(" | here");
        assertThat(rows.get(1)).startsWith("Disk full on db1 | P2 | 2026-11-").contains(" | ended | ana | ").endsWith(" | here");

        robot.type(KeyCode.DOWN, KeyCode.ENTER);
        ConsoleFixture.waitFor(20, () -> robot.lookup("#incident-title").queryLabeled().getText()
                .contains("Disk full on db1"));
    }

    @Test
    void thePaletteFindsAMisspeltAlertAndOpensItsRunbookByKeyboard(FxRobot robot) throws Exception {
        fx.waitForLibrary();
        robot.clickOn("#status");
        shortcut(robot, KeyCode.P);
        ConsoleFixture.waitFor(10, () -> robot.lookup("#palette-field").tryQuery()
                .map(field -> field.isFocused()).orElse(false));
        robot.type(KeyCode.ESCAPE);
        ConsoleFixture.waitFor(10, () -> robot.lookup("#palette-field").tryQuery().isEmpty());

        shortcut(robot, KeyCode.P);
        ConsoleFixture.waitFor(10, () -> robot.lookup("#palette-field").tryQuery()
                .map(field -> field.isFocused()).orElse(false));
        robot.targetWindow(robot.lookup("#palette-field").query().getScene().getWindow()).write("KubePodCrashLopoing");
        ListView<?> list = robot.lookup("#palette-list").queryListView();
        try {
            ConsoleFixture.waitFor(10, () -> !list.getItems().isEmpty() && String.valueOf(list.getItems().get(0))
                    .contains("key=KubePodCrashLooping"));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the palette lists " + ConsoleFixture.onFx(() -> List.copyOf(list.getItems()))
                    + " for " + robot.lookup("#palette-field").queryTextInputControl().getText(), e);
        }
        robot.type(KeyCode.DOWN, KeyCode.ENTER);

        ConsoleFixture.waitFor(20, () -> "Kubernetes pod crash-looping".equals(fx.console().runbook().engine().getTitle()));
        assertThat(robot.lookup("#palette-field").tryQuery()).isEmpty();
    }
    @Test
    void ctrlKAndCtrlLReachTheLibraryFromATerminalAndAnotherTabKeepingWhatWasTyped(FxRobot robot) throws Exception {
        fx.waitForLibrary();
        var shell = fx.openLocalShells(0).get(0);
        ConsoleFixture.onFx(() -> {
            fx.console().showNodesTab();
            shell.widget().getPane().requestFocus();
            return null;
        });
        ConsoleFixture.waitFor(10, () -> shell.widget().getPane().getScene().getFocusOwner() != null
                && !(shell.widget().getPane().getScene().getFocusOwner() instanceof javafx.scene.control.TextField));

        shortcut(robot, KeyCode.K);
        ConsoleFixture.waitFor(10, () -> robot.lookup("#runbook-search").query().isFocused());
        assertThat(ConsoleFixture.onFx(() -> fx.console().lookup("#runbook-search").isVisible()))
                .as("the Runbooks tab is in front").isTrue();
        robot.write("disk");
        ConsoleFixture.waitFor(10, () -> "disk".equals(robot.lookup("#runbook-search").queryTextInputControl().getText()));

        ConsoleFixture.onFx(() -> {
            fx.console().showFiringTab();
            shell.widget().getPane().requestFocus();
            return null;
        });
        shortcut(robot, KeyCode.L);
        ConsoleFixture.waitFor(10, () -> robot.lookup("#alert-field").query().isFocused());
        assertThat(robot.lookup("#runbook-search").queryTextInputControl().getText())
                .as("what was typed in the search is kept").isEqualTo("disk");
        assertThat(shell.widget().text()).as("the terminal got neither key").doesNotContain("^K").doesNotContain("^L");

        ConsoleFixture.onFx(() -> {
            shell.widget().getPane().requestFocus();
            return null;
        });
        shortcut(robot, KeyCode.K);
        ConsoleFixture.waitFor(10, () -> robot.lookup("#runbook-search").query().isFocused());
        assertThat(robot.lookup("#runbook-search").queryTextInputControl().getText()).isEqualTo("disk");
    }

    @Test
    void searchResultsListEachRunbookOnce(FxRobot robot) throws Exception {
        fx.waitForLibrary();
        robot.clickOn("#status");
        shortcut(robot, KeyCode.K);
        ListView<?> list = robot.lookup("#runbook-list").queryListView();
        for (String query : List.of("node", "pod", "kubectl", "certificate expiry", "disk full", "replica")) {
            ConsoleFixture.onFx(() -> {
                robot.lookup("#runbook-search").queryTextInputControl().setText(query);
                return null;
            });
            ConsoleFixture.waitFor(10, () -> robot.lookup(".search-snippet").queryAll().stream()
                    .anyMatch(label -> ((Label) label).getText() != null && !((Label) label).getText().isEmpty()));
            List<?> items = ConsoleFixture.onFx(() -> List.copyOf(list.getItems()));
            assertThat(items).as("results for " + query).doesNotHaveDuplicates();
            assertThat(ConsoleFixture.onFx(() -> list.lookupAll(".list-cell").stream()
                    .map(javafx.scene.control.ListCell.class::cast)
                    .filter(cell -> cell.isVisible() && cell.isEmpty() && cell.getGraphic() != null).count()))
                    .as("empty rows showing an earlier result, after " + query).isZero();
        }
    }

    @Test
    void thePaletteSaysNoMatches(FxRobot robot) throws Exception {
        fx.waitForLibrary();
        robot.clickOn("#status");
        shortcut(robot, KeyCode.P);
        ConsoleFixture.waitFor(10, () -> robot.lookup("#palette-field").tryQuery()
                .map(field -> field.isFocused()).orElse(false));
        robot.targetWindow(robot.lookup("#palette-field").query().getScene().getWindow()).write("qqzzxxwwvv");
        ConsoleFixture.waitFor(10, () -> robot.lookup("#palette-empty").tryQuery()
                .map(label -> label.isVisible() && ((Label) label).getText().equals("No matches")).orElse(false));
        robot.type(KeyCode.ESCAPE);
    }
}
