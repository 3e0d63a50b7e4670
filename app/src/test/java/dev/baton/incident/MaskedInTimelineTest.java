package dev.baton.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secret in an event's text (a token typed into a step, a line edited before Enter, a command run on nodes) is
 * masked before the line is hashed and written: the incident folder never holds it, and the chain verifies.
 */
class MaskedInTimelineTest {
    private static final String GITHUB = "ghp_" + "Q3e7Rtn7Wz5xK2pdLm4Vb8Ny1Hs6Jc0Fa9Ug";
    private static final String BEARER = "eW91IHNoYWxsIG5vdCBwYXNzIHRoaXM";
    private static final String PASSWORD = "db-Hunter-2207";

    @TempDir
    Path dir;

    /** The id names the folder, the team remote's refs and bundle paths: no fragment of a token in a title. */
    @Test
    void anIncidentIdIsMadeFromTheTitleWithItsSecretsMasked() throws Exception {
        IncidentStore store = new IncidentStore(dir.resolve("data"));
        try (OpenIncident incident = store.start("CI broken, token " + GITHUB + " revoked?", "P2", "", "ana",
                Instant.now())) {
            String id = incident.folder().getFileName().toString();
            assertThat(id).contains("ci-broken-token-masked").doesNotContain("ghp")
                    .doesNotContain(GITHUB.substring(4, 14).toLowerCase(java.util.Locale.ROOT));
        }
    }

    @Test
    void typedAndRunTextHoldsTheMarkNeverTheSecret() throws Exception {
        IncidentStore store = new IncidentStore(dir.resolve("data"));
        Path folder;
        try (OpenIncident incident = store.start("Leaky steps", "P2", "", "ana", Instant.now())) {
            folder = incident.folder();
            TimelineEvent sent = incident.stepSent("db.md", 2, "curl -H 'Authorization: Bearer " + BEARER + "' http://db1/",
                    "local", Map.of(), false);
            incident.stepOutcome(new IncidentEvent.StepEntered("db.md", 2, "local",
                    "GITHUB_TOKEN=" + GITHUB + " gh api /user", true, sent.seq()), Map.of());
            incident.stepRun("db.md", 3, "redis-cli -a " + PASSWORD + " ping", List.of("db1"), Map.of(), null);
            incident.variablesFrom(Map.of("dsn", "postgres://app:" + PASSWORD + "@db1/app"), "alert DbDown");

            List<TimelineEvent> events = incident.timeline().events();
            assertThat(events).filteredOn(e -> e.type().startsWith("step.") || e.type().equals(EventType.VARIABLE_SET))
                    .allSatisfy(e -> assertThat(e.data().get("masked")).isEqualTo(1));
            assertThat(events).map(EventWords::describe)
                    .anySatisfy(words -> assertThat(words).contains("«masked: bearer-token»").endsWith("(1 secret masked)"));
        }
        assertThat(Timeline.verify(folder.resolve(OpenIncident.TIMELINE)).intact()).isTrue();
        StringBuilder everything = new StringBuilder();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                everything.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        assertThat(everything.toString()).doesNotContain(GITHUB).doesNotContain(BEARER).doesNotContain(PASSWORD);
        String utf8 = new String(everything.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        assertThat(utf8).contains("«masked: github-token»").contains("«masked: password-option»")
                .contains("«masked: url-password»");
    }
}
