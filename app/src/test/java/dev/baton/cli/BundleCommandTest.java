package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.incident.IncidentStore;
import dev.baton.incident.OpenIncident;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleCommandTest {
    @TempDir
    Path dir;

    @Test
    void exportVerifyShowAndATamperedCopyFails() throws Exception {
        Path folder;
        try (OpenIncident incident = new IncidentStore(dir.resolve("data")).start("Disk full on web3", "P2", "DiskFull",
                "ana", Instant.now())) {
            incident.stepSent("disk-full.md", 1, "df -h /var", "Local 1", Map.of());
            incident.saveNotes("cleared /var/log/old; api_key=sk_live_Zq8vN2xR7mL4kP9s\n", true);
            folder = incident.folder();
        }
        Path bundle = dir.resolve("out.baton");
        CliRun export = CliRun.of("bundle", "export", folder.toString(), "-o", bundle.toString(),
                "--note", "Pending: rotate logs on web4", "--inventory", dir.resolve("none").toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.out()).contains("1 secrets redacted, unsigned");
        assertThat(export.err()).contains("redacted password-assignment at notes.md line 1").doesNotContain("Zq8vN2xR7");

        CliRun verify = CliRun.of("bundle", "verify", bundle.toString());
        assertThat(verify.exitCode()).isZero();
        assertThat(verify.out()).contains(": OK, ", "unsigned: the SHA-256 manifest shows the bundle was not damaged");

        CliRun show = CliRun.of("bundle", "show", bundle.toString());
        assertThat(show.exitCode()).isZero();
        assertThat(show.out()).contains("Disk full on web3", "Handed off: ", "password-assignment at notes.md line 1",
                "timeline.jsonl", "handoff.html");

        byte[] bytes = Files.readAllBytes(bundle);
        Path cut = dir.resolve("cut.baton");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        CliRun failed = CliRun.of("bundle", "verify", cut.toString());
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.err()).contains("is not a complete Baton bundle", "FAILED");

        try (OpenIncident again = new IncidentStore(dir.resolve("data")).open(folder.getFileName().toString())) {
            assertThat(again.timeline().events()).last().satisfies(e -> assertThat(e.type()).isEqualTo("handoff.exported"));
        }
    }

    /** stderr lands in CI logs: a finding is named by kind and place, and no secret, nor its line, is printed. */
    @Test
    void exportNamesFindingsWithoutPrintingAnySecret() throws Exception {
        Path folder;
        try (OpenIncident incident = new IncidentStore(dir.resolve("data")).start("Leak", "", "", "ana", Instant.now())) {
            incident.saveNotes("api_key=sk_live_Zq8vN2xR7mL4kP9s then password=hunter2-ops and curl -u admin:s3cr3t-pw x\n",
                    true);
            folder = incident.folder();
        }
        CliRun export = CliRun.of("bundle", "export", folder.toString(), "-o", dir.resolve("l.baton").toString(),
                "--inventory", dir.resolve("none").toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.err()).contains("redacted password-assignment at notes.md line 1, column 9",
                "redacted password-option at notes.md line 1")
                .doesNotContain("sk_l", "Zq8vN2xR7", "hunt", "hunter2-ops", "s3cr", "••••");
        assertThat(export.out()).contains("3 secrets redacted").doesNotContain("hunter2");
    }

    @Test
    void importContinuesTheIncidentInTheDataFolder() throws Exception {
        Path folder;
        try (OpenIncident incident = new IncidentStore(dir.resolve("alice")).start("Queue backlog", "", "", "ana",
                Instant.now())) {
            folder = incident.folder();
        }
        Path bundle = dir.resolve("q.baton");
        assertThat(CliRun.of("bundle", "export", folder.toString(), "-o", bundle.toString(), "--inventory",
                dir.resolve("none").toString()).exitCode()).isZero();
        String before = System.getProperty("baton.data");
        System.setProperty("baton.data", dir.resolve("bob").toString());
        try {
            CliRun imported = CliRun.of("bundle", "import", bundle.toString());
            assertThat(imported.exitCode()).as(imported.err()).isZero();
            assertThat(imported.out()).contains("Continuing \"Queue backlog\"");
            assertThat(new IncidentStore(dir.resolve("bob")).list()).singleElement()
                    .satisfies(info -> assertThat(info.title()).isEqualTo("Queue backlog"));
        } finally {
            System.setProperty("baton.data", before == null ? "" : before);
        }
    }
}
