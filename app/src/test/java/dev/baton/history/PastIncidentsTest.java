package dev.baton.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.incident.OpenIncident;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Last time panel's and step memory's questions, over incidents written by the incident code. */
class PastIncidentsTest {
    @TempDir
    Path data;

    @Test
    void lastTimeListsTheSameServiceFirstThenTheNewestWithWhoHowLongAndTheSteps() throws Exception {
        PastIncidentWriter w = new PastIncidentWriter(data);
        Instant now = Instant.now();
        String sameService;
        try (OpenIncident incident = w.start("Checkout crash loop", "alice", "KubePodCrashLooping",
                Map.of("service", "checkout", "namespace", "shop"), now.minus(30, ChronoUnit.DAYS))) {
            sameService = incident.info().id();
            w.run(incident, "pods/crashloop", 1, "kubectl logs checkout-7f", "db01", 0, 400, "OOMKilled\n");
            w.run(incident, "pods/crashloop", 3, "kubectl rollout undo deploy/checkout", "db01", 0, 2000, "rolled back\n");
            incident.end();
        }
        String otherNewer;
        try (OpenIncident incident = w.start("Cart crash loop", "bob", "KubePodCrashLooping",
                Map.of("service", "cart", "namespace", "shop"), now.minus(2, ChronoUnit.DAYS))) {
            otherNewer = incident.info().id();
            w.run(incident, "pods/crashloop", 1, "kubectl logs cart-1", "db02", 1, 100, "error\n");
        }
        String otherOlder;
        try (OpenIncident incident = w.start("Search crash loop", "carol", "KubePodCrashLooping",
                Map.of("service", "search", "namespace", "web"), now.minus(40, ChronoUnit.DAYS))) {
            otherOlder = incident.info().id();
        }
        try (OpenIncident incident = w.start("Disk full", "dan", "DiskFull", Map.of("service", "checkout"), now)) {
            w.run(incident, "disk/full", 1, "df -h", "db01", 0, 10, "/ 99%\n");
        }

        try (HistoryIndex index = HistoryIndex.of(w.store())) {
            index.update();
            List<PastIncident> past = index.lastTime("KubePodCrashLooping",
                    Map.of("service", "checkout", "namespace", "prod", "pod", "checkout-9z"), 10);

            assertThat(past).extracting(PastIncident::id).containsExactly(sameService, otherNewer, otherOlder);
            PastIncident first = past.get(0);
            assertThat(first.responders()).containsExactly("alice");
            assertThat(first.state()).isEqualTo("ended");
            assertThat(first.mttrSeconds()).isGreaterThanOrEqualTo(30L * 24 * 3600);
            assertThat(first.labels()).containsEntry("service", "checkout");
            assertThat(first.steps()).extracting(PastIncident.StepOutcome::step, PastIncident.StepOutcome::text,
                    PastIncident.StepOutcome::exit).containsExactly(
                            org.assertj.core.groups.Tuple.tuple(1, "kubectl logs checkout-7f", 0),
                            org.assertj.core.groups.Tuple.tuple(3, "kubectl rollout undo deploy/checkout", 0));
            assertThat(past.get(1).state()).isEqualTo("open");
            assertThat(past.get(1).mttrSeconds()).isNull();
            assertThat(past.get(1).steps()).singleElement().satisfies(step -> assertThat(step.failed()).isTrue());
            assertThat(index.lastTime("KubePodCrashLooping", Map.of(), 2)).extracting(PastIncident::id)
                    .containsExactly(otherNewer, sameService);
            assertThat(index.lastTime("NoSuchAlert", Map.of(), 5)).isEmpty();
        }
    }

    @Test
    void stepMemoryCountsRunsAndFailuresAndSaysWhenAStepFailedTheLastThreeTimes() throws Exception {
        PastIncidentWriter w = new PastIncidentWriter(data);
        long[] durations = {100, 300, 200, 900};
        for (int i = 0; i < 4; i++) {
            try (OpenIncident incident = w.start("Disk full " + i, "alice", "DiskFull", Map.of(), Instant.now())) {
                w.run(incident, "disk/full", 1, "df -h", "db01", 0, durations[i], "/ 9" + i + "%\n");
                // Nodes the step never reached took no time: they leave the median alone.
                PastIncidentWriter.unreachable(incident, "disk/full", 1, "df -h", "db02");
                PastIncidentWriter.unreachable(incident, "disk/full", 1, "df -h", "db03");
                // The cleanup step worked once, then failed three times in a row.
                w.run(incident, "disk/full", 2, "journalctl --vacuum-size=100M", "db01", i == 0 ? 0 : 1, 50,
                        i == 0 ? "Vacuuming done\n" : "Failed to open journal " + i + "\n");
            }
        }
        try (HistoryIndex index = HistoryIndex.of(w.store())) {
            index.update();
            Map<Integer, StepMemory> memory = index.stepMemory("disk/full");

            assertThat(memory).containsOnlyKeys(1, 2);
            StepMemory df = memory.get(1);
            assertThat(df.runs()).isEqualTo(4);
            assertThat(df.failures()).isZero();
            assertThat(df.medianDurationMs()).isEqualTo(300);
            assertThat(df.failedLastThree()).isFalse();
            assertThat(df.lastOutput()).isEqualTo("/ 93%\n");
            StepMemory vacuum = memory.get(2);
            assertThat(vacuum.runs()).isEqualTo(4);
            assertThat(vacuum.failures()).isEqualTo(3);
            assertThat(vacuum.failedLastThree()).isTrue();
            assertThat(vacuum.lastOutput()).isEqualTo("Failed to open journal 3\n");
            assertThat(vacuum.lastIncident()).endsWith("disk-full-3");
            assertThat(index.stepMemory("other/runbook")).isEmpty();
        }
    }
}
