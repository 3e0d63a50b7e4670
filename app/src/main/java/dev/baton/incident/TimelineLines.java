package dev.baton.incident;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonParser.NumberType;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a timeline event as its line of JSON, and reads it back, with Jackson's streaming generator and parser
 * alone: a command that records one run (`baton run`) otherwise set up Jackson's object mapper, some 700 classes, to
 * read and write a few lines. The bytes are those the object mapper wrote from a tree of the event (the chain hashes
 * them, and old timelines must verify): the same generator escapes the text, and a value this writer does not know
 * is left to the mapper as before. What is read is what the mapper read.
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

    /**
     * The event a line holds. A line as Baton writes it is read with the streaming parser; any other (a field of
     * another type, no data, not JSON) is left to the object mapper, which reads it or refuses it as it always did.
     */
    static TimelineEvent read(String line) throws IOException {
        TimelineEvent event = plainEvent(line);
        return event != null ? event : Mapped.read(line);
    }

    private static TimelineEvent plainEvent(String line) {
        Integer v = null;
        Long seq = null;
        String time = null;
        String type = null;
        String prev = null;
        Map<String, Object> data = Map.of();
        try (JsonParser in = FACTORY.createParser(line)) {
            if (in.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            for (JsonToken token = in.nextToken(); token != JsonToken.END_OBJECT; token = in.nextToken()) {
                if (token != JsonToken.FIELD_NAME) {
                    return null;
                }
                String name = in.currentName();
                JsonToken value = in.nextToken();
                switch (name) {
                    case "v" -> v = value == JsonToken.VALUE_NUMBER_INT && in.getNumberType() == NumberType.INT
                            ? in.getIntValue() : null;
                    case "seq" -> seq = value == JsonToken.VALUE_NUMBER_INT && in.getNumberType() != NumberType.BIG_INTEGER
                            ? in.getLongValue() : null;
                    case "time" -> time = value == JsonToken.VALUE_STRING ? in.getText() : null;
                    case "type" -> type = value == JsonToken.VALUE_STRING ? in.getText() : null;
                    case "prev" -> prev = value == JsonToken.VALUE_STRING ? in.getText() : null;
                    case "data" -> {
                        if (value != JsonToken.START_OBJECT) {
                            return null;
                        }
                        data = object(in);
                    }
                    default -> in.skipChildren();
                }
            }
            if (v == null || seq == null || time == null || type == null || prev == null) {
                return null;
            }
            return new TimelineEvent(v, seq, java.time.Instant.parse(time), type, prev, data);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The object the parser stands at the start of, as the mapper's untyped maps, lists, numbers and text. */
    private static Map<String, Object> object(JsonParser in) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (JsonToken token = in.nextToken(); token != JsonToken.END_OBJECT; token = in.nextToken()) {
            String name = in.currentName();
            fields.put(name, value(in, in.nextToken()));
        }
        return fields;
    }

    private static Object value(JsonParser in, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT:
                return object(in);
            case START_ARRAY:
                List<Object> items = new ArrayList<>();
                for (JsonToken item = in.nextToken(); item != JsonToken.END_ARRAY; item = in.nextToken()) {
                    items.add(value(in, item));
                }
                return items;
            case VALUE_STRING:
                return in.getText();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return in.getNumberValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected " + token);
        }
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

    /** The object mapper, set up only for a line holding something else (never one Baton's events make). */
    static final class Mapped {
        private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
                new com.fasterxml.jackson.databind.ObjectMapper();

        private Mapped() {
        }

        static TimelineEvent read(String line) throws IOException {
            com.fasterxml.jackson.databind.JsonNode node = JSON.readTree(line);
            if (node == null || !node.isObject()) {
                throw new IOException("not a JSON object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> data = node.has("data") ? JSON.convertValue(node.get("data"), Map.class) : Map.of();
            return new TimelineEvent(node.path("v").asInt(), node.path("seq").asLong(),
                    java.time.Instant.parse(node.path("time").asText()), node.path("type").asText(),
                    node.path("prev").asText(), data);
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
