package dev.baton.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.sources.SourceClient;
import dev.baton.sources.SourceException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alertmanager's API v2, the two calls Baton makes: read the alert groups, and create a silence (the one
 * write Baton ever sends to an Alertmanager).
 */
public final class AlertmanagerApi {
    private final SourceClient client;

    public AlertmanagerApi(SourceClient client) {
        this.client = client;
    }

    /** Every alert, firing, silenced and inhibited, grouped as the routes group them. */
    public List<AlertGroup> groups() throws SourceException {
        JsonNode answer = client.getJson("/api/v2/alerts/groups",
                Map.of("active", "true", "silenced", "true", "inhibited", "true"));
        // Only a well-formed list is an answer: an empty body or another shape must never read as "nothing firing".
        if (answer == null) {
            throw new SourceException(client.source().describe() + ": answered with an empty body, not a list of alert "
                    + "groups; Baton cannot tell what is firing");
        }
        if (!answer.isArray()) {
            throw new SourceException(client.source().describe() + ": the answer is not a list of alert groups "
                    + "(Alertmanager's API v2); Baton cannot tell what is firing");
        }
        try {
            return AlertJson.groups(answer);
        } catch (AlertJsonException e) {
            throw new SourceException(client.source().describe() + ": the answer is not Alertmanager's alert groups ("
                    + e.getMessage() + ")");
        }
    }

    /**
     * Silences the alert: every one of its labels must match exactly, as Alertmanager's own "Silence" button
     * proposes. Returns the new silence's id.
     */
    public String silence(FiringAlert alert, Instant startsAt, Instant endsAt, String createdBy, String comment)
            throws SourceException {
        List<Map<String, Object>> matchers = new ArrayList<>();
        alert.labels().forEach((name, value) -> {
            Map<String, Object> matcher = new LinkedHashMap<>();
            matcher.put("name", name);
            matcher.put("value", value);
            matcher.put("isRegex", false);
            matcher.put("isEqual", true);
            matchers.add(matcher);
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("matchers", matchers);
        body.put("startsAt", startsAt.toString());
        body.put("endsAt", endsAt.toString());
        body.put("createdBy", createdBy);
        body.put("comment", comment);
        JsonNode answer = client.postJson("/api/v2/silences", body);
        String id = answer == null ? "" : answer.path("silenceID").asText("");
        if (id.isEmpty()) {
            throw new SourceException(client.source().describe() + ": the silence was sent but no silence id came back");
        }
        return id;
    }
}
