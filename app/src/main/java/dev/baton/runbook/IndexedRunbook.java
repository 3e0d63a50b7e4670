package dev.baton.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the index on disk keeps of a runbook so that alerts are looked up without reading the folder: its
 * id, title, severities, declared alerts, alert tables, index entries and headings (for links to them),
 * as a small JSON object. The runbook rebuilt from it has no steps, text or notices.
 */
final class IndexedRunbook {
    private static final ObjectMapper JSON = new ObjectMapper();

    private IndexedRunbook() {
    }

    static String toJson(Runbook runbook) {
        ObjectNode o = JSON.createObjectNode();
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

    static Runbook fromJson(String json) {
        try {
            JsonNode o = JSON.readTree(json);
            List<String> alerts = new ArrayList<>();
            o.path("alerts").forEach(a -> alerts.add(a.asText()));
            Map<String, String> severities = new LinkedHashMap<>();
            o.path("alertSeverities").fields().forEachRemaining(e -> severities.put(e.getKey(), e.getValue().asText()));
            List<AlertMapping> map = new ArrayList<>();
            o.path("alertMap").forEach(m -> map.add(new AlertMapping(text(m, "alert"), text(m, "severity"),
                    text(m, "target"), text(m, "owner"), m.path("line").asInt())));
            List<IndexEntry> entries = new ArrayList<>();
            o.path("indexEntries").forEach(e -> entries.add(new IndexEntry(text(e, "title"), text(e, "target"),
                    text(e, "severity"), e.path("line").asInt())));
            return new Runbook(text(o, "path"), text(o, "anchor"), text(o, "title"), text(o, "severity"), alerts,
                    text(o, "owner"), null, List.of(), sections(o.path("sections")), List.of(), List.of(), List.of(),
                    List.of(), map, entries, List.of(), "", severities);
        } catch (IOException e) {
            throw new UncheckedIOException("the index holds a damaged runbook entry", e);
        }
    }

    private static List<Section> sections(JsonNode array) {
        List<Section> sections = new ArrayList<>();
        array.forEach(s -> sections.add(new Section(s.path("level").asInt(), text(s, "title"), s.path("line").asInt(),
                sections(s.path("children")))));
        return sections;
    }

    /** A field's text; null when it was null or absent. */
    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
