package dev.baton.incident;

import java.util.Map;
import java.util.Set;

/**
 * Masks secrets in the free text of a timeline event before the event is serialised and hashed, with the
 * scanner captures and handoff bundles use: a token the responder typed into a step, an edited line that ran,
 * a query's text. Only fields that hold text someone typed or a command are scanned; names, hashes, file paths
 * and counts are left as they are (a capture file's name can look random beside the word "token"). The number
 * masked goes into the event's {@code masked} field, added to a capture's own count.
 */
final class EventMask {
    static final String FIELD = "masked";
    /** Fields scanned, by event type. */
    private static final Map<String, Set<String>> TEXT_FIELDS = Map.ofEntries(
            Map.entry(EventType.STEP_SENT, Set.of("text")),
            Map.entry(EventType.STEP_ENTERED, Set.of("text")),
            Map.entry(EventType.STEP_ABANDONED, Set.of("text")),
            Map.entry(EventType.STEP_RUN, Set.of("text")),
            Map.entry(EventType.RUN_RESULT, Set.of("command", "summary")),
            Map.entry(EventType.CAPTURE, Set.of("command")),
            Map.entry(EventType.QUERY_RAN, Set.of("query", "error")),
            Map.entry(EventType.VARIABLE_SET, Set.of("value")),
            Map.entry(EventType.CONNECTION_FAILED, Set.of("detail")),
            Map.entry(EventType.CONNECTION_LOST, Set.of("detail")),
            Map.entry(EventType.NOTE_ADDED, Set.of("text")));

    private EventMask() {
    }

    /** Masks {@code data} (an event's fields, changed in place); returns how many secrets were masked. */
    static int mask(String type, Map<String, Object> data) {
        Set<String> fields = TEXT_FIELDS.getOrDefault(type, Set.of());
        int count = 0;
        for (String field : fields) {
            if (data.get(field) instanceof String text) {
                SecretMask.Masked masked = SecretMask.text(text);
                if (masked.count() > 0) {
                    data.put(field, masked.text());
                    count += masked.count();
                }
            }
        }
        if (count > 0) {
            int earlier = data.get(FIELD) instanceof Number number ? number.intValue() : 0;
            data.put(FIELD, earlier + count);
        }
        return count;
    }
}
