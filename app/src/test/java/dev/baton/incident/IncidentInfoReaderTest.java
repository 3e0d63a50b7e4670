package dev.baton.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code incident.json} read without the object mapper gives what the mapper's tree gave, and a file the streaming
 * reader leaves to the mapper is still read (or refused) exactly as before.
 */
class IncidentInfoReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsWhatTheMapperReadAndLeavesItAnythingOdd() throws Exception {
        String hostile = "'; rm -rf / #\u0000\u001b[31m\"\\🔥\ud83d\u2028 日本";
        IncidentInfo info = new IncidentInfo("x", hostile, "P1", hostile, Instant.parse("2026-12-07T17:00:00.123Z"), hostile);
        List<byte[]> files = new ArrayList<>();
        files.add(IncidentStore.toJson(info));
        files.add(IncidentStore.toJson(new IncidentInfo("x", "", "", "", Instant.EPOCH, "")));
        for (String text : List.of(
                "{\"title\":\"t\",\"startedAt\":\"2026-12-07T17:00:00Z\"}",
                "{\"title\":\"t\",\"title\":\"again\",\"startedAt\":\"2026-12-07T17:00:00Z\",\"x\":{\"title\":5}}",
                "{\"title\":5,\"severity\":true,\"alert\":null,\"startedAt\":\"2026-12-07T17:00:00Z\",\"responder\":[1]}",
                "{\"title\":\"t\",\"startedAt\":\"2026-12-07T17:00:00Z\",\"responder\":{\"a\":\"b\"}}",
                "{\"startedAt\":\"2026-12-07T17:00:00Z\",\"alerts\":[{\"labels\":{\"a\":\"b\"}},[],null,1.5e300]} trailing",
                "{\"title\":\"t\"}", "{\"startedAt\":\"yesterday\"}", "", "   ", "null", "[]", "\"text\"",
                "{\"title\":\"t\",\"startedAt\":\"2026-12-07T17:00:00Z\"", "{\"title\":\"t\",", "{\"title\" \"t\"}",
                "{\"startedAt\":\"2026-12-07T17:00:00Z\",\"title\":\"" + "é".repeat(200_000) + "\"}")) {
            files.add(text.getBytes(StandardCharsets.UTF_8));
        }
        files.add(new byte[] {'{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xc3, '"', '}'});
        int plain = 0;
        for (byte[] bytes : files) {
            Path folder = Files.createDirectories(dir.resolve("incident-" + files.indexOf(bytes)));
            Files.write(folder.resolve(IncidentStore.INFO_FILE), bytes);
            Object before = mapped(folder);
            var streamed = IncidentInfoReader.plain(folder);
            if (streamed.isPresent()) {
                plain++;
                assertThat(streamed.get()).as(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(before);
            }
            Object now;
            try {
                now = IncidentStore.readInfo(folder);
            } catch (Exception e) {
                now = e.getClass() + ": " + e.getMessage();
            }
            assertThat(now).as(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(before);
        }
        assertThat(plain).as("files read without the mapper").isGreaterThanOrEqualTo(6);
    }

    /** How {@link IncidentStore#readInfo} read the file before: the mapper's tree, or what it threw. */
    private static Object mapped(Path folder) {
        try {
            JsonNode node = new ObjectMapper().readTree(folder.resolve(IncidentStore.INFO_FILE).toFile());
            return new IncidentInfo(folder.getFileName().toString(), node.path("title").asText(),
                    node.path("severity").asText(), node.path("alert").asText(),
                    Instant.parse(node.path("startedAt").asText()), node.path("responder").asText());
        } catch (Exception e) {
            return e.getClass() + ": " + e.getMessage();
        }
    }
}
