package dev.baton.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.incident.IncidentStore;
import dev.baton.incident.OpenIncident;
import dev.baton.terminal.AsciicastRecorder;
import dev.baton.terminal.LocalShellSession;
import dev.baton.terminal.RecordingTtyConnector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A terminal recording kept in the incident folder is masked as it is written, by what the terminal showed: a
 * token printed in two chunks half a second apart, a password split by a colour escape. Real program, real pty.
 */
class MaskedRecordingTest {
    private static final String KEY = "AKIAQ3EGRTN7WZ5XK2PD";
    private static final String PASSWORD = "hunter2-Prod-77";

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aRecordingNeverHoldsWhatItShowedOfASecret() throws Exception {
        // The key never stands whole in the command: only the terminal's output joins it.
        String program = "printf 'key AKIAQ3EG'; sleep 0.5; printf 'RTN7WZ5XK2PD\\n';"
                + " printf 'db password=\\033[31m" + PASSWORD + "\\033[0m ok\\n'; printf 'prompt$ '";
        Path folder;
        Path file;
        int masked;
        try (OpenIncident incident = new IncidentStore(dir.resolve("data")).start("Recorded", "P2", "", "ana",
                Instant.now())) {
            folder = incident.folder();
            file = folder.resolve("recordings").resolve("local-1.cast");
            LocalShellSession shell = LocalShellSession.start(List.of("bash", "-c", program), dir, "local");
            RecordingTtyConnector connector = new RecordingTtyConnector(shell.connector());
            AsciicastRecorder recorder = Recordings.start(file, 120, 32, "local");
            connector.record(recorder);
            StringBuilder seen = new StringBuilder();
            char[] buffer = new char[4096];
            try {
                int read;
                while (!seen.toString().contains("prompt$ ") && (read = connector.read(buffer, 0, buffer.length)) >= 0) {
                    seen.append(buffer, 0, Math.max(read, 0));
                }
            } catch (IOException endOfPty) {
                // Linux ends a pty whose program exited with EIO: all it showed was read.
            }
            // The terminal itself shows everything; only what is written to disk is masked.
            assertThat(seen.toString()).contains(KEY);
            masked = connector.stop();
            shell.close();
        }
        assertThat(masked).isEqualTo(2);
        StringBuilder everything = new StringBuilder();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path each : files.filter(Files::isRegularFile).toList()) {
                everything.append(new String(Files.readAllBytes(each), StandardCharsets.ISO_8859_1));
            }
        }
        assertThat(everything.toString()).doesNotContain(KEY).doesNotContain(PASSWORD);
        List<String> lines = Files.readAllLines(file);
        ObjectMapper json = new ObjectMapper();
        StringBuilder played = new StringBuilder();
        for (String line : lines.subList(1, lines.size())) {
            played.append(json.readTree(line).get(2).asText());
        }
        assertThat(played.toString()).contains("key «masked: aws-access-key»\r\n")
                .contains("db password=\u001b[31m«masked: password-assignment»\u001b[0m ok\r\n").endsWith("prompt$ ");
    }
}
