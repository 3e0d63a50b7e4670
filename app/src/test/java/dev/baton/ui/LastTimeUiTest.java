package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.alerts.AlertFixtures;
import dev.baton.history.PastIncident;
import dev.baton.history.PastIncidentWriter;
import dev.baton.incident.OpenIncident;
import dev.baton.incident.TimelineEvent;
import dev.baton.runbook.Seeds;
import dev.baton.session.AlertIncidents;
import dev.baton.session.FiringAlerts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import javafx.application.Platform;
import javafx.scene.control.ListView;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** A runbook opened from an alert shows the alert's past incidents, same namespace first, one click from each. */
class LastTimeUiTest extends ConsoleTest {
    @Override
    protected Path runbooks() {
        return Seeds.shippedRunbooks();
    }

    @Test
    void anAlertsRunbookListsItsPastIncidentsSameNamespaceFirstAndOpensOneReadOnly(FxRobot robot) throws Exception {
        fx.waitForLibrary();
        PastIncidentWriter w = new PastIncidentWriter(dataFolder);
        Instant now = Instant.now();
        String sameNamespace;
        try (OpenIncident incident = w.start("Payments pods restarting", "alice", "KubePodCrashLooping",
                Map.of("namespace", "payments", "pod", "api-a"), now.minus(20, ChronoUnit.DAYS))) {
            sameNamespace = incident.info().id();
            w.run(incident, "k8s/crashloop", 1, "kubectl -n payments get pods", "node-9", 0, 400, "api-a 0/1 CrashLoopBackOff\n");
            w.run(incident, "k8s/crashloop", 2, "kubectl -n payments logs api-a --previous", "node-9", 0, 1200, "OOMKilled\n");
            w.run(incident, "k8s/crashloop", 4, "kubectl -n payments rollout undo deploy/api", "node-9", 1, 300, "error: no rollout history\n");
            incident.end();
        }
        try (OpenIncident incident = w.start("Search pods restarting", "bob", "KubePodCrashLooping",
                Map.of("namespace", "search", "pod", "idx-1"), now.minus(2, ChronoUnit.DAYS))) {
            w.run(incident, "k8s/crashloop", 1, "kubectl -n search get pods", "node-2", 0, 200, "idx-1 1/1 Running\n");
            incident.end();
        }
        try (OpenIncident incident = w.start("Disk full on db1", "carol", "DiskFull", Map.of("namespace", "payments"), now)) {
            w.run(incident, "disk", 1, "df -h", "db1", 0, 10, "/ 99%\n");
        }
        Files.deleteIfExists(dataFolder.resolve("current-incident"));
        fx.console().history().history().catchUpNow().get(30, java.util.concurrent.TimeUnit.SECONDS);
        ConsoleFixture.onFx(() -> {
            javafx.stage.Window window = fx.console().getScene().getWindow();
            window.setWidth(1280);
            window.setHeight(720);
            return null;
        });

        FiringAlerts.Row row = AlertIncidents.pasted("{\"alerts\": [" + AlertFixtures.alert("KubePodCrashLooping",
                "critical", "payments", "api-b", "node-9:9100") + "]}", "pasted", fx.console().runbook().library());
        Platform.runLater(() -> fx.console().firing().open(row));

        @SuppressWarnings("unchecked")
        ListView<PastIncident> list = (ListView<PastIncident>) (ListView<?>) robot.lookup("#last-time-list").queryListView();
        ConsoleFixture.waitFor(20, () -> robot.lookup("#last-time").query().isVisible() && list.getItems().size() == 2);
        List<PastIncident> shown = ConsoleFixture.onFx(() -> List.copyOf(list.getItems()));
        assertThat(shown.get(0).id()).as("same namespace first, though older").isEqualTo(sameNamespace);
        assertThat(shown.get(0).responders()).containsExactly("alice");
        assertThat(shown.get(0).steps()).extracting(PastIncident.StepOutcome::step).containsExactly(1, 2, 4);
        assertThat(shown.get(1).title()).isEqualTo("Search pods restarting");
        assertThat(robot.lookup("#last-time-title").queryLabeled().getText())
                .isEqualTo("Last time KubePodCrashLooping fired (2 incidents)");
        ConsoleFixture.waitFor(20, () -> "Kubernetes pod crash-looping".equals(fx.console().runbook().engine().getTitle()));
        String cellText = ConsoleFixture.onFx(() -> robot.lookup("#last-time-list .list-cell").queryAll().stream()
                .map(cell -> ((javafx.scene.control.ListCell<?>) cell).getText()).filter(t -> t != null)
                .findFirst().orElse(""));
        assertThat(cellText).contains("alice", "MTTR 20 d", "ended", "namespace=payments", "Steps: 1 ✓ · 2 ✓ · 4 ✗ exit 1");
        Screenshots.save(fx.console().getScene(), "last-time-1280.png");

        robot.clickOn(robot.lookup("#last-time-list .list-cell").match(cell -> cell instanceof javafx.scene.control.ListCell<?> c
                && c.getItem() == shown.get(0)).<javafx.scene.Node>query());
        ConsoleFixture.waitFor(20, () -> robot.lookup("#past-incident-events").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        ListView<TimelineEvent> events = (ListView<TimelineEvent>) (ListView<?>) robot.lookup("#past-incident-events")
                .queryListView();
        ConsoleFixture.waitFor(10, () -> events.getSelectionModel().getSelectedItem() != null);
        assertThat(ConsoleFixture.onFx(() -> events.getSelectionModel().getSelectedItem().seq()))
                .isEqualTo(shown.get(0).steps().get(0).seq());

        // Another runbook shown: Last time belongs to the alert's runbook and goes.
        fx.show(runbooks().resolve("disk-full.md").normalize().toString(), "Disk full");
        ConsoleFixture.waitFor(10, () -> !robot.lookup("#last-time").query().isVisible());
    }

    @Test
    void aStepsOutputLastTimeOpensBesideTodaysRunOfItOrAloneWithANote(FxRobot robot) throws Exception {
        fx.waitForLibrary();
        PastIncidentWriter w = new PastIncidentWriter(dataFolder);
        Instant now = Instant.now();
        String past;
        try (OpenIncident incident = w.start("Payments pods restarting", "alice", "KubePodCrashLooping",
                Map.of("namespace", "payments"), now.minus(9, ChronoUnit.DAYS))) {
            past = incident.info().id();
            w.run(incident, "k8s/crashloop", 1, "kubectl -n payments get pods", "node-9", 0, 400, "api-a 0/1 CrashLoopBackOff\n");
            w.run(incident, "k8s/crashloop", 2, "kubectl -n payments logs api-a --previous", "node-9", 0, 1200,
                    "starting api\nOOMKilled after 5 restarts\n");
            incident.end();
        }
        String today;
        try (OpenIncident incident = w.start("Payments pods restarting again", "bob", "", Map.of(), now)) {
            today = incident.info().id();
            w.run(incident, "k8s/crashloop", 2, "kubectl -n payments logs api-b --previous", "node-9", 0, 900,
                    "starting api\nOOMKilled after 9 restarts\n");
        }
        fx.console().history().history().catchUpNow().get(30, java.util.concurrent.TimeUnit.SECONDS);

        FiringAlerts.Row row = AlertIncidents.pasted("{\"alerts\": [" + AlertFixtures.alert("KubePodCrashLooping",
                "critical", "payments", "api-b", "node-9:9100") + "]}", "pasted", fx.console().runbook().library());
        Platform.runLater(() -> fx.console().firing().open(row));
        @SuppressWarnings("unchecked")
        ListView<PastIncident> list = (ListView<PastIncident>) (ListView<?>) robot.lookup("#last-time-list").queryListView();
        ConsoleFixture.waitFor(30, () -> robot.lookup("#last-time").query().isVisible()
                && list.getItems().stream().anyMatch(p -> p.id().equals(past)));
        ConsoleFixture.onFx(() -> {
            list.getSelectionModel().select(list.getItems().stream().filter(p -> p.id().equals(past)).findFirst().orElseThrow());
            @SuppressWarnings("unchecked")
            javafx.scene.control.ComboBox<PastIncident.StepOutcome> steps =
                    (javafx.scene.control.ComboBox<PastIncident.StepOutcome>) robot.lookup("#last-time-step").query();
            steps.setValue(steps.getItems().stream().filter(step -> step.step() == 2).findFirst().orElseThrow());
            return null;
        });

        // Opening the alert started an incident of its own; today's run of the step is in the one written above.
        Files.writeString(dataFolder.resolve("current-incident"), today);
        robot.clickOn("#last-time-beside");
        ConsoleFixture.waitFor(20, () -> robot.lookup("#beside-diff").tryQuery().isPresent());
        assertThat(robot.lookup("#beside-past").queryTextInputControl().getText()).contains("OOMKilled after 5 restarts");
        assertThat(robot.lookup("#beside-today").queryTextInputControl().getText()).contains("OOMKilled after 9 restarts");
        assertThat(robot.lookup("#beside-diff").queryTextInputControl().getText())
                .contains(past + " #", today + " #", "-OOMKilled after 5 restarts", "+OOMKilled after 9 restarts",
                        " starting api");
        assertThat(robot.lookup("#beside-note").queryLabeled().isVisible()).isFalse();
        Screenshots.save(robot.lookup("#beside-diff").query().getScene(), "last-time-beside-1280.png");
        ConsoleFixture.onFx(() -> {
            ((javafx.stage.Stage) robot.lookup("#beside-diff").query().getScene().getWindow()).close();
            return null;
        });

        // No incident being worked on: last time's output alone, and the note says why.
        Files.delete(dataFolder.resolve("current-incident"));
        robot.clickOn("#last-time-beside");
        ConsoleFixture.waitFor(20, () -> robot.lookup("#beside-past").tryQuery().isPresent());
        assertThat(robot.lookup("#beside-past").queryTextInputControl().getText()).contains("OOMKilled after 5 restarts");
        assertThat(robot.lookup("#beside-today").tryQuery()).isEmpty();
        assertThat(robot.lookup("#beside-diff").tryQuery()).isEmpty();
        assertThat(robot.lookup("#beside-note").queryLabeled().getText()).contains("No run of this step", "today's incident");
    }
}
