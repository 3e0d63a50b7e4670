package dev.baton.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Lines too long to scan whole are scanned in pieces; a secret across the cut between two pieces is still found. */
class CutLineRedactionTest {
    private static final String KEY = "AKIAQ3EGRTN7WZ5XK2PD";

    /** Words up to {@code length} characters, then the key, so that it straddles {@code length - 8}. */
    private static String wordsThenKey(int cut) {
        StringBuilder line = new StringBuilder();
        while (line.length() < cut - 9) {
            line.append("word ");
        }
        line.setLength(cut - 9);
        line.append(' ').append(KEY).append(" after");
        return line.toString();
    }

    @Test
    void aSecretAcrossTheMegabyteCutOfATextLineIsRedacted() throws Exception {
        String text = "before\n" + wordsThenKey(Redactor.MAX_LINE + 7) + "\nlast\n";
        Redactor redactor = new Redactor(Set.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        redactor.copyText("captures/0001-db1-stdout.txt", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), out);
        String copied = out.toString(StandardCharsets.UTF_8);
        assertThat(copied).doesNotContain(KEY).doesNotContain(KEY.substring(0, 12)).doesNotContain(KEY.substring(8))
                .contains("[REDACTED:aws-access-key] after\nlast\n");
        assertThat(copied.replace("[REDACTED:aws-access-key]", KEY)).isEqualTo(text);
    }

    @Test
    void aSecretAcrossTheCutOfARecordingsShownLineIsRedacted() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String shown = wordsThenKey(64 * 1024 + 7);
        StringBuilder cast = new StringBuilder("{\"version\": 2, \"width\": 80, \"height\": 24}\n");
        // The line arrives in events of 1,000 characters, as a terminal receives output.
        for (int at = 0; at < shown.length(); at += 1000) {
            cast.append(json.writeValueAsString(List.of(0.1, "o", shown.substring(at, Math.min(shown.length(), at + 1000))))).append('\n');
        }
        cast.append(json.writeValueAsString(List.of(0.2, "o", "\r\n$ "))).append('\n');
        Redactor redactor = new Redactor(Set.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RecordingRedactor.copy(redactor, "recordings/local-1.cast",
                new ByteArrayInputStream(cast.toString().getBytes(StandardCharsets.UTF_8)), out);
        StringBuilder played = new StringBuilder();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            var node = json.readTree(line);
            if (node.isArray()) {
                played.append(node.get(2).asText());
            }
        }
        assertThat(played.toString()).doesNotContain(KEY.substring(0, 12)).doesNotContain(KEY.substring(8))
                .contains("[REDACTED:aws-access-key] after\r\n$ ");
    }
}
