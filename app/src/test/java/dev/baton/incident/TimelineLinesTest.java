package dev.baton.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming writer of timeline lines writes the very bytes the object mapper wrote (each line's hash is of its
 * bytes, and timelines written before must still verify): compared, byte for byte, on thousands of events with
 * hostile text, extreme numbers and nesting, and on every kind of event Baton records.
 */
class TimelineLinesTest {
    @TempDir
    Path dir;

    /** Text a node, a runbook or a responder may hand in: control characters, quotes, unicode of every plane. */
    private static final String[] HOSTILE = {"", "\u0000", "\u0001\u001f\u007f\u0080\u009f", "\"\\\"\\\\/", "\b\f\n\r\t",
        "'; rm -rf / #", "$(touch /tmp/x) `id` ${HOME}", "</script><script>alert(1)</script>", "\u2028\u2029\u200b\ufeff",
        "\u202eevil\u202c", "日本語のテキスト", "emoji 🔥🧯 and 👩‍👩‍👧", "\ud83d", "\udc00 lone low", "a\ud800b", "\uffff\ufffe",
        "\u00e9\u0301", "null", "true", "1e3", "{\"a\":1}", "\u001b[31mred\u001b[0m"};

    @Test
    void writesTheBytesTheObjectMapperWroteOnManyHostileEvents() throws Exception {
        Random random = new Random(32);
        for (int i = 0; i < 4000; i++) {
            TimelineEvent event = new TimelineEvent(Timeline.SCHEMA_VERSION, 1 + random.nextInt(Integer.MAX_VALUE),
                    Instant.ofEpochMilli(random.nextLong() >>> 22), text(random), text(random), data(random, 0));
            assertSameBytes(event);
        }
    }

    @Test
    void writesTheBytesTheObjectMapperWroteOnHugeTextAndExtremeNumbers() throws Exception {
        StringBuilder huge = new StringBuilder();
        Random random = new Random(7);
        while (huge.length() < 3_000_000) {
            huge.append(HOSTILE[random.nextInt(HOSTILE.length)]).append((char) random.nextInt(0x10000));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("huge", huge.toString());
        data.put(huge.substring(0, 70_000), "a key as long as a line");
        for (Object number : List.of(Integer.MIN_VALUE, Integer.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE, 0.0, -0.0,
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, 1e21,
                1e-7, 0.1 + 0.2, Float.NaN, 3.4028235e38f, 1.0e-10f, new BigInteger("-" + "9".repeat(400)))) {
            data.put("n" + data.size(), number);
        }
        assertSameBytes(new TimelineEvent(1, Long.MAX_VALUE, Instant.parse("2026-12-07T16:59:59.999Z"), "run.result",
                Timeline.GENESIS, data));
        assertSameBytes(new TimelineEvent(-7, 0, Instant.EPOCH, "", "", Map.of()));
    }

    @Test
    void everyKindOfEventIsWrittenAsBeforeAndItsChainVerifies() throws Exception {
        Path file = dir.resolve("timeline.jsonl");
        List<IncidentEvent> events = new ArrayList<>(IncidentEventsTest.ONE_OF_EACH);
        for (String hostile : HOSTILE) {
            events.add(new IncidentEvent.RunResult(hostile, "echo " + hostile, "COMPLETED", 0, null, hostile,
                    Instant.parse("2026-11-24T03:12:05.123456789Z"), 1, hostile, 2, null, 0));
            events.add(new IncidentEvent.StepRun(hostile, 3, hostile, List.of(hostile, "db2"), 4));
            events.add(new IncidentEvent.AlertOpened(hostile, hostile, "am", "firing", Instant.EPOCH,
                    Map.of(hostile, hostile), Map.of("summary", hostile), hostile));
            events.add(new IncidentEvent.NoteAdded(hostile.repeat(1000)));
        }
        try (Timeline timeline = Timeline.open(file)) {
            timeline.creditTo("ana \"maria\"\n");
            for (IncidentEvent event : events) {
                timeline.append(event);
            }
            timeline.append("custom.kind", Map.of("char", 'c', "short", (short) 7, "list", Arrays.asList(1, null, "x")));
        }
        byte[] bytes = Files.readAllBytes(file);
        try (Timeline timeline = Timeline.open(file)) {
            StringBuilder expected = new StringBuilder();
            for (TimelineEvent event : timeline.events()) {
                expected.append(TimelineLines.Mapped.line(event)).append('\n');
            }
            assertThat(timeline.problems()).isEmpty();
            assertThat(timeline.events()).hasSize(events.size() + 1);
            assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(expected.toString());
            assertThat(bytes).isEqualTo(expected.toString().getBytes(StandardCharsets.UTF_8));
        }
        assertThat(Timeline.verify(file).intact()).isTrue();
    }

    @Test
    void readsWhatTheObjectMapperReadAndLeavesItEveryOddLine() throws Exception {
        Random random = new Random(33);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            lines.add(TimelineLines.of(new TimelineEvent(Timeline.SCHEMA_VERSION, 1 + random.nextInt(1000),
                    Instant.ofEpochMilli(random.nextLong() >>> 22), text(random), text(random), data(random, 0))));
        }
        String good = "{\"v\":1,\"seq\":2,\"time\":\"2026-12-07T17:00:00Z\",\"type\":\"note.added\",\"prev\":\"ab\"";
        lines.addAll(List.of(good + "}", good + ",\"data\":{}}", good + ",\"data\":{\"a\":1,\"a\":[2,{\"b\":null}]}} trailing",
                good + ",\"data\":null}", good + ",\"data\":[1]}", good + ",\"data\":\"text\"}", good + ",\"v\":\"2\"}",
                good + ",\"v\":1.5}", good + ",\"v\":9999999999}", good + ",\"seq\":\"x\"}", good + ",\"seq\":1e3}",
                good + ",\"seq\":" + "9".repeat(30) + "}", good + ",\"time\":5}", good + ",\"time\":\"yesterday\"}",
                good + ",\"type\":null}", good + ",\"prev\":{\"x\":1}}", good + ",\"extra\":{\"v\":\"no\"}}",
                good + ",\"data\":{\"n\":1.0e400,\"m\":-0,\"big\":" + "7".repeat(25) + ",\"f\":0.1}}",
                "{\"seq\":1}", "{}", "", " ", "null", "[]", "\"line\"", "{\"v\":1", good, good + ",}", "{\"v\" 1}",
                good + ",\"data\":{\"a\":NaN}}", good + ",\"data\":{\"a\":" + "[".repeat(1500) + "]".repeat(1500) + "}}"));
        int streamed = 0;
        for (String line : lines) {
            Object before;
            try {
                before = TimelineLines.Mapped.read(line);
            } catch (Exception e) {
                before = e.getClass() + ": " + e.getMessage();
            }
            Object now;
            try {
                now = TimelineLines.read(line);
            } catch (Exception e) {
                now = e.getClass() + ": " + e.getMessage();
            }
            assertThat(typed(now)).as(line.length() > 300 ? line.substring(0, 300) : line).isEqualTo(typed(before));
            streamed += line.startsWith(good) || line.startsWith("{\"v\":1,\"seq\"") ? 1 : 0;
        }
        assertThat(streamed).isGreaterThan(2000);
    }

    /** An event with each value's type spelled out, so that an Integer read as a Long is a difference. */
    private static String typed(Object value) {
        if (value instanceof TimelineEvent event) {
            return "TimelineEvent[" + event.v() + ", " + event.seq() + ", " + event.time() + ", " + event.type() + ", "
                    + event.prev() + ", " + typed(event.data()) + "]";
        }
        return TypedText.of(value);
    }

    private static void assertSameBytes(TimelineEvent event) throws Exception {
        String mapped = TimelineLines.Mapped.line(event);
        String streamed = TimelineLines.of(event);
        assertThat(streamed).isEqualTo(mapped);
        assertThat(streamed.getBytes(StandardCharsets.UTF_8)).isEqualTo(mapped.getBytes(StandardCharsets.UTF_8));
        assertThat(Timeline.sha256(streamed)).isEqualTo(Timeline.sha256(mapped));
    }

    private static Map<String, Object> data(Random random, int depth) {
        Map<String, Object> data = new LinkedHashMap<>();
        int fields = random.nextInt(depth == 0 ? 8 : 4);
        for (int i = 0; i < fields; i++) {
            data.put(text(random), value(random, depth));
        }
        return data;
    }

    private static Object value(Random random, int depth) {
        switch (random.nextInt(depth < 4 ? 11 : 9)) {
            case 0: return text(random);
            case 1: return random.nextInt();
            case 2: return random.nextLong();
            case 3: return random.nextBoolean();
            case 4: return random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
            case 5: return random.nextFloat();
            case 6: return depth == 0 ? "top-level nulls are left out" : null;
            case 7: return new BigInteger(200, random);
            case 8: return HOSTILE[random.nextInt(HOSTILE.length)];
            case 9: return data(random, depth + 1);
            default:
                List<Object> items = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    items.add(value(random, depth + 1));
                }
                return items;
        }
    }

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(6); i > 0; i--) {
            switch (random.nextInt(4)) {
                case 0 -> text.append(HOSTILE[random.nextInt(HOSTILE.length)]);
                case 1 -> text.append((char) random.nextInt(0x10000));
                case 2 -> text.appendCodePoint(random.nextInt(0x110000));
                default -> text.append((char) random.nextInt(0x80));
            }
        }
        return text.toString();
    }
}
