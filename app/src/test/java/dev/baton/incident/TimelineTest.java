package dev.baton.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimelineTest {
    @TempDir
    Path dir;

    private Path threeEvents() throws Exception {
        Path file = dir.resolve("timeline.jsonl");
        try (Timeline timeline = Timeline.open(file)) {
            timeline.append(EventType.INCIDENT_STARTED, Map.of("title", "Disk full"));
            timeline.append(EventType.STEP_SENT, Map.of("runbook", "disk-full.md", "step", 1, "text", "df -h"));
            timeline.append(EventType.CHECKLIST_TICKED, Map.of("runbook", "disk-full.md", "item", 2, "text", "Paged"));
        }
        return file;
    }

    @Test
    void eachLineCarriesTheHashOfTheOneBeforeAndReopeningContinuesTheChain() throws Exception {
        Path file = threeEvents();
        try (Timeline timeline = Timeline.open(file)) {
            assertThat(timeline.problems()).isEmpty();
            assertThat(timeline.events()).extracting(TimelineEvent::seq).containsExactly(1L, 2L, 3L);
            assertThat(timeline.events().get(0).prev()).isEqualTo(Timeline.GENESIS);
            timeline.append(EventType.NOTE_SAVED, Map.of("chars", 10));
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(4);
        for (int i = 1; i < lines.size(); i++) {
            assertThat(lines.get(i)).contains("\"prev\":\"" + Timeline.sha256(lines.get(i - 1)) + "\"");
        }
        assertThat(lines.get(0)).startsWith("{\"v\":1,\"seq\":1,");
        Timeline.Verification check = Timeline.verify(file);
        assertThat(check.intact()).isTrue();
        assertThat(check.events()).isEqualTo(4);
        assertThat(check.headHash()).isEqualTo(Timeline.sha256(lines.get(3)));
    }

    @Test
    void aChangedLineIsCaughtByTheLineAfterIt() throws Exception {
        Path file = threeEvents();
        String text = Files.readString(file).replace("df -h", "df -i");
        Files.writeString(file, text);

        Timeline.Verification check = Timeline.verify(file);

        assertThat(check.intact()).isFalse();
        assertThat(check.problems()).containsExactly(
                "line 3: prev does not match the hash of line 2: the line before it was changed or removed");
    }

    /**
     * A byte that is not UTF-8 decodes to U+FFFD; when the chain hashed decoded text, a line whose U+FFFD was
     * replaced by such a byte still verified. The chain is of the bytes, and Baton writes only UTF-8.
     */
    @Test
    void aReplacementCharacterSwappedForAnInvalidByteIsCaught() throws Exception {
        Path file = dir.resolve("timeline.jsonl");
        try (Timeline timeline = Timeline.open(file)) {
            timeline.append(EventType.INCIDENT_STARTED, Map.of("title", "Disk full"));
            timeline.append(EventType.STEP_SENT, Map.of("runbook", "disk-full.md", "step", 1, "text", "echo \uFFFD"));
            timeline.append(EventType.NOTE_SAVED, Map.of("chars", 10));
        }
        assertThat(Timeline.verify(file).intact()).isTrue();
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.UTF_8);
        int at = text.substring(0, text.indexOf('\uFFFD')).getBytes(StandardCharsets.UTF_8).length;
        byte[] changed = new byte[bytes.length - 2];
        System.arraycopy(bytes, 0, changed, 0, at);
        changed[at] = (byte) 0xFF;
        System.arraycopy(bytes, at + 3, changed, at + 1, bytes.length - at - 3);
        Files.write(file, changed);

        Timeline.Verification check = Timeline.verify(file);

        assertThat(check.intact()).isFalse();
        assertThat(check.problems()).containsExactly(
                "line 2: a byte that is not UTF-8 near byte " + at + " of the file; Baton writes only UTF-8, so the line was changed",
                "line 3: prev does not match the hash of line 2: the line before it was changed or removed");
    }

    @Test
    void aRemovedOrMovedLineIsCaught() throws Exception {
        Path file = threeEvents();
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.remove(1);
        Files.write(file, lines);
        assertThat(Timeline.verify(file).problems()).anyMatch(p -> p.startsWith("line 2: seq 3 where 2 was expected"));

        Path swapped = threeEvents();
        List<String> again = new ArrayList<>(Files.readAllLines(swapped));
        java.util.Collections.swap(again, 1, 2);
        Files.write(swapped, again);
        assertThat(Timeline.verify(swapped).intact()).isFalse();
    }

    @Test
    void aLineCutShortByACrashIsReportedThenRemovedWhenTheLogIsOpened() throws Exception {
        Path file = threeEvents();
        Files.writeString(file, "{\"v\":1,\"seq\":4,\"ti", StandardOpenOption.APPEND);

        assertThat(Timeline.verify(file).problems()).containsExactly(
                "line 4: incomplete (no line end): a write was cut short");
        try (Timeline timeline = Timeline.open(file)) {
            assertThat(timeline.problems()).singleElement().asString().contains("cut short by a crash");
            assertThat(timeline.events()).hasSize(3);
            timeline.append(EventType.NOTE_SAVED, Map.of("chars", 1));
        }
        assertThat(Timeline.verify(file).intact()).isTrue();
    }

    @Test
    void garbageIsNamedByLine() throws Exception {
        Path file = threeEvents();
        Files.writeString(file, "not json\n", StandardOpenOption.APPEND);
        assertThat(Timeline.verify(file).problems()).singleElement().asString()
                .startsWith("line 4: not a timeline event");
    }

    @Test
    void textIsStoredAsUtf8WithNewlinesEscapedSoOneEventIsOneLine() throws Exception {
        Path file = dir.resolve("t.jsonl");
        try (Timeline timeline = Timeline.open(file)) {
            timeline.append(EventType.STEP_SENT, Map.of("text", "kubectl get pods \\\n  -n ünïcode\r\n"));
        }
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).hasSize(1);
        try (Timeline timeline = Timeline.open(file)) {
            assertThat(timeline.events().get(0).text("text")).isEqualTo("kubectl get pods \\\n  -n ünïcode\r\n");
        }
    }
}
