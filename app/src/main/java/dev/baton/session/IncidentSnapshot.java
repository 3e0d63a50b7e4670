package dev.baton.session;

import dev.baton.incident.IncidentInfo;
import dev.baton.incident.OpenIncident;
import dev.baton.incident.TimelineEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The open incident as the window shows it: a copy taken on the incident's thread, so a view reads it
 * without locks and without waiting on a disk.
 *
 * @param ticked checklist items ticked, as {@code runbook#item}
 * @param recovered whether the last session on it ended without closing it
 */
public record IncidentSnapshot(IncidentInfo info, Path folder, List<TimelineEvent> events, String notes,
        Set<String> ticked, Map<String, String> variables, boolean recovered) {
    public IncidentSnapshot {
        events = List.copyOf(events);
        ticked = Set.copyOf(ticked);
        variables = Map.copyOf(variables);
    }

    static IncidentSnapshot of(OpenIncident incident) {
        return new IncidentSnapshot(incident.info(), incident.folder(), incident.timeline().events(),
                incident.notes(), incident.tickedItems(), incident.variables(), incident.wasRecovered());
    }

    public Duration elapsed(Instant now) {
        return Duration.between(info.startedAt(), now);
    }
}
