package dev.baton.history;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A past incident as the Last time panel shows it.
 *
 * @param labels      the labels of the alert it answered (empty when it answered none)
 * @param responders  everyone an event is credited to, the one who started it first
 * @param mttrSeconds from start to end; null while it has not ended
 * @param state       "ended", "handed off" or "open"
 * @param steps       the steps run, in the order they ran
 */
public record PastIncident(String id, String title, String alert, Map<String, String> labels, Instant startedAt,
        List<String> responders, Long mttrSeconds, String state, List<StepOutcome> steps) {
    public PastIncident {
        labels = Map.copyOf(labels);
        responders = List.copyOf(responders);
        steps = List.copyOf(steps);
    }

    /**
     * One run of a step in that incident.
     *
     * @param exit       the exit status; null when there was none (typed into a terminal, a signal)
     * @param outcome    how it ended in words ("exit 0", "run", "abandoned")
     * @param durationMs how long it took; -1 when unknown
     * @param seq        the timeline line that says how it ended
     */
    public record StepOutcome(String runbook, int step, String text, String target, Integer exit, String outcome,
            long durationMs, long seq) {
        public boolean failed() {
            return exit != null && exit != 0;
        }
    }
}
