package dev.baton.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.incident.IncidentStore;
import dev.baton.incident.OpenIncident;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets that used to leave in a bundle outside the files' text: titles, names, recordings. */
class BundleLeaksTest {
    private static final String AWS = "AKIAIOSFODNN7EXAMPLE";
    private static final String TOKEN = "ghp_R8mN2xQ7vL4kT9pW3sY6zB1cD5fG0hJ8aK2e";
    private static final String ESC = "\u001b";

    @TempDir
    Path dir;

    @Test
    void theTitleTheIdAndEveryFileNameLeaveWithoutTheSecret() throws Exception {
        Path bundle = dir.resolve("b.baton");
        String originalId;
        try (OpenIncident incident = new IncidentStore(dir.resolve("alice"))
                .start("db down password=hunter2 " + AWS, "P1", "", "ana", Instant.parse("2026-11-24T03:12:05Z"))) {
            originalId = incident.info().id();
            incident.capture("selection", "web password=hunter2 " + AWS, "", "", Instant.now(),
                    "replication lag 00:04:12\n".repeat(100));
            Path recordings = Files.createDirectories(incident.folder().resolve("recordings"));
            Files.writeString(recordings.resolve("20261124-031300-" + AWS + ".cast"),
                    "{\"version\":2,\"width\":80,\"height\":24,\"title\":\"password=hunter2\"}\n[0.1,\"o\",\"$ \"]\n");
            var plain = IncidentFixture.request("", IncidentFixture.runbook(dir), incident, Set.of());
            String recording = BundleWriter.scan(incident.folder(), plain).stream().map(Redactor.Found::finding)
                    .filter(f -> f.kind().equals(RecordingRedactor.KIND)).findFirst().orElseThrow().id();
            BundleWriter.export(incident.folder(), keeping(plain, recording), bundle);
            assertThat(BundleWriter.bundleId(incident.info())).startsWith("20261124-031205-")
                    .doesNotContainIgnoringCase("hunter2").doesNotContainIgnoringCase("iosfodnn7");
        }
        // The id is made from the masked title: the folder never held the secret, and the bundle's id is redacted
        // again all the same (a folder made before ids were masked).
        assertThat(originalId.toLowerCase(Locale.ROOT)).doesNotContain("hunter2").doesNotContain("iosfodnn7")
                .startsWith("20261124-031205-db-down-password-masked");

        Map<String, String> files = read(bundle);
        assertThat(files.keySet()).anyMatch(n -> n.startsWith("captures/")).anyMatch(n -> n.startsWith("recordings/"));
        for (var file : files.entrySet()) {
            assertThat(file.getKey()).doesNotContainIgnoringCase("hunter2").doesNotContainIgnoringCase("iosfodnn7");
            assertThat(file.getValue()).as(file.getKey()).doesNotContainIgnoringCase("hunter2")
                    .doesNotContainIgnoringCase("iosfodnn7");
        }
        BundleManifest manifest = BundleReader.verify(bundle).manifest();
        assertThat(manifest.incident().title()).startsWith("db down password=[REDACTED:");
        assertThat(manifest.incident().id()).startsWith("20261124-031205-db-down-password-redacted");
        assertThat(manifest.redactions()).extracting(BundleManifest.Redaction::file).contains("incident.json");

        var imported = BundleImporter.importBundle(bundle, new IncidentStore(dir.resolve("bob")));
        try (OpenIncident incident = imported.incident()) {
            assertThat(incident.folder().getFileName().toString()).doesNotContainIgnoringCase("hunter2")
                    .doesNotContainIgnoringCase("iosfodnn7");
        }
    }

    @Test
    void aRecordingStaysBehindUnlessKeptAndThenWhatItShowedIsRedacted() throws Exception {
        StringBuilder cast = new StringBuilder("{\"version\":2,\"width\":80,\"height\":24,\"title\":\"Local 1\"}\n");
        double t = 0;
        // The shell echoes a typed token one character per event.
        for (char c : ("$ export GITHUB_TOKEN=" + TOKEN).toCharArray()) {
            cast.append(event(t += 0.05, String.valueOf(c)));
        }
        cast.append(event(t += 0.05, "\r\n"));
        // Colour escapes split secrets; a typo is rubbed out with backspaces.
        cast.append(event(t += 0.05, "password=" + ESC + "[01;31mhunter2" + ESC + "[0m\r\n"));
        cast.append(event(t += 0.05, "key AKIA" + ESC + "[0m" + AWS.substring(4) + "\r\n$ "));
        cast.append(event(t += 0.05, "mysql -pHunX\b \b"));
        cast.append(event(t += 0.05, "t3r-db1 -e 'select 1'\r\n"));

        Path bundle = dir.resolve("b.baton");
        Path kept = dir.resolve("kept.baton");
        List<Redactor.Found> previewed;
        try (OpenIncident incident = new IncidentStore(dir.resolve("alice")).start("Recorded", "", "", "ana", Instant.now())) {
            Path recordings = Files.createDirectories(incident.folder().resolve("recordings"));
            Files.writeString(recordings.resolve("local-1.cast"), cast);
            var plain = IncidentFixture.request("", IncidentFixture.runbook(dir), incident, Set.of());
            previewed = BundleWriter.scan(incident.folder(), plain);
            var left = BundleWriter.export(incident.folder(), plain, bundle);
            assertThat(left.manifest().redactions()).anySatisfy(r -> {
                assertThat(r.kind()).isEqualTo(RecordingRedactor.KIND);
                assertThat(r.file()).isEqualTo("recordings/local-1.cast");
            });
            String recording = previewed.get(0).finding().id();
            BundleWriter.export(incident.folder(), keeping(plain, recording), kept);
        }
        assertThat(previewed).extracting(f -> f.finding().kind()).containsExactly(RecordingRedactor.KIND, "github-token",
                "password-assignment", "aws-access-key", "password-option");
        assertThat(previewed).allSatisfy(f -> assertThat(f.context()).doesNotContain(TOKEN, "hunter2", AWS, "Hunt3r"));
        assertThat(read(bundle).keySet()).noneMatch(n -> n.startsWith("recordings/"));

        String copy = read(kept).get("recordings/local-1.cast");
        StringBuilder shown = new StringBuilder();
        List<String> lines = copy.lines().toList();
        assertThat(lines).hasSize((int) cast.toString().lines().count());
        for (String line : lines.subList(1, lines.size())) {
            JsonNode event = BundleManifest.json().readTree(line);
            assertThat(event.get(1).asText()).isEqualTo("o");
            shown.append(event.get(2).asText());
        }
        String text = shown.toString().replaceAll(ESC + "\\[[0-9;]*[A-Za-z]", "").replaceAll(".\b \b", "");
        assertThat(text).doesNotContain(TOKEN, "hunter2", AWS, "Hunt3r-db1")
                .contains("$ export GITHUB_TOKEN=[REDACTED:github-token]\r\n", "password=[REDACTED:password-assignment]",
                        "key [REDACTED:aws-access-key]", "mysql -p[REDACTED:password-option] -e 'select 1'");
        assertThat(read(kept).get("manifest.json")).doesNotContain(TOKEN, "hunter2", AWS);
    }

    private static String event(double time, String text) throws Exception {
        return BundleManifest.json().writeValueAsString(List.of(time, "o", text)) + "\n";
    }

    private static BundleWriter.Request keeping(BundleWriter.Request plain, String id) {
        return new BundleWriter.Request(plain.note(), plain.createdBy(), plain.createdAt(), "test", plain.state(),
                plain.runbookFiles(), Set.of(id), null);
    }

    private static Map<String, String> read(Path bundle) throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(bundle))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                files.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }
}
