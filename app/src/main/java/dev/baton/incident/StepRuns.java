package dev.baton.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The runs of a runbook's steps, read from an incident's timeline: each exec result joined to the step
 * that started it on that node, and each step typed into a terminal. Newest first.
 */
public final class StepRuns {
    /**
     * One run of a step.
     *
     * @param seq        the timeline line of the result (or of the typing), which opens its output
     * @param exit       the exit status; null when there was none (typed into a terminal, a signal, a lost connection)
     * @param outcome    how it ended in words: "exit 0"; for a step typed into a terminal "run" (Enter pressed),
     *                   "typed" (not yet), "abandoned" or "sent" (written by a Baton that could not tell)
     * @param durationMs how long it took; -1 when unknown
     * @param hasOutput  whether its output was kept in the incident folder
     * @param by         the responder the timeline credits with it (the sender's name for runs before a handoff);
     *                   empty when the line does not say
     */
    public record Run(long seq, int step, Instant at, String target, Integer exit, String outcome, long durationMs,
            boolean hasOutput, String by) {
        public boolean failed() {
            return exit != null && exit != 0 || exit == null && durationMs >= 0;
        }
    }

    private StepRuns() {
    }

    /** The runs of each step of {@code runbookId}, newest first, at most {@code perStep} a step. */
    public static Map<Integer, List<Run>> of(List<TimelineEvent> events, String runbookId, int perStep) {
        Map<String, IncidentEvent.StepRun> startedOn = new HashMap<>();
        Map<Integer, List<Run>> runs = new HashMap<>();
        Map<Long, TypedStepOutcomes.Outcome> typedOutcomes = TypedStepOutcomes.of(events);
        for (TimelineEvent line : events) {
            IncidentEvent event;
            try {
                event = line.typed();
            } catch (RuntimeException e) {
                continue; // a line this version cannot read says nothing about runs
            }
            if (event instanceof IncidentEvent.StepRun started) {
                started.nodes().forEach(node -> startedOn.put(node, started));
            } else if (event instanceof IncidentEvent.RunResult result) {
                IncidentEvent.StepRun started = startedOn.get(result.target());
                if (started != null && runbookId.equals(started.runbook())) {
                    runs.computeIfAbsent(started.step(), n -> new ArrayList<>()).add(new Run(line.seq(), started.step(),
                            result.startedAt() != null ? result.startedAt() : line.time(), result.target(), result.exit(),
                            result.summary() == null || result.summary().isBlank() ? result.outcome() : result.summary(),
                            result.durationMs(), result.stdout() != null && !result.stdout().isBlank()
                                    || result.stderr() != null && !result.stderr().isBlank(), line.text("by")));
                }
            } else if (event instanceof IncidentEvent.StepSent sent && runbookId.equals(sent.runbook())) {
                String outcome = switch (typedOutcomes.get(line.seq())) {
                    case RUN -> "run";
                    case ABANDONED -> "abandoned";
                    case STILL_TYPED -> "typed";
                    case NOT_RECORDED -> "sent";
                };
                runs.computeIfAbsent(sent.step(), n -> new ArrayList<>())
                        .add(new Run(line.seq(), sent.step(), line.time(), sent.target(), null, outcome, -1, false,
                                line.text("by")));
            }
        }
        Map<Integer, List<Run>> newest = new HashMap<>();
        runs.forEach((step, list) -> {
            List<Run> reversed = new ArrayList<>(list);
            java.util.Collections.reverse(reversed);
            newest.put(step, List.copyOf(reversed.subList(0, Math.min(perStep, reversed.size()))));
        });
        return newest;
    }
}
