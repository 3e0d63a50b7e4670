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
}
