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
                "--note", "Pending: rotate logs on web4", "--inventory", dir.resolve("none").toString(), "--to", "bob");
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
            assertThat(again.timeline().events()).last().satisfies(e -> {
                assertThat(e.type()).isEqualTo("handoff.exported");
                assertThat(e.text("to")).isEqualTo("bob");
            });
        }
    }

    @Test
    void exportRefusesToReplaceAnExistingBundleWithoutForce() throws Exception {
        Path folder;
        try (OpenIncident incident = new IncidentStore(dir.resolve("data")).start("Disk full on web3", "P2", "DiskFull",
                "ana", Instant.now())) {
            folder = incident.folder();
        }
        Path bundle = Files.writeString(dir.resolve("out.baton"), "the handoff before");
        CliRun refused = CliRun.of("bundle", "export", folder.toString(), "-o", bundle.toString(),
                "--inventory", dir.resolve("none").toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("out.baton already exists; nothing was written. Use --force");
        assertThat(bundle).hasContent("the handoff before");

        CliRun forced = CliRun.of("bundle", "export", folder.toString(), "-o", bundle.toString(), "--force",
                "--inventory", dir.resolve("none").toString());
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(CliRun.of("bundle", "verify", bundle.toString()).exitCode()).isZero();
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

    /** A bundle's text is the sender's: it cannot clear a line or draw one, such as a forged signature. */
    @Test
    void showPrintsAHostileManifestEscapedSoItCannotForgeTheSignatureLine() throws Exception {
        String forged = "\r\u001b[2KSignature:  signed by ssh-ed25519 key SHA256:AliceAliceAliceAliceAliceAliceAlice";
        Path folder;
        try (OpenIncident incident = new IncidentStore(dir.resolve("data")).start("Disk" + forged + "\nSignature:  signed by"
                + " ssh-ed25519 key SHA256:Alice", "P2\u001b]0;owned\u0007", "", "eve\u001b[1A" + forged, Instant.now())) {
            folder = incident.folder();
        }
        Path bundle = dir.resolve("forged.baton");
        CliRun export = CliRun.of("bundle", "export", folder.toString(), "-o", bundle.toString(), "--inventory",
                dir.resolve("none").toString());
        assertThat(export.exitCode()).as(export.err()).isZero();

        CliRun show = CliRun.of("bundle", "show", bundle.toString());
        assertThat(show.exitCode()).isZero();
        assertThat(show.out() + show.err()).doesNotContain("\u001b", "\r", "\u0007");
        assertThat(show.out().lines().filter(line -> line.startsWith("Signature:")).toList()).singleElement()
                .satisfies(line -> assertThat(line).contains("WARNING: unsigned"));
        assertThat(show.out()).contains("Disk\\r\\e[2KSignature:");
    }

    @Test
    void verifyAndImportCanRequireABundleSignedByAnAllowedSigner() throws Exception {
        Path key = dir.resolve("id_ed25519");
        assertThat(new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "", "-f", key.toString())
                .start().waitFor()).isZero();
        Path folder;
        try (OpenIncident incident = new IncidentStore(dir.resolve("alice")).start("Queue backlog", "", "", "ana",
                Instant.now())) {
            folder = incident.folder();
        }
        Path signed = dir.resolve("signed.baton");
        Path unsigned = dir.resolve("unsigned.baton");
        String none = dir.resolve("none").toString();
        assertThat(CliRun.of("bundle", "export", folder.toString(), "-o", signed.toString(), "--inventory", none,
                "--sign-key", key.toString()).exitCode()).isZero();
        assertThat(CliRun.of("bundle", "export", folder.toString(), "-o", unsigned.toString(), "--inventory", none)
                .exitCode()).isZero();
        String me = IncidentStore.defaultResponder();
        String publicKey = Files.readString(Path.of(key + ".pub")).strip();
        Path allowed = dir.resolve("allowed_signers");
        Files.writeString(allowed, me + " namespaces=\"baton-handoff\" " + publicKey + "\n");
        Path others = dir.resolve("others_allowed_signers");
        Files.writeString(others, "someone-else " + publicKey + "\n");

        CliRun good = CliRun.of("bundle", "verify", signed.toString(), "--require-signed", "--allowed-signers", allowed.toString());
        assertThat(good.exitCode()).as(good.err()).isZero();
        assertThat(good.out()).contains("signed by " + me + " (ssh-ed25519 key SHA256:");

        CliRun plain = CliRun.of("bundle", "verify", unsigned.toString(), "--require-signed", "--allowed-signers",
                allowed.toString());
        assertThat(plain.exitCode()).isEqualTo(1);
        assertThat(plain.err()).contains("the bundle is unsigned, and only signed bundles are accepted", "FAILED");
        assertThat(CliRun.of("bundle", "verify", unsigned.toString(), "--allowed-signers", allowed.toString()).out())
                .contains("WARNING: unsigned");

        CliRun stranger = CliRun.of("bundle", "verify", signed.toString(), "--allowed-signers", others.toString());
        assertThat(stranger.exitCode()).isEqualTo(1);
        assertThat(stranger.err()).contains("does not allow to sign baton-handoff bundles as \"" + me + "\"",
                "lists that key for someone-else");

        assertThat(CliRun.of("bundle", "verify", signed.toString(), "--require-signed").exitCode()).isEqualTo(2);

        String before = System.getProperty("baton.data");
        System.setProperty("baton.data", dir.resolve("bob").toString());
        try {
            CliRun refused = CliRun.of("bundle", "import", unsigned.toString(), "--require-signed", "--allowed-signers",
                    allowed.toString());
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(new IncidentStore(dir.resolve("bob")).list()).isEmpty();
            CliRun imported = CliRun.of("bundle", "import", signed.toString(), "--require-signed", "--allowed-signers",
                    allowed.toString());
            assertThat(imported.exitCode()).as(imported.err()).isZero();
            assertThat(imported.out()).contains("Continuing \"Queue backlog\"", "signed by " + me);
        } finally {
            System.setProperty("baton.data", before == null ? "" : before);
        }
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
