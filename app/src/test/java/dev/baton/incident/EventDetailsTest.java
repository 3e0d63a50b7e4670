package dev.baton.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An event's details read as words: "exit 0 in 311 ms", "took: 311 ms", never "durationMs: 311". */
class EventDetailsTest {
    @TempDir
    Path dir;

    @Test
    void aRunResultIsSaidInWords() throws Exception {
        Path file = dir.resolve("timeline.jsonl");
        TimelineEvent event;
        try (Timeline timeline = Timeline.open(file)) {
            timeline.append("run.result", Map.ofEntries(Map.entry("target", "db1"), Map.entry("command", "df -h"),
                    Map.entry("outcome", "COMPLETED"), Map.entry("exit", 0), Map.entry("summary", "exit 0 in 0.3 s"),
                    Map.entry("startedAt", "2026-11-24T03:12:05.123Z"), Map.entry("durationMs", 311),
                    Map.entry("stdout", "captures/a.txt"), Map.entry("stdoutBytes", 1234), Map.entry("stderr", ""),
                    Map.entry("stderrBytes", 0)));
            event = timeline.events().get(0);
        }

        String details = EventWords.details(event);

        assertThat(details).contains("exit 0 in 311 ms", "took: 311 ms", "where: db1", "output: 1234 bytes",
                "exit status: 0", " UTC").doesNotContain("durationMs", "stdoutBytes", "startedAt");
    }
}
