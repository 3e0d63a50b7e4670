package dev.baton.incident;

import java.time.Instant;
import java.util.Map;

/**
 * One line of an incident's timeline.
 *
 * @param seq  1 for the first event, one more for each after it
 * @param prev SHA-256 (hex) of the previous line's bytes; {@link Timeline#GENESIS} for the first
 * @param data the event's own fields (strings, numbers, booleans)
 */
public record TimelineEvent(int v, long seq, Instant time, String type, String prev, Map<String, Object> data) {
    public TimelineEvent {
        data = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
    }

    /** What the line says, as a type. */
    public IncidentEvent typed() {
        return IncidentEvents.of(this);
    }

    public String text(String field) {
        Object value = data.get(field);
        return value == null ? "" : value.toString();
    }
}
