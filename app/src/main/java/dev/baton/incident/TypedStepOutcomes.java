package dev.baton.incident;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What became of each step sent to a terminal, read from the timeline: a step typed without Enter stays typed
 * until a later {@code step.entered} (Enter pressed) or {@code step.abandoned} (Ctrl+C, the line cleared) names
 * its {@code step.sent} line. The one reading for the runbook page, the CLI and handoff.html.
 */
public final class TypedStepOutcomes {
    /** Where a step sent to a terminal stands. */
    public enum Outcome {
        /** Enter went with it, or was pressed later. */
        RUN,
        /** Given up before Enter: it did not run. */
        ABANDONED,
        /** Typed, Enter not pressed (yet). */
        STILL_TYPED,
        /** Written by a Baton that did not record whether Enter went with it. */
        NOT_RECORDED
    }

    private TypedStepOutcomes() {
    }

    /** The outcome of each {@code step.sent} line, by its {@code seq}; the first answer to a typed step settles it. */
    public static Map<Long, Outcome> of(List<TimelineEvent> events) {
        Map<Long, Outcome> outcomes = new HashMap<>();
        Set<Long> unanswered = new HashSet<>();
        for (TimelineEvent line : events) {
            IncidentEvent event;
            try {
                event = line.typed();
            } catch (RuntimeException e) {
                continue; // a line this version cannot read says nothing about typed steps
            }
            if (event instanceof IncidentEvent.StepSent sent) {
                outcomes.put(line.seq(), sent.submitted() == null ? Outcome.NOT_RECORDED
                        : sent.submitted() ? Outcome.RUN : Outcome.STILL_TYPED);
                unanswered.add(line.seq());
            } else if (event instanceof IncidentEvent.StepEntered entered && unanswered.remove(entered.sent())) {
                outcomes.put(entered.sent(), Outcome.RUN);
            } else if (event instanceof IncidentEvent.StepAbandoned abandoned && unanswered.remove(abandoned.sent())) {
                outcomes.put(abandoned.sent(), Outcome.ABANDONED);
            }
        }
        return outcomes;
    }
}
