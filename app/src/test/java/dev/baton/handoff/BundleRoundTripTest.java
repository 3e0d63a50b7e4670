package dev.baton.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.incident.EventType;
import dev.baton.incident.IncidentStore;
import dev.baton.incident.OpenIncident;
import dev.baton.incident.Timeline;
import dev.baton.incident.TimelineEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void anIncidentComesBackWhole() throws Exception {
        IncidentStore sender = new IncidentStore(dir.resolve("alice"));
        Path runbook = IncidentFixture.runbook(dir);
        Path bundle = dir.resolve("handoff.baton");
        List<TimelineEvent> sent;
        String notes;
        Set<String> ticked;
        java.util.Map<String, String> variables;
        Path senderFolder;
        try (OpenIncident incident = IncidentFixture.busyIncident(sender, dir)) {
            sent = incident.timeline().events();
            notes = incident.notes();
            ticked = incident.tickedItems();
            variables = incident.variables();
            senderFolder = incident.folder();
            BundleWriter.Result result = BundleWriter.exportFrom(incident,
                    IncidentFixture.request("Lag still growing; next: check the WAL sender on db0.", runbook, incident,
                            Set.of()), bundle);
            assertThat(result.manifest().redactions()).isEmpty();
            assertThat(incident.timeline().events()).last().satisfies(e -> {
                assertThat(e.type()).isEqualTo(EventType.HANDOFF_EXPORTED);
                assertThat(e.text("sha256")).isEqualTo(result.sha256());
            });
        }

        IncidentStore receiver = new IncidentStore(dir.resolve("bob"));
        BundleImporter.Imported imported = BundleImporter.importBundle(bundle, receiver);
        try (OpenIncident incident = imported.incident()) {
            List<TimelineEvent> received = incident.timeline().events();
            List<String> sentLines = Files.readAllLines(senderFolder.resolve("timeline.jsonl")).subList(0, sent.size());
            assertThat(Files.readAllLines(incident.timeline().file()).subList(0, sent.size())).isEqualTo(sentLines);
            assertThat(received.subList(0, sent.size())).extracting(TimelineEvent::type)
                    .isEqualTo(sent.stream().map(TimelineEvent::type).toList());
            assertThat(received).hasSize(sent.size() + 1);
            TimelineEvent importEvent = received.get(sent.size());
            assertThat(importEvent.type()).isEqualTo(EventType.HANDOFF_IMPORTED);
            assertThat(importEvent.data()).containsEntry("from", "ana").containsEntry("signed", false);
            assertThat(Timeline.verify(incident.timeline().file()).problems()).isEmpty();
            assertThat(incident.notes()).isEqualTo(notes);
            assertThat(incident.tickedItems()).isEqualTo(ticked).containsExactly(IncidentFixture.RUNBOOK_ID + "#1");
            assertThat(incident.variables()).isEqualTo(variables)
                    .containsEntry("db_password", "<db_password: not recorded>");
            assertThat(incident.info().title()).isEqualTo("Replica lagging");
            assertSameFiles(senderFolder.resolve("captures"), incident.folder().resolve("captures"));
            assertThat(imported.note()).isEqualTo("Lag still growing; next: check the WAL sender on db0.");
            assertThat(imported.state().targets()).singleElement().satisfies(t -> {
                assertThat(t.host()).isEqualTo("10.0.4.11");
                assertThat(t.port()).isEqualTo(2222);
                assertThat(t.user()).isEqualTo("postgres");
            });
            assertThat(Files.readString(incident.folder().resolve("handoff/runbooks/postgres/replication-lag.md")))
                    .isEqualTo(Files.readString(runbook));
            assertThat(receiver.currentId()).contains(incident.info().id());
        }
    }

    @Test
    void theSummaryIsOnePageThatLoadsNothingAndEscapesTheIncident() throws Exception {
        IncidentStore store = new IncidentStore(dir.resolve("alice"));
        Path bundle = dir.resolve("handoff.baton");
        try (OpenIncident incident = IncidentFixture.busyIncident(store, dir)) {
            incident.stepSent("x.md", 1, "echo '<script>alert(1)</script>'", "Local 1", java.util.Map.of());
            BundleWriter.export(incident.folder(), IncidentFixture.request("pending: <img src=x onerror=alert(1)>",
                    IncidentFixture.runbook(dir), incident, Set.of()), bundle);
        }
        try (ZipFile zip = new ZipFile(bundle.toFile())) {
            String html = new String(zip.getInputStream(zip.getEntry("handoff.html")).readAllBytes(), StandardCharsets.UTF_8);
            assertThat(html).contains("Replica lagging", "What was tried", "psql -h db1.internal", "exit 0",
                    "Page the DBA", "&lt;script&gt;", "&lt;img src=x onerror=alert(1)&gt;", "default-src 'none'")
                    .doesNotContain("<script", "<img", "src=\"http", "href=\"javascript", "href=\"http");
        }
    }

    /**
     * The page for someone without Baton: ticked items by their text, notes rendered from Markdown with nothing
     * that runs, a run with no output said so, and a typed step that never ran marked as such.
     */
    @Test
    void theSummaryReadsAsTheResponderWroteItAndSaysWhatDidNotRun() throws Exception {
        IncidentStore store = new IncidentStore(dir.resolve("alice"));
        Path bundle = dir.resolve("handoff.baton");
        try (OpenIncident incident = IncidentFixture.busyIncident(store, dir)) {
            incident.runResult(IncidentFixture.run(dir.resolve("spool2"), "db1", "systemctl restart pgbouncer", "", 0),
                    java.util.Map.of());
            incident.stepSent("x.md", 7, "rm -rf /var/lib/old", "db1", java.util.Map.of(), false);
            incident.saveNotes("# Replica lagging\n\n**Lag** grows since 02:40.\n\n"
                    + "[click](javascript:alert(1)) <img src=x onerror=alert(1)> <script>alert(2)</script>\n", true);
            BundleWriter.export(incident.folder(), IncidentFixture.request("Next: *watch* the lag\n\n- page DBA",
                    IncidentFixture.runbook(dir), incident, Set.of()), bundle);
        }
        try (ZipFile zip = new ZipFile(bundle.toFile())) {
            String html = new String(zip.getInputStream(zip.getEntry("handoff.html")).readAllBytes(), StandardCharsets.UTF_8);
            assertThat(html).contains("<li>Page the DBA <span class=\"meta\">(postgres/replication-lag.md)</span></li>")
                    .doesNotContain("replication-lag.md#1");
            assertThat(html).contains("<strong>Lag</strong> grows", "<em>watch</em>", "<li>page DBA</li>",
                    "&lt;script&gt;alert(2)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;")
                    .doesNotContain("javascript:", "<script", "<img");
            assertThat(html).contains("systemctl restart pgbouncer</code></td><td>db1</td><td><span class=\"ok\">"
                    + "exit 0 (no output)</span>");
            assertThat(html).contains("Step 7 typed into db1 (awaiting Enter): rm -rf /var/lib/old "
                    + "<b>— never run (Enter was not pressed before the handoff)</b>");
        }
    }

    @Test
    void theSummaryShowsTheAlertsLabelsAnnotationsAndGeneratorUrlEscaped() throws Exception {
        IncidentStore store = new IncidentStore(dir.resolve("alice"));
        Path bundle = dir.resolve("handoff.baton");
        try (OpenIncident incident = IncidentFixture.busyIncident(store, dir)) {
            incident.alertOpened(new dev.baton.incident.IncidentEvent.AlertOpened("PostgresReplicationLag", "50a2", "am",
                    "firing", java.time.Instant.parse("2026-11-25T02:40:00Z"),
                    java.util.Map.of("alertname", "PostgresReplicationLag", "instance", "db1:9187",
                            "pod", "<b>x</b>; rm -rf /"),
                    java.util.Map.of("summary", "Replica db1 is 4 min behind",
                            "runbook_hint", "psql postgresql://repl:hunter2secret@db1/app"),
                    "http://prometheus.example.com/graph?g0.expr=pg_replication_lag&g0.tab=0"));
            BundleWriter.export(incident.folder(), IncidentFixture.request("see alert", IncidentFixture.runbook(dir),
                    incident, Set.of()), bundle);
        }
        try (ZipFile zip = new ZipFile(bundle.toFile())) {
            String html = new String(zip.getInputStream(zip.getEntry("handoff.html")).readAllBytes(), StandardCharsets.UTF_8);
            assertThat(html).contains("<h2>Alerts</h2>", "<h3>PostgresReplicationLag</h3>", "firing · from am",
                    "<td>instance</td><td><code>db1:9187</code>", "<code>&lt;b&gt;x&lt;/b&gt;; rm -rf /</code>",
                    "<td>summary</td><td>Replica db1 is 4 min behind</td>",
                    "<code>http://prometheus.example.com/graph?g0.expr=pg_replication_lag&amp;g0.tab=0</code>")
                    .doesNotContain("<b>x", "href=\"http", "hunter2secret");
            String info = new String(zip.getInputStream(zip.getEntry("incident.json")).readAllBytes(), StandardCharsets.UTF_8);
            assertThat(info).contains("\"alerts\"", "\"generatorURL\" : \"http://prometheus.example.com/graph");
            assertThat(info).as("an alert's annotations leave scanned like any text").doesNotContain("hunter2secret");
        }
    }

    private static void assertSameFiles(Path expected, Path actual) throws Exception {
        try (var files = Files.list(expected)) {
            List<Path> list = files.sorted().toList();
            assertThat(list).isNotEmpty();
            for (Path file : list) {
                assertThat(Files.readAllBytes(actual.resolve(file.getFileName().toString())))
                        .as(file.getFileName().toString()).isEqualTo(Files.readAllBytes(file));
            }
        }
        try (var files = Files.list(actual)) {
            assertThat(files.count()).isEqualTo(Files.list(expected).count());
        }
    }
}
