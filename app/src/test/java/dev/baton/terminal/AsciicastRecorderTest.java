package dev.baton.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AsciicastRecorderTest {
    @TempDir
    Path dir;

    @Test
    void aRecordingIsAsciicastVersion2() throws Exception {
        Path file = dir.resolve("rec/db1.cast");
        try (AsciicastRecorder recorder = new AsciicastRecorder(file, 120, 32, "db1", SecretFinder.NONE)) {
            recorder.output("$ ls\r\n");
            Thread.sleep(20);
            recorder.output("\u001B[31mred\u001B[0m \"quoted\"\r\n");
        }
        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(file);
        JsonNode header = json.readTree(lines.get(0));
        assertThat(header.get("version").asInt()).isEqualTo(2);
        assertThat(header.get("width").asInt()).isEqualTo(120);
        assertThat(header.get("height").asInt()).isEqualTo(32);
        JsonNode first = json.readTree(lines.get(1));
        JsonNode second = json.readTree(lines.get(2));
        assertThat(first.get(1).asText()).isEqualTo("o");
        assertThat(first.get(2).asText()).isEqualTo("$ ls\r\n");
        assertThat(second.get(0).asDouble()).isGreaterThan(first.get(0).asDouble());
        assertThat(second.get(2).asText()).isEqualTo("\u001B[31mred\u001B[0m \"quoted\"\r\n");
    }
}
