package dev.baton.runbook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the index on disk keeps of a runbook so that alerts are looked up without reading the folder: its
 * id, title, severities, declared alerts, alert tables, index entries and headings (for links to them),
 * as a small JSON object. The runbook rebuilt from it has no steps, text or notices.
 */
final class IndexedRunbook {
    /** Reads: the parser alone, without an object mapper's start. */
    private static final JsonFactory PARSERS = new JsonFactory();

    /** Writes (only when a file is indexed): in a class of its own, so that a lookup does not start it. */
    private static final class Writer {
        static final ObjectMapper JSON = new ObjectMapper();
    }

    private IndexedRunbook() {
    }

    static String toJson(Runbook runbook) {
        ObjectNode o = Writer.JSON.createObjectNode();
        o.put("path", runbook.path());
        o.put("anchor", runbook.anchor());
        o.put("title", runbook.title());
        o.put("severity", runbook.severity());
        o.put("owner", runbook.owner());
        runbook.alerts().forEach(o.putArray("alerts")::add);
        ObjectNode severities = o.putObject("alertSeverities");
        runbook.alertSeverities().forEach(severities::put);
        ArrayNode map = o.putArray("alertMap");
        for (AlertMapping m : runbook.alertMap()) {
            map.addObject().put("alert", m.alert()).put("severity", m.severity()).put("target", m.target())
                    .put("owner", m.owner()).put("line", m.line());
        }
        ArrayNode entries = o.putArray("indexEntries");
        for (IndexEntry e : runbook.indexEntries()) {
            entries.addObject().put("title", e.title()).put("target", e.target()).put("severity", e.severity())
                    .put("line", e.line());
        }
        addSections(runbook.sections(), o.putArray("sections"));
        return o.toString();
    }

    private static void addSections(List<Section> sections, ArrayNode into) {
        for (Section s : sections) {
            ObjectNode section = into.addObject().put("level", s.level()).put("title", s.title()).put("line", s.line());
            addSections(s.children(), section.putArray("children"));
        }
    }

    /**
     * The runbook {@link #toJson} wrote, read with Jackson's streaming parser: an alert lookup reads one per
     * runbook, and building a tree of each (and the object mapper's start) was a fifth of a repeat {@code baton alert}.
     */
    static Runbook fromJson(String json) {
        try (JsonParser p = PARSERS.createParser(json)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            Map<String, String> text = new HashMap<>();
            List<String> alerts = new ArrayList<>();
            Map<String, String> severities = new LinkedHashMap<>();
            List<AlertMapping> map = new ArrayList<>();
            List<IndexEntry> entries = new ArrayList<>();
            List<Section> sections = List.of();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "alerts" -> {
                        expect(value, JsonToken.START_ARRAY);
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            alerts.add(p.getValueAsString());
                        }
                    }
                    case "alertSeverities" -> {
                        expect(value, JsonToken.START_OBJECT);
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String alert = p.currentName();
                            p.nextToken();
                            severities.put(alert, p.getValueAsString());
                        }
                    }
                    case "alertMap" -> forEachObject(p, value, o -> map.add(new AlertMapping(o.get("alert"), o.get("severity"),
                            o.get("target"), o.get("owner"), number(o.get("line")))));
                    case "indexEntries" -> forEachObject(p, value, o -> entries.add(new IndexEntry(o.get("title"), o.get("target"),
                            o.get("severity"), number(o.get("line")))));
                    case "sections" -> sections = sections(p, value);
                    default -> text.put(field, scalar(p, value));
                }
            }
            return new Runbook(text.get("path"), text.get("anchor"), text.get("title"), text.get("severity"), alerts,
                    text.get("owner"), null, List.of(), sections, List.of(), List.of(), List.of(),
                    List.of(), map, entries, List.of(), "", severities);
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException("the index holds a damaged runbook entry",
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    private static void expect(JsonToken token, JsonToken expected) throws IOException {
        if (token != expected) {
            throw new IOException("expected " + expected + ", found " + token);
        }
    }

    /** A scalar's text, null for null; anything else is not what {@link #toJson} writes. */
    private static String scalar(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (!value.isScalarValue()) {
            throw new IOException("expected a value, found " + value);
        }
        return p.getValueAsString();
    }

    private static int number(String text) {
        return text == null ? 0 : Integer.parseInt(text);
    }

    private interface ObjectOfScalars {
        void accept(Map<String, String> object) throws IOException;
    }

    /** Each object of an array of flat objects, as its fields' texts. */
    private static void forEachObject(JsonParser p, JsonToken value, ObjectOfScalars each) throws IOException {
        expect(value, JsonToken.START_ARRAY);
        while (p.nextToken() == JsonToken.START_OBJECT) {
            Map<String, String> object = new HashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                object.put(field, scalar(p, p.nextToken()));
            }
            each.accept(object);
        }
    }

    private static List<Section> sections(JsonParser p, JsonToken value) throws IOException {
        expect(value, JsonToken.START_ARRAY);
        List<Section> sections = new ArrayList<>();
        while (p.nextToken() == JsonToken.START_OBJECT) {
            int level = 0;
            int line = 0;
            String title = null;
            List<Section> children = List.of();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken token = p.nextToken();
                switch (field) {
                    case "level" -> level = number(scalar(p, token));
                    case "line" -> line = number(scalar(p, token));
                    case "title" -> title = scalar(p, token);
                    case "children" -> children = sections(p, token);
                    default -> p.skipChildren();
                }
            }
            sections.add(new Section(level, title, line, children));
        }
        return sections;
    }
}
