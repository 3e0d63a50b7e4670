package dev.baton.handoff;

import dev.baton.ssh.SshSignature;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.incident.IncidentStore;
import dev.baton.incident.OpenIncident;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleSecretsTest {
    @TempDir
    Path dir;

    /** Every fixture goes into every kind of file an incident has; none comes out in any file of the bundle. */
    @Test
    void noSecretReachesAnyFileOfTheBundle() throws Exception {
        String all = String.join("\n", SecretFixtures.SECRETS.stream().map(SecretFixtures.Fixture::line).toList());
        Path runbook = IncidentFixture.runbook(dir);
        Files.writeString(runbook, Files.readString(runbook) + "\n```bash\n" + all + "\n```\n");
        Path bundle = dir.resolve("b.baton");
        try (OpenIncident incident = new IncidentStore(dir.resolve("alice")).start("Leaky", "P1", "", "ana", Instant.now())) {
            incident.stepSent(IncidentFixture.RUNBOOK_ID, 1, all, "Local 1", Map.of("ns", SecretFixtures.SECRETS.get(1).value()));
            var result = IncidentFixture.run(dir.resolve("spool"), "db1", all, all + "\n", 0);
            var event = incident.runResult(result, Map.of());
            incident.capture("exec", "db1", all, "exit 0", Instant.now(), all, event.text("stdout"));
            incident.capture("selection", "Local 1", "", "", Instant.now(), (all + "\n").repeat(20));
            incident.saveNotes("# Notes\n" + all + "\n", true);
            Path recordings = incident.folder().resolve("recordings");
            Files.createDirectories(recordings);
            StringBuilder cast = new StringBuilder("{\"version\":2,\"width\":80,\"height\":24}\n");
            for (String line : all.split("\n")) {
                cast.append(dev.baton.handoff.BundleManifest.json().writeValueAsString(List.of(0.5, "o", line + "\r\n")))
                        .append('\n');
            }
            Files.writeString(recordings.resolve("local-1.cast"), cast);
            // The responder keeps the recording: what it showed is redacted.
            var request = IncidentFixture.request("Handoff: " + all, runbook, incident,
                    Set.of(new Redactor.Finding(RecordingRedactor.KIND, "recordings/local-1.cast", 0, "", 0).id()));
            BundleWriter.export(incident.folder(), request, bundle);
        }

        Map<String, String> files = read(bundle);
        assertThat(files.keySet()).contains("notes.md", "timeline.jsonl", "handoff.md", "handoff.html", "state.json",
                "recordings/local-1.cast", "runbooks/postgres/replication-lag.md", "manifest.json")
                .anyMatch(n -> n.startsWith("captures/"));
        for (var file : files.entrySet()) {
            for (SecretFixtures.Fixture fixture : SecretFixtures.SECRETS) {
                assertThat(file.getValue()).as(file.getKey() + " carries a " + fixture.kind())
                        .doesNotContain(fixture.value());
            }
        }
        BundleManifest manifest = BundleReader.verify(bundle).manifest();
        assertThat(manifest.redactions()).extracting(BundleManifest.Redaction::kind)
                .containsAll(SecretFixtures.SECRETS.stream().map(SecretFixtures.Fixture::kind).distinct().toList());
        assertThat(manifest.redactions()).extracting(BundleManifest.Redaction::file)
                .contains("notes.md", "handoff.md", "state.json", "recordings/local-1.cast",
                        "runbooks/postgres/replication-lag.md");
        // The timeline's text was masked as it was recorded: it travels as written, its chain unchanged.
        assertThat(manifest.redactions()).extracting(BundleManifest.Redaction::file).doesNotContain("timeline.jsonl");
        assertThat(manifest.timeline().headHash()).isEqualTo(manifest.timeline().sourceHeadHash());
    }

    @Test
    void aSecretTheResponderKeepsTravelsAndTheManifestSaysSo() throws Exception {
        Path bundle = dir.resolve("b.baton");
        try (OpenIncident incident = new IncidentStore(dir.resolve("alice")).start("Keep", "", "", "ana", Instant.now())) {
            incident.saveNotes("staging token: stg-demo-0000\nprod password=hunter2-prod\n", true);
            var request = IncidentFixture.request("", IncidentFixture.runbook(dir), incident, Set.of());
            List<Redactor.Found> found = BundleWriter.scan(incident.folder(), request);
            assertThat(found).hasSize(2);
            String keep = found.get(0).finding().id();
            var keeping = new BundleWriter.Request(request.note(), request.createdBy(), request.createdAt(), "test",
                    request.state(), request.runbookFiles(), Set.of(keep), null);
            var result = BundleWriter.export(incident.folder(), keeping, bundle);
            assertThat(result.manifest().kept()).singleElement().satisfies(k -> {
                assertThat(k.file()).isEqualTo("notes.md");
                assertThat(k.line()).isEqualTo(1);
            });
        }
        String notes = read(bundle).get("notes.md");
        assertThat(notes).contains("stg-demo-0000").doesNotContain("hunter2-prod");
        assertThat(read(bundle).get("manifest.json")).doesNotContain("stg-demo-0000").doesNotContain("hunter2");
    }

    @Test
    void aSignedBundleNamesItsSignerAndASwappedManifestFails() throws Exception {
        Path key = dir.resolve("id_ed25519");
        new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()).start().waitFor();
        var keys = SshSignature.loadKeyPair(key, null);
        Path bundle = dir.resolve("signed.baton");
        try (OpenIncident incident = new IncidentStore(dir.resolve("alice")).start("Signed", "", "", "ana", Instant.now())) {
            var plain = IncidentFixture.request("note", IncidentFixture.runbook(dir), incident, Set.of());
            BundleWriter.export(incident.folder(), new BundleWriter.Request(plain.note(), "ana", plain.createdAt(), "test",
                    plain.state(), plain.runbookFiles(), Set.of(),
                    manifest -> SshSignature.sign(manifest, BundleManifest.SIGNATURE_NAMESPACE, keys)), bundle);
        }
        BundleReader.Verified verified = BundleReader.verify(bundle);
        assertThat(verified.signature()).hasValueSatisfying(s -> assertThat(s.keyType()).isEqualTo("ssh-ed25519"));

        Map<String, String> entries = read(bundle);
        entries.put("manifest.json", entries.get("manifest.json").replace("\"createdBy\" : \"ana\"", "\"createdBy\" : \"eve\""));
        Path swapped = dir.resolve("swapped.baton");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(swapped))) {
            for (var entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.ISO_8859_1));
                zip.closeEntry();
            }
        }
        assertThatThrownBy(() -> BundleReader.verify(swapped)).isInstanceOf(BundleException.class)
                .hasMessageContaining("signature does not verify");
    }

    private static Map<String, String> read(Path bundle) throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(bundle))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                files.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.ISO_8859_1));
            }
        }
        return files;
    }
}
