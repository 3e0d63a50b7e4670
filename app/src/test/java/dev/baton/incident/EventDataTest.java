package dev.baton.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * An event's {@code data}, read off its record without the object mapper, is what the mapper made of it: the same
 * fields in the same order, each value of the same type (a line's bytes, and so the hash chain, depend on them);
 * and a line read back as its type without the mapper is the event the mapper made of it, whatever its fields hold.
 */
class EventDataTest {
    /** How {@link IncidentEvents} converted an event before, kept here as the reference. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    @Test
    void everyKindOfEventGivesTheDataTheMapperGave() throws Exception {
        List<IncidentEvent> events = new ArrayList<>(IncidentEventsTest.ONE_OF_EACH);
        String hostile = "'; rm -rf / #\u0000\u001b[31m\"\\🔥\ud800\u2028";
        events.add(new IncidentEvent.RunResult(hostile, hostile, "COMPLETED", Integer.MIN_VALUE, hostile, hostile,
                Instant.parse("2026-11-24T03:12:05.123456789Z"), Long.MAX_VALUE, null, Integer.MAX_VALUE, hostile, -1));
        events.add(new IncidentEvent.HandoffSent(hostile, null, hostile, List.of(hostile, ""),
                List.of(new IncidentEvent.HandoffSent.HandedNode(hostile, null, 0, hostile, false)),
                List.of(new IncidentEvent.HandoffSent.TypedStep(null, -3, hostile, ""))));
        events.add(new IncidentEvent.AlertOpened(hostile, "", null, null, null, Map.of(hostile, hostile, "", ""),
                Map.of(), null));
        events.add(new IncidentEvent.QueryRan("", 0, "", "", "", Instant.ofEpochSecond(-5, 1), Instant.MAX, 0, "", 0,
                null));
        events.add(new IncidentEvent.Other("custom", Map.of("a", 1)));
        assertThat(events).extracting(IncidentEvent::getClass).map(Class.class::cast)
                .contains(IncidentEvent.class.getPermittedSubclasses());
        for (IncidentEvent event : events) {
            Map<String, Object> now = IncidentEvents.data(event);
            Map<String, Object> before = mapped(event);
            assertThat(typed(now)).as(event.toString()).isEqualTo(typed(before));
        }
    }

    @Test
    void aLineIsReadAsTheTypeTheMapperReadItAsWhateverItsFieldsHold() {
        Random random = new Random(32);
        Object[] values = {"", "db1", "'; rm -rf / #\u0000\ud800🔥", "12", "-3", "true", "false", "2026-12-07T17:00:00Z",
            true, false, 0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 5L, Long.MAX_VALUE, (long) Integer.MAX_VALUE + 1,
            1.5, -0.0, 3.0, new java.math.BigInteger("99999999999999999999"), List.of(), List.of("a"), Map.of(),
            Map.of("name", "db1", "port", 22), "null"};
        int checked = 0;
        for (Class<?> kind : IncidentEvent.class.getPermittedSubclasses()) {
            if (kind == IncidentEvent.Other.class) {
                continue;
            }
            String type = IncidentEvents.typeOf(kind);
            for (IncidentEvent example : IncidentEventsTest.ONE_OF_EACH) {
                if (example.getClass() == kind) {
                    assertSameEvent(new TimelineEvent(1, 1, Instant.EPOCH, type, Timeline.GENESIS,
                            IncidentEvents.data(example)));
                }
            }
            for (int i = 0; i < 400; i++) {
                Map<String, Object> data = new LinkedHashMap<>();
                for (java.lang.reflect.RecordComponent component : kind.getRecordComponents()) {
                    int pick = random.nextInt(values.length + 2);
                    if (pick < values.length) {
                        data.put(component.getName(), values[pick]);
                    } else if (pick == values.length) {
                        data.put(component.getName(), null);
                    }
                }
                if (random.nextBoolean()) {
                    data.put("unknown", values[random.nextInt(values.length)]);
                }
                assertSameEvent(new TimelineEvent(1, 1, Instant.EPOCH, type, Timeline.GENESIS, data));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(5000);
    }

    private static void assertSameEvent(TimelineEvent line) {
        Object now;
        try {
            now = IncidentEvents.of(line);
        } catch (RuntimeException e) {
            now = e.getClass();
        }
        Object before;
        try {
            before = mappedEvent(line);
        } catch (RuntimeException e) {
            before = e.getClass();
        }
        assertThat(now).as(line.type() + " " + line.data()).isEqualTo(before);
    }

    /** How {@link IncidentEvents#of} read a line before. */
    private static IncidentEvent mappedEvent(TimelineEvent line) {
        Class<?> kind = IncidentEvents.knownTypes().contains(line.type()) ? kindOf(line.type()) : null;
        if (kind == null) {
            return new IncidentEvent.Other(line.type(), line.data());
        }
        try {
            return (IncidentEvent) MAPPER.convertValue(line.data(), kind);
        } catch (IllegalArgumentException unreadable) {
            return new IncidentEvent.Other(line.type(), line.data());
        }
    }

    private static Class<?> kindOf(String type) {
        for (Class<?> kind : IncidentEvent.class.getPermittedSubclasses()) {
            if (kind != IncidentEvent.Other.class && IncidentEvents.typeOf(kind).equals(type)) {
                return kind;
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapped(IncidentEvent event) {
        if (event instanceof IncidentEvent.Other other) {
            return other.data();
        }
        Map<String, Object> data = MAPPER.convertValue(event, LinkedHashMap.class);
        data.values().removeIf(value -> value == null);
        return data;
    }

    private static String typed(Object value) {
        return TypedText.of(value);
    }
}
