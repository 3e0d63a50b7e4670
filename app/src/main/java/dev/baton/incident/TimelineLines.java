package dev.baton.incident;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * Writes a timeline event as its line of JSON with Jackson's streaming generator alone: a command that records one
 * run (`baton run`) otherwise set up Jackson's object mapper, some 700 classes, to write a few lines. The bytes are
 * those the object mapper wrote from a tree of the event (the chain hashes them, and old timelines must verify): the
 * same generator escapes the text, and a value this writer does not know is left to the mapper as before.
 */
final class TimelineLines {
    private static final JsonFactory FACTORY = new JsonFactory();

    private TimelineLines() {
    }

    /** The event's line, without its line end. */
    static String of(TimelineEvent event) throws IOException {
        if (!plain(event.data())) {
            return Mapped.line(event);
        }
        StringWriter text = new StringWriter(256);
        try (JsonGenerator out = FACTORY.createGenerator(text)) {
            out.writeStartObject();
            out.writeNumberField("v", event.v());
            out.writeNumberField("seq", event.seq());
            out.writeStringField("time", event.time().toString());
            out.writeStringField("type", event.type());
            out.writeStringField("prev", event.prev());
            out.writeFieldName("data");
            write(out, event.data());
            out.writeEndObject();
        }
        return text.toString();
    }

    /** Whether every value is one the generator writes as the mapper's tree did: text, numbers, lists, maps. */
    private static boolean plain(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Double || value instanceof Float
                || value instanceof BigInteger) {
            return true;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String) || !plain(entry.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof Collection<?> items) {
            for (Object item : items) {
                if (!plain(item)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static void write(JsonGenerator out, Object value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof String text) {
            out.writeString(text);
        } else if (value instanceof Boolean flag) {
            out.writeBoolean(flag);
        } else if (value instanceof Integer number) {
            out.writeNumber(number);
        } else if (value instanceof Long number) {
            out.writeNumber(number);
        } else if (value instanceof Double number) {
            out.writeNumber(number);
        } else if (value instanceof Float number) {
            out.writeNumber(number);
        } else if (value instanceof BigInteger number) {
            out.writeNumber(number);
        } else if (value instanceof Map<?, ?> map) {
            out.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.writeFieldName((String) entry.getKey());
                write(out, entry.getValue());
            }
            out.writeEndObject();
        } else {
            out.writeStartArray();
            for (Object item : (Collection<?>) value) {
                write(out, item);
            }
            out.writeEndArray();
        }
    }

    /** The object mapper, set up only for a line holding some other value (never one Baton's events make). */
    static final class Mapped {
        private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
                new com.fasterxml.jackson.databind.ObjectMapper();

        private Mapped() {
        }

        static String line(TimelineEvent event) throws IOException {
            com.fasterxml.jackson.databind.node.ObjectNode node = JSON.createObjectNode();
            node.put("v", event.v());
            node.put("seq", event.seq());
            node.put("time", event.time().toString());
            node.put("type", event.type());
            node.put("prev", event.prev());
            node.set("data", JSON.valueToTree(event.data()));
            return JSON.writeValueAsString(node);
        }
    }
}
