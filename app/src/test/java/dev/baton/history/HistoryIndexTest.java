package dev.baton.history;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.baton.incident.OpenIncident;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class HistoryIndexTest {
    private static final Map<String, String> CHECKOUT = Map.of("service", "checkout", "namespace", "shop", "node", "db01");

    @TempDir
    Path data;

    private PastIncidentWriter writer() {
        return new PastIncidentWriter(data);
    }

    /** Alice deletes a pod on db01, Bob the same on db02; Alice's notes say what fixed it. */
    private String[] twoIncidents() throws Exception {
        PastIncidentWriter w = writer();
        String first;
        try (OpenIncident incident = w.start("Checkout crash loop", "alice", "KubePodCrashLooping", CHECKOUT,
                Instant.now().minus(2, ChronoUnit.DAYS))) {
            first = incident.info().id();
            w.run(incident, "pods/crashloop", 1, "kubectl get pods -n shop", "db01", 0, 300, "checkout-7f  CrashLoopBackOff\n");
            w.run(incident, "pods/crashloop", 2, "kubectl delete pod checkout-7f -n shop", "db01", 0, 900,
                    "pod \"checkout-7f\" deleted\n");
            incident.saveNotes("Rolled back the deploy; the pod came back healthy.", true);
            incident.end();
        }
        String second;
        try (OpenIncident incident = w.start("Disk full", "bob", "", Map.of(), Instant.now().minus(1, ChronoUnit.DAYS))) {
            second = incident.info().id();
            w.run(incident, "disk/full", 1, "kubectl delete pod logs-shipper-1", "db02", 1, 200, "Error from server (NotFound)\n");
        }
        return new String[] {first, second};
    }

    private HistoryIndex index() {
        return HistoryIndex.of(writer().store());
    }

    @Test
    void findsCommandsOutputsNotesAndAlertLabelsWithTheirIncidentAndEvent() throws Exception {
        String[] ids = twoIncidents();
        try (HistoryIndex index = index()) {
            HistoryUpdate update = index.update();
            assertThat(update.incidents()).isEqualTo(2);
            assertThat(update.tampered()).isEmpty();

            List<HistoryHit> deletes = index.search(HistoryQuery.of("kubectl delete pod"));
            assertThat(deletes).extracting(HistoryHit::incident).contains(ids[0], ids[1]);
            assertThat(deletes).allSatisfy(hit -> assertThat(hit.words()).containsIgnoringCase("delete pod"));

            List<HistoryHit> alicesOnDb01 = index.search(new HistoryQuery("kubectl delete pod", null, "DB01", "alice", 50));
            assertThat(alicesOnDb01).isNotEmpty().allSatisfy(hit -> {
                assertThat(hit.incident()).isEqualTo(ids[0]);
                assertThat(hit.by()).isEqualTo("alice");
                assertThat(hit.nodes()).containsExactly("db01");
                assertThat(hit.title()).isEqualTo("Checkout crash loop");
            });
            assertThat(alicesOnDb01).extracting(HistoryHit::type).contains("step.run", "run.result");
            HistoryHit run = alicesOnDb01.stream().filter(hit -> hit.type().equals("step.run")).findFirst().orElseThrow();
            assertThat(lineOf(ids[0], run.seq())).contains("\"seq\":" + run.seq(), "kubectl delete pod checkout-7f");

            assertThat(index.search(HistoryQuery.of("CrashLoopBackOff"))).singleElement()
                    .satisfies(hit -> assertThat(hit.snippet()).contains("checkout-7f  CrashLoopBackOff"));
            assertThat(index.search(HistoryQuery.of("rolled back"))).extracting(HistoryHit::type).containsExactly("notes");
            assertThat(index.search(HistoryQuery.of("namespace shop checkout"))).extracting(HistoryHit::type)
                    .contains("alert.opened");
            assertThat(index.search(new HistoryQuery("kubectl", null, "", "bob", 50)))
                    .extracting(HistoryHit::incident).containsOnly(ids[1]);
            assertThat(index.search(new HistoryQuery("kubectl", Instant.now().plus(1, ChronoUnit.DAYS), "", "", 50))).isEmpty();
            assertThat(index.search(HistoryQuery.of("nothing-like-this"))).isEmpty();
        }
    }

    @Test
    void catchesUpWithOnlyTheEventsWrittenSinceItLastLooked() throws Exception {
        PastIncidentWriter w = writer();
        try (OpenIncident incident = w.start("Slow queries", "carol", "", Map.of(), Instant.now());
                HistoryIndex index = index()) {
            w.run(incident, "db/slow", 1, "psql -c 'select 1'", "db03", 0, 10, "1\n");
            long first = index.update().events();
            assertThat(first).isGreaterThan(0);
            assertThat(index.update().events()).isZero();

            w.run(incident, "db/slow", 2, "vacuumdb --analyze orders", "db03", 0, 10, "done\n");

            assertThat(index.update().events()).isEqualTo(2); // the step.run and its run.result
            assertThat(index.search(HistoryQuery.of("vacuumdb"))).hasSize(2);
            assertThat(index.search(HistoryQuery.of("psql"))).hasSize(2);
        }
    }

    @Test
    void garbageInTheIndexFolderIsRebuiltFromTheTimelinesAndSaysSo() throws Exception {
        String[] ids = twoIncidents();
        Path folder;
        List<HistoryHit> before;
        try (HistoryIndex index = index()) {
            index.update();
            before = index.search(HistoryQuery.of("kubectl"));
            folder = index.folder();
        }
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.write(file, "this is not a Lucene file\u0000\u0001".repeat(50).getBytes(StandardCharsets.UTF_8));
            }
        }
        Logger logger = (Logger) LoggerFactory.getLogger(HistoryIndex.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        try (HistoryIndex index = index()) {
            HistoryUpdate update = index.update();

            assertThat(update.rebuilt()).isTrue();
            assertThat(update.incidents()).isEqualTo(2);
            assertThat(index.search(HistoryQuery.of("kubectl"))).isEqualTo(before).isNotEmpty();
            assertThat(before).extracting(HistoryHit::incident).contains(ids[0], ids[1]);
        } finally {
            logger.detachAppender(log);
        }
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(line -> assertThat(line).contains("history index", "damaged", "rebuilding it from the incidents' timelines"));
    }

    @Test
    void aDeletedIndexIsMadeAgain() throws Exception {
        twoIncidents();
        Path folder;
        try (HistoryIndex index = index()) {
            index.update();
            folder = index.folder();
        }
        try (var files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        try (HistoryIndex index = index()) {
            assertThat(index.update().rebuilt()).isTrue();
            assertThat(index.search(HistoryQuery.of("kubectl delete pod"))).hasSize(4);
        }
    }

    @Test
    void aTamperedTimelineIsReportedAndNotSearched() throws Exception {
        String[] ids = twoIncidents();
        try (HistoryIndex index = index()) {
            index.update();
            assertThat(index.search(HistoryQuery.of("checkout-7f"))).isNotEmpty();

            // Someone hides that a pod was deleted: the command becomes harmless in the recorded line.
            Path timeline = data.resolve("incidents").resolve(ids[0]).resolve("timeline.jsonl");
            String text = Files.readString(timeline);
            assertThat(text).contains("kubectl delete pod checkout-7f");
            Files.writeString(timeline, text.replace("kubectl delete pod checkout-7f", "kubectl describe pod checkout-7f"));

            HistoryUpdate update = index.update();

            assertThat(update.tampered()).singleElement().satisfies(tampered -> {
                assertThat(tampered.incident()).isEqualTo(ids[0]);
                assertThat(tampered.message()).contains(ids[0], "does not verify", "line");
            });
            assertThat(index.search(HistoryQuery.of("checkout-7f"))).isEmpty();
            assertThat(index.search(HistoryQuery.of("describe"))).isEmpty();
            assertThat(index.search(HistoryQuery.of("logs-shipper-1"))).isNotEmpty();
            assertThat(index.lastTime("KubePodCrashLooping", CHECKOUT, 5)).isEmpty();
            // Still reported on the next look, without reading it again.
            assertThat(index.update().tampered()).extracting(HistoryUpdate.Tampered::incident).containsExactly(ids[0]);
        }
    }

    @Test
    void aTimelineTamperedBeforeItWasEverIndexedIsLeftOut() throws Exception {
        String[] ids = twoIncidents();
        Path timeline = data.resolve("incidents").resolve(ids[1]).resolve("timeline.jsonl");
        List<String> lines = Files.readAllLines(timeline);
        lines.remove(1);
        Files.write(timeline, lines);
        try (HistoryIndex index = index()) {
            assertThat(index.update().tampered()).extracting(HistoryUpdate.Tampered::incident).containsExactly(ids[1]);
            assertThat(index.search(HistoryQuery.of("kubectl delete pod"))).extracting(HistoryHit::incident)
                    .containsOnly(ids[0]);
        }
    }

    @Test
    void anIncidentRemovedFromTheFolderLeavesTheIndex() throws Exception {
        String[] ids = twoIncidents();
        try (HistoryIndex index = index()) {
            index.update();
            try (var files = Files.walk(data.resolve("incidents").resolve(ids[1]))) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            assertThat(index.update().removed()).isEqualTo(1);
            assertThat(index.search(HistoryQuery.of("kubectl"))).extracting(HistoryHit::incident).containsOnly(ids[0]);
        }
    }

    private String lineOf(String incident, long seq) throws Exception {
        return Files.readAllLines(data.resolve("incidents").resolve(incident).resolve("timeline.jsonl")).get((int) seq - 1);
    }
}
