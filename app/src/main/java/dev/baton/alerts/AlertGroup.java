package dev.baton.alerts;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Alerts Alertmanager notifies about together, as its route's {@code group_by} groups them.
 *
 * @param labels   the labels the group shares ({@code group_by}); empty for a pasted alert
 * @param receiver the receiver the route sends them to, or empty
 */
public record AlertGroup(Map<String, String> labels, String receiver, List<FiringAlert> alerts) {
    public AlertGroup {
        labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
        receiver = receiver == null ? "" : receiver;
        alerts = List.copyOf(alerts);
    }
}
