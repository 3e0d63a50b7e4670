package dev.baton.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alerts from the JSON shapes a responder meets: Alertmanager's API v2 ({@code /api/v2/alerts/groups} and
 * {@code /api/v2/alerts}, which {@code amtool alert query -o json} prints too), a webhook payload, or a
 * single alert object. Anything else is an {@link AlertJsonException} that says what was expected.
 */
public final class AlertJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertJson() {}

    /** The alerts of pasted or saved text, grouped as the text groups them (one group when it does not). */
    public static List<AlertGroup> parse(String text) throws AlertJsonException {
        if (text == null || text.isBlank()) {
            throw new AlertJsonException("Nothing to read: paste an alert's JSON (a webhook payload or the output of "
                    + "amtool alert query -o json)");
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            var where = e.getLocation();
            throw new AlertJsonException("Not JSON" + (where == null ? "" : " (line " + where.getLineNr() + ", column "
                    + where.getColumnNr() + ")") + ": " + e.getOriginalMessage());
        }
        return groups(root);
    }

    /** Alertmanager's answer, or any of the shapes {@link #parse} reads, as groups. */
    public static List<AlertGroup> groups(JsonNode root) throws AlertJsonException {
        if (root == null || root.isNull() || root.isMissingNode()) {
            return List.of();
        }
        if (root.isObject() && root.has("alerts") && root.get("alerts").isArray()) {
            // A webhook payload: its group is groupLabels (or commonLabels), sent to one receiver.
            JsonNode groupLabels = root.has("groupLabels") ? root.get("groupLabels") : root.path("commonLabels");
            return List.of(new AlertGroup(strings(groupLabels, "groupLabels"), root.path("receiver").asText(""),
                    alerts(root.get("alerts"), "alerts")));
        }
        if (root.isObject() && root.has("labels")) {
            return List.of(new AlertGroup(Map.of(), "", List.of(alert(root, "the alert"))));
        }
        if (!root.isArray()) {
            throw new AlertJsonException("No alert in this JSON: expected an alert ({\"labels\": {\"alertname\": …}}), "
                    + "a list of alerts, Alertmanager's groups, or a webhook payload ({\"alerts\": […]})");
        }
        if (root.isEmpty()) {
            return List.of();
        }
        if (root.get(0).isObject() && root.get(0).has("alerts")) {
            List<AlertGroup> groups = new ArrayList<>();
            for (int i = 0; i < root.size(); i++) {
                JsonNode group = root.get(i);
                String where = "group " + (i + 1);
                groups.add(new AlertGroup(strings(group.path("labels"), where + " labels"),
                        group.path("receiver").path("name").asText(group.path("receiver").asText("")),
                        alerts(group.get("alerts"), where + " alerts")));
            }
            return groups;
        }
        return List.of(new AlertGroup(Map.of(), "", alerts(root, "the list")));
    }

    private static List<FiringAlert> alerts(JsonNode list, String where) throws AlertJsonException {
        if (list == null || !list.isArray()) {
            throw new AlertJsonException(where + " should be a list of alerts");
        }
        List<FiringAlert> alerts = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            alerts.add(alert(list.get(i), "alert " + (i + 1) + (where.equals("the list") ? "" : " of " + where)));
        }
        return alerts;
    }

    private static FiringAlert alert(JsonNode node, String where) throws AlertJsonException {
        if (!node.isObject()) {
            throw new AlertJsonException(where + " is not an object with labels");
        }
        Map<String, String> labels = strings(node.path("labels"), where + " labels");
        if (labels.getOrDefault("alertname", "").isBlank()) {
            throw new AlertJsonException(where + " has no alertname label");
        }
        JsonNode status = node.path("status");
        String state = status.isObject() ? status.path("state").asText("") : status.asText("");
        return new FiringAlert(node.path("fingerprint").asText(""), labels,
                strings(node.path("annotations"), where + " annotations"), instant(node.path("startsAt"), where),
                node.path("generatorURL").asText(""), state, texts(status.path("silencedBy")),
                texts(status.path("inhibitedBy")));
    }

    private static Map<String, String> strings(JsonNode node, String where) throws AlertJsonException {
        Map<String, String> values = new LinkedHashMap<>();
        if (node == null || node.isMissingNode() || node.isNull()) {
            return values;
        }
        if (!node.isObject()) {
            throw new AlertJsonException(where + " should be an object of name: value");
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isValueNode() || field.getValue().isNull()) {
                throw new AlertJsonException(where + ": " + field.getKey() + " should be a text value");
            }
            values.put(field.getKey(), field.getValue().asText());
        }
        return values;
    }

    private static List<String> texts(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(value -> values.add(value.asText()));
        }
        return values;
    }

    private static Instant instant(JsonNode node, String where) throws AlertJsonException {
        if (node.isMissingNode() || node.isNull() || node.asText().isBlank()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(node.asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw new AlertJsonException(where + ": startsAt " + node.asText() + " is not a time (RFC 3339)");
        }
    }
}
