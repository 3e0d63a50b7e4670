package dev.baton.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.ssh.OutputSpool;
import dev.baton.ssh.RunOutcome;
import dev.baton.ssh.RunResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenIncidentTest {
    @TempDir
    Path data;

    private IncidentStore store() {
        return new IncidentStore(data);
    }

    @Test
    void anIncidentIsAFolderThatBecomesCurrentAndIsNamedByItsStart() throws Exception {
        IncidentStore store = store();
        try (OpenIncident incident = store.start("Disk full on db1", "P2", "NodeFilesystemAlmostFull", "ana",
                Instant.parse("2026-11-24T03:12:05Z"))) {
            assertThat(incident.info().id()).isEqualTo("20261124-031205-disk-full-on-db1");
            assertThat(store.currentId()).contains(incident.info().id());
            assertThat(incident.timeline().events()).singleElement()
                    .satisfies(e -> assertThat(e.type()).isEqualTo(EventType.INCIDENT_STARTED))
                    .satisfies(e -> assertThat(e.text("responder")).isEqualTo("ana"));
        }
        assertThat(store.list()).extracting(IncidentInfo::title).containsExactly("Disk full on db1");
    }

    @Test
    void onlyOneBatonMayHoldAnIncident() throws Exception {
        IncidentStore store = store();
        try (OpenIncident incident = store.start("x", "", "", "ana", Instant.now())) {
            assertThatThrownBy(() -> store.open(incident.info().id()))
                    .isInstanceOf(IncidentBusyException.class).hasMessageContaining("open in another Baton");
        }
    }

    @Test
    void aSessionThatEndedWithoutClosingIsRecoveredAndSaysSo() throws Exception {
        IncidentStore store = store();
        String id;
        Path folder;
        try (OpenIncident incident = store.start("x", "", "", "ana", Instant.now())) {
            id = incident.info().id();
            folder = incident.folder();
        }
        try (OpenIncident clean = store.open(id)) {
            assertThat(clean.wasRecovered()).isFalse();
        }
        // What a kill leaves: the session marker, a half-written temporary file, a torn timeline line.
        Files.writeString(folder.resolve(".session-open"), "12345");
        Files.writeString(folder.resolve("notes.md.999.1" + AtomicFiles.TEMP_SUFFIX), "half");
        Files.writeString(folder.resolve(OpenIncident.TIMELINE), "{\"v\":1,\"se",
                java.nio.file.StandardOpenOption.APPEND);

        try (OpenIncident recovered = store.open(id)) {
            assertThat(recovered.wasRecovered()).isTrue();
            TimelineEvent last = recovered.timeline().events().get(recovered.timeline().events().size() - 1);
            assertThat(last.type()).isEqualTo(EventType.INCIDENT_RECOVERED);
            assertThat(last.data()).containsEntry("temporaryFilesRemoved", 1);
            assertThat(last.text("problems")).contains("cut short by a crash");
        }
        try (var files = Files.list(folder)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(AtomicFiles.TEMP_SUFFIX));
        }
        assertThat(Timeline.verify(folder.resolve(OpenIncident.TIMELINE)).intact()).isTrue();
    }

    @Test
    void secretPlaceholdersAreRecordedByNameOnly() throws Exception {
        try (OpenIncident incident = store().start("x", "", "", "ana", Instant.now())) {
            Map<String, String> values = Map.of("namespace", "payments", "db_password", "hunter2-s3cret");
            incident.stepSent("rb.md", 3, "PGPASSWORD=hunter2-s3cret psql -n payments", "Local 1", values);
            incident.stepSent("rb.md", 3, "again", "Local 1", values);

            String timeline = Files.readString(incident.timeline().file());
            assertThat(timeline).doesNotContain("hunter2").contains("<db_password: not recorded>");
            assertThat(incident.variables()).containsEntry("namespace", "payments")
                    .containsEntry("db_password", "<db_password: not recorded>");
            assertThat(incident.timeline().events()).filteredOn(e -> e.type().equals(EventType.VARIABLE_SET))
                    .hasSize(2);
        }
    }

    @Test
    void checklistStateIsTheTimelinesLastWordOnEachItem() throws Exception {
        IncidentStore store = store();
        String id;
        try (OpenIncident incident = store.start("x", "", "", "ana", Instant.now())) {
            id = incident.info().id();
            incident.checklist("disk-full.md", 1, "Paged", true);
            incident.checklist("disk-full.md", 2, "Cleaned", true);
            incident.checklist("disk-full.md", 1, "Paged", false);
        }
        try (OpenIncident again = store.open(id)) {
            assertThat(again.tickedItems()).containsExactly("disk-full.md#2");
        }
    }

    @Test
    void aRunResultKeepsBothOutputsWholeInTheFolder() throws Exception {
        try (OpenIncident incident = store().start("x", "", "", "ana", Instant.now())) {
            OutputSpool out = new OutputSpool(data.resolve("spool"), "stdout", 1024);
            byte[] big = "line of output\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
            out.write(big, 0, big.length);
            OutputSpool err = new OutputSpool(data.resolve("spool"), "stderr", 1024);
            err.write("warning\n".getBytes(StandardCharsets.UTF_8), 0, 8);
            RunResult result = new RunResult("db1", "TOKEN=abc123 df -h", Instant.now(), Duration.ofMillis(1200),
                    RunOutcome.COMPLETED, 0, null, out, err, "");

            TimelineEvent event = incident.runResult(result, Map.of("api_token", "abc123"));

            assertThat(event.text("command")).isEqualTo("TOKEN=<api_token: not recorded> df -h");
            assertThat(event.data()).containsEntry("exit", 0).containsEntry("durationMs", 1200L);
            assertThat(Files.readAllBytes(incident.folder().resolve(event.text("stdout")))).isEqualTo(big);
            assertThat(Files.readString(incident.folder().resolve(event.text("stderr")))).isEqualTo("warning\n");

            String block = incident.capture("exec", "db1", event.text("command"), result.summary(), result.startedAt(),
                    out.text(), event.text("stdout"));
            assertThat(block).contains("**Capture** · db1 · ", "exit 0 in 1.2 s", "$ TOKEN=<api_token: not recorded> df -h",
                    "… 960 lines not shown …", "Full output: [" + event.text("stdout") + "]");
        }
    }

    @Test
    void notesAreSavedWholeAndTheTimelineHearsOfItSparingly() throws Exception {
        try (OpenIncident incident = store().start("x", "", "", "ana", Instant.now())) {
            incident.saveNotes("first", false);
            incident.saveNotes("first draft", false);
            incident.saveNotes("first draft", true);
            assertThat(Files.readString(incident.folder().resolve(OpenIncident.NOTES))).isEqualTo("first draft");
            List<TimelineEvent> saved = incident.timeline().events().stream()
                    .filter(e -> e.type().equals(EventType.NOTE_SAVED)).toList();
            assertThat(saved).hasSize(2);
            assertThat(saved.get(1).text("sha256")).isEqualTo(Timeline.sha256("first draft"));
        }
    }

    @Test
    void aCurrentPointerToAFolderThatIsGoneIsIgnored() throws Exception {
        IncidentStore store = store();
        Files.createDirectories(data);
        Files.writeString(data.resolve("current-incident"), "../../etc");
        assertThat(store.currentId()).isEmpty();
    }
    @Test
    void aConnectionThatNeverCameUpIsRecordedWithWhy() throws Exception {
        try (OpenIncident incident = store().start("x", "", "", "ana", Instant.now())) {
            incident.connectionFailed("db1", "auth failed", "no key was accepted for root@10.0.0.5");

            TimelineEvent line = incident.timeline().events().get(1);
            assertThat(line.type()).isEqualTo(EventType.CONNECTION_FAILED);
            assertThat(IncidentEvents.of(line)).isEqualTo(
                    new IncidentEvent.ConnectionFailed("db1", "auth failed", "no key was accepted for root@10.0.0.5"));
            assertThat(EventWords.describe(line)).isEqualTo("Could not connect to db1 (auth failed): no key was "
                    + "accepted for root@10.0.0.5");
        }
    }
}
