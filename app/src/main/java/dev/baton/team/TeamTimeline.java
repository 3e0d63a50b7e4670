package dev.baton.team;

import dev.baton.incident.Timeline;
import dev.baton.incident.TimelineEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The incident as the team sees it: every responder's events, each marked with whose log it came from, ordered
 * by time, then responder, then place in that log. Each log keeps its own hash chain; the merged view is only
 * for reading, so merging can never lose or reorder anyone's record.
 */
public final class TeamTimeline {
    private TeamTimeline() {}

    /** One event and the responder whose log holds it. */
    public record TeamEvent(String responder, TimelineEvent event) {}

    private static final Comparator<TeamEvent> ORDER = Comparator.comparing((TeamEvent e) -> e.event().time())
            .thenComparing(TeamEvent::responder).thenComparingLong(e -> e.event().seq());

    /** Merges the logs ({@code responder → events}). */
    public static List<TeamEvent> merge(Map<String, List<TimelineEvent>> logs) {
        List<TeamEvent> merged = new ArrayList<>();
        logs.forEach((responder, events) -> events.forEach(event -> merged.add(new TeamEvent(responder, event))));
        merged.sort(ORDER);
        return merged;
    }

    /** The events of a log's bytes; a line that cannot be read is left out (the chain check names it). */
    public static List<TimelineEvent> events(byte[] log) {
        List<TimelineEvent> events = new ArrayList<>();
        for (String line : new String(log, StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                events.add(Timeline.parse(line));
            } catch (IOException | RuntimeException e) {
                // Not shown; a chain check reports it.
            }
        }
        return events;
    }
}
