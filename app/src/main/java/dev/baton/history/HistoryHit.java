package dev.baton.history;

import java.time.Instant;
import java.util.List;

/**
 * One event of a past incident that a search found: enough to name it and to open its incident at it.
 *
 * @param seq     the event's line in the incident's timeline
 * @param words   the event in words, as the timeline pane says it
 * @param snippet where the words matched in longer text (an output, the notes), or empty
 * @param log     the teammate whose log (taken in from the team's git remote) holds the event, its {@code seq}
 *                a line of that log; empty when it is in this data folder's own timeline
 */
public record HistoryHit(String incident, String title, long seq, Instant time, String type, String by,
        List<String> nodes, String words, String snippet, String log) {
    public HistoryHit {
        nodes = List.copyOf(nodes);
    }
}
