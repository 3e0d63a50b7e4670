package dev.baton.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One alert as Alertmanager reports it (API v2, a webhook, or {@code amtool alert query -o json}).
 *
 * @param state        Alertmanager's word: {@code active}, {@code suppressed} or {@code unprocessed};
 *                     a webhook's {@code firing} or {@code resolved}
 * @param silencedBy   ids of the silences that mute it
 * @param inhibitedBy  fingerprints of the alerts that inhibit it
 * @param startsAt     when it started firing, or null when the JSON did not say
 * @param generatorUrl where the alert came from (the Prometheus expression), or empty
 */
public record FiringAlert(String fingerprint, Map<String, String> labels, Map<String, String> annotations,
        Instant startsAt, String generatorUrl, String state, List<String> silencedBy, List<String> inhibitedBy) {

    public FiringAlert {
        fingerprint = fingerprint == null ? "" : fingerprint;
        labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
        annotations = java.util.Collections.unmodifiableMap(new TreeMap<>(annotations));
        generatorUrl = generatorUrl == null ? "" : generatorUrl;
        state = state == null ? "" : state;
        silencedBy = List.copyOf(silencedBy);
        inhibitedBy = List.copyOf(inhibitedBy);
    }

    public String alertname() {
        return labels.getOrDefault("alertname", "");
    }

    public String severity() {
        return labels.getOrDefault("severity", "");
    }

    public boolean silenced() {
        return !silencedBy.isEmpty();
    }

    public boolean inhibited() {
        return !inhibitedBy.isEmpty();
    }

    /** "firing", "silenced", "inhibited" or "resolved", as a responder says it. */
    public String status() {
        if (silenced()) {
            return "silenced";
        }
        if (inhibited()) {
            return "inhibited";
        }
        return state.equals("resolved") ? "resolved" : "firing";
    }

    /** The labels that tell one firing of an alert from another: all but the name and severity. */
    public Map<String, String> keyLabels() {
        Map<String, String> key = new TreeMap<>(labels);
        key.remove("alertname");
        key.remove("severity");
        return key;
    }

    /** The annotation a responder reads first: summary, else description, else empty. */
    public String summary() {
        return annotations.getOrDefault("summary", annotations.getOrDefault("description", ""));
    }
}
