package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.history.HistoryHit;
import dev.baton.history.PastIncidentWriter;
import dev.baton.incident.OpenIncident;
import dev.baton.incident.TimelineEvent;
import dev.baton.runbook.Seeds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** Searching past incidents from the window, and opening one read-only at the event found. */
class HistoryUiTest extends ConsoleTest {
    @Override
    protected Path runbooks() {
        return Seeds.shippedRunbooks();
    }

    /** Two incidents recorded earlier (by this Baton or another), caught up as the window does at its start. */
    private String pastIncidents() throws Exception {
        PastIncidentWriter w = new PastIncidentWriter(dataFolder);
        String checkout;
        try (OpenIncident incident = w.start("Checkout crash loop", "alice", "KubePodCrashLooping",
                Map.of("service", "checkout"), Instant.now().minus(9, ChronoUnit.DAYS))) {
            checkout = incident.info().id();
            for (int i = 0; i < 30; i++) {
                w.run(incident, "pods/crashloop", 1, "kubectl get pods -n shop # " + i, "db01", 0, 100, "ok\n");
            }
            w.run(incident, "pods/crashloop", 2, "kubectl delete pod checkout-7f -n shop", "db01", 0, 900,
                    "pod \"checkout-7f\" deleted\n");
            incident.end();
        }
        try (OpenIncident incident = w.start("Disk full", "bob", "", Map.of(), Instant.now().minus(1, ChronoUnit.DAYS))) {
            w.run(incident, "disk/full", 1, "df -h", "db02", 0, 100, "/ 99%\n");
        }
        Files.deleteIfExists(dataFolder.resolve("current-incident"));
        fx.console().history().history().catchUpNow().get(30, java.util.concurrent.TimeUnit.SECONDS);
        return checkout;
    }

    @SuppressWarnings("unchecked")
    private static ListView<HistoryHit> results(FxRobot robot) {
        return (ListView<HistoryHit>) (ListView<?>) robot.lookup("#history-results").queryListView();
    }

    @Test
    void ctrlShiftFFindsWhoDeletedAPodAndAClickOpensThatIncidentReadOnlyAtTheEvent(FxRobot robot) throws Exception {
        fx.waitForLibrary();
        String checkout = pastIncidents();
        Path timeline = dataFolder.resolve("incidents").resolve(checkout).resolve("timeline.jsonl");
        byte[] recorded = Files.readAllBytes(timeline);

        robot.clickOn("#status");
        robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.F);
        ConsoleFixture.waitFor(10, () -> robot.lookup("#history-query").tryQuery().map(q -> q.isFocused()).orElse(false));
        robot.write("kubectl delete pod");
        ListView<HistoryHit> results = results(robot);
        ConsoleFixture.waitFor(20, () -> results.getItems().size() == 2);
        HistoryHit run = ConsoleFixture.onFx(() -> results.getItems().stream()
                .filter(hit -> hit.type().equals("step.run")).findFirst().orElseThrow());
        assertThat(run.incident()).isEqualTo(checkout);
        assertThat(run.by()).isEqualTo("alice");
        assertThat(robot.lookup("#history-status").queryLabeled().getText()).startsWith("2 events, newest first");

        // Search runs as the words are typed: a later answer may replace the list with equal hits, and its cells
        // are laid out on a later pulse. Click the cell once one shows this hit.
        ConsoleFixture.onFx(() -> {
            results.getSelectionModel().select(run);
            return null;
        });
        ConsoleFixture.waitFor(10, () -> robot.lookup(".list-cell").match(cell -> cell instanceof
                javafx.scene.control.ListCell<?> c && run.equals(c.getItem())).tryQuery().isPresent());
        robot.clickOn(robot.lookup(".list-cell").match(cell -> cell instanceof javafx.scene.control.ListCell<?> c
                && run.equals(c.getItem())).<javafx.scene.Node>query());

        ConsoleFixture.waitFor(20, () -> robot.lookup("#past-incident-events").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        ListView<TimelineEvent> events = (ListView<TimelineEvent>) (ListView<?>) robot.lookup("#past-incident-events")
                .queryListView();
        ConsoleFixture.waitFor(10, () -> events.getSelectionModel().getSelectedItem() != null);
        TimelineEvent shown = ConsoleFixture.onFx(() -> events.getSelectionModel().getSelectedItem());
        assertThat(shown.seq()).isEqualTo(run.seq());
        assertThat(shown.text("text")).isEqualTo("kubectl delete pod checkout-7f -n shop");
        assertThat(robot.lookup("#past-incident-title").queryLabeled().getText()).isEqualTo("Checkout crash loop — read-only");
        assertThat(robot.lookup("#past-incident-problems").query().isVisible()).isFalse();
        // Read, not taken: nothing written to it, and the responder's own session has no incident open.
        assertThat(Files.readAllBytes(timeline)).isEqualTo(recorded);
        assertThat(app.session().snapshot().get()).isEmpty();
        closePastIncidentWindows();
    }

    @Test
    void thePaletteOpensTheSearchAndATamperedTimelineIsSaidToBeSo(FxRobot robot) throws Exception {
        fx.waitForLibrary();
        String checkout = pastIncidents();
        Path timeline = dataFolder.resolve("incidents").resolve(checkout).resolve("timeline.jsonl");
        Files.writeString(timeline, Files.readString(timeline).replace("checkout-7f", "checkout-0f"));
        fx.console().history().history().catchUpNow().get(30, java.util.concurrent.TimeUnit.SECONDS);
        org.testfx.util.WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                () -> fx.status().contains("their timeline does not verify: " + checkout));

        robot.clickOn("#status");
        robot.push(KeyCode.CONTROL, KeyCode.P);
        ConsoleFixture.waitFor(10, () -> robot.lookup("#palette-field").tryQuery().map(f -> f.isFocused()).orElse(false));
        robot.targetWindow(robot.lookup("#palette-field").query().getScene().getWindow()).write("search past incidents");
        ListView<?> list = robot.lookup("#palette-list").queryListView();
        try {
            ConsoleFixture.waitFor(10, () -> list.getItems().stream()
                    .anyMatch(item -> String.valueOf(item).contains("Search past incidents")));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the palette lists " + ConsoleFixture.onFx(() -> List.copyOf(list.getItems())), e);
        }
        ConsoleFixture.onFx(() -> {
            for (int i = 0; i < list.getItems().size(); i++) {
                if (String.valueOf(list.getItems().get(i)).contains("Search past incidents")) {
                    list.getSelectionModel().select(i);
                    break;
                }
            }
            return null;
        });
        robot.type(KeyCode.ENTER);
        ConsoleFixture.waitFor(10, () -> robot.lookup("#history-query").tryQuery().map(q -> q.isFocused()).orElse(false));

        robot.write("run on"); // every step run says so: in both incidents
        ListView<HistoryHit> results = results(robot);
        // Each keystroke searches: wait for the answer to the whole query, which has hits, not one to "run o".
        ConsoleFixture.waitFor(20, () -> robot.lookup("#history-status").queryLabeled().getText()
                .contains("Left out, their timeline does not verify: " + checkout)
                && !results.getItems().isEmpty());
        assertThat(ConsoleFixture.onFx(() -> List.copyOf(results.getItems()))).isNotEmpty()
                .allSatisfy(hit -> assertThat(hit.incident()).isNotEqualTo(checkout));

        robot.type(KeyCode.ESCAPE);
        ConsoleFixture.waitFor(10, () -> robot.lookup("#history-search").tryQuery().map(p -> p.getParent() == null)
                .orElse(true));
    }

    private static void closePastIncidentWindows() throws Exception {
        ConsoleFixture.onFx(() -> {
            for (Window window : List.copyOf(Window.getWindows())) {
                if (window.getScene() != null && window.getScene().lookup("#past-incident-events") != null) {
                    ((javafx.stage.Stage) window).close();
                }
            }
            return null;
        });
    }
}
