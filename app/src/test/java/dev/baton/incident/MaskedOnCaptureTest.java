package dev.baton.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.ssh.OutputSpool;
import dev.baton.ssh.RunOutcome;
import dev.baton.ssh.RunResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A secret in captured output or a run's output is masked as it is written: the incident folder never holds it. */
class MaskedOnCaptureTest {
    private static final String KEY = "AKIAQ3EGRTN7WZ5XK2PD";
    private static final String PASSWORD = "db-Hunter-2207";

    @TempDir
    Path dir;

    @Test
    void capturesAndRunOutputsHoldTheMarkNeverTheSecret() throws Exception {
        IncidentStore store = new IncidentStore(dir.resolve("data"));
        Path folder;
        try (OpenIncident incident = store.start("Leaky logs", "P2", "", "ana", Instant.now())) {
            folder = incident.folder();
            String shortBlock = incident.capture("terminal", "local", "env | grep AWS", "completed", Instant.now(),
                    "AWS_ACCESS_KEY_ID=" + KEY + "\n");
            assertThat(shortBlock).contains("«masked: ").doesNotContain(KEY);
            String log = "line of output\n".repeat(200) + "export MYSQL_PWD=" + PASSWORD + "\n" + "tail\n".repeat(100);
            String longBlock = incident.capture("terminal", "db1", "cat deploy.log", "completed", Instant.now(), log);
            assertThat(longBlock).doesNotContain(PASSWORD);
            assertThat(incident.timeline().events()).map(TimelineEvent::typed)
                    .filteredOn(IncidentEvent.CaptureTaken.class::isInstance).map(IncidentEvent.CaptureTaken.class::cast)
                    .extracting(IncidentEvent.CaptureTaken::masked).containsExactly(1, 1);
            assertThat(incident.timeline().events()).map(line -> EventWords.describe(line))
                    .anySatisfy(words -> assertThat(words).endsWith("(1 secret masked)"));

            OutputSpool out = new OutputSpool(dir.resolve("spool"), "stdout", 1 << 20);
            byte[] printed = ("key id " + KEY + "\nredis-cli -a " + PASSWORD + " ping\nPONG\n").getBytes(StandardCharsets.UTF_8);
            out.write(printed, 0, printed.length);
            OutputSpool err = new OutputSpool(dir.resolve("spool"), "stderr", 1 << 20);
            incident.runResult(new RunResult("db1", "aws sts get-caller-identity", Instant.now(), Duration.ofMillis(40),
                    RunOutcome.COMPLETED, 0, null, out, err, ""), Map.of());
        }
        StringBuilder everything = new StringBuilder();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                everything.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        assertThat(everything.toString()).doesNotContain(KEY).doesNotContain(PASSWORD);
        String utf8 = new String(everything.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        assertThat(utf8).contains("«masked: aws-access-key»").contains("«masked: password-");
        try (Stream<Path> captures = Files.list(folder.resolve("captures"))) {
            assertThat(captures.filter(p -> p.toString().endsWith("stdout.txt")).findFirst().map(p -> readUtf8(p)))
                    .hasValueSatisfying(text -> assertThat(text).isEqualTo(
                            "key id «masked: aws-access-key»\nredis-cli -a «masked: password-option» ping\nPONG\n"));
        }
    }

    private static String readUtf8(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
