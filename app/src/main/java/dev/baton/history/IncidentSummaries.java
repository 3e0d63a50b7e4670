package dev.baton.history;

import dev.baton.incident.IncidentEvent;
import dev.baton.incident.IncidentInfo;
import dev.baton.incident.TimelineEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Sums up an incident from its timeline: who, how long, how it ended, which steps ran and how. */
final class IncidentSummaries {
    /** A summary lists this many step runs at most: the panel shows a few, and the index stays small. */
    private static final int MAX_STEPS = 60;

    private IncidentSummaries() {}

    static PastIncident of(IncidentInfo info, List<TimelineEvent> events) {
        Set<String> responders = new LinkedHashSet<>();
        if (!info.responder().isBlank()) {
            responders.add(info.responder());
        }
        Map<String, String> labels = Map.of();
        String alert = info.alert();
        Long mttr = null;
        String state = "open";
        Map<String, IncidentEvent.StepRun> startedOn = new HashMap<>();
        List<PastIncident.StepOutcome> steps = new ArrayList<>();
        for (TimelineEvent line : events) {
            IncidentEvent event;
            try {
                event = line.typed();
            } catch (RuntimeException e) {
                continue;
            }
            // The start names its responder; its line is credited to whoever ran the code that wrote it.
            String by = event instanceof IncidentEvent.IncidentStarted ? "" : line.text("by");
            if (!by.isBlank()) {
                responders.add(by);
            }
            if (event instanceof IncidentEvent.AlertOpened opened
                    && (labels.isEmpty() || alert.isBlank() || opened.alertname().equalsIgnoreCase(alert))) {
                labels = opened.labels();
                alert = alert.isBlank() ? opened.alertname() : alert;
            } else if (event instanceof IncidentEvent.IncidentClosed closed) {
                mttr = closed.elapsedSeconds();
                state = "ended";
            } else if (event instanceof IncidentEvent.HandoffExported) {
                state = "handed off";
            } else if (event instanceof IncidentEvent.HandoffTakenBack || event instanceof IncidentEvent.HandoffImported) {
                state = "open";
            } else if (event instanceof IncidentEvent.StepRun run) {
                run.nodes().forEach(node -> startedOn.put(node, run));
            } else if (event instanceof IncidentEvent.RunResult result && steps.size() < MAX_STEPS) {
                IncidentEvent.StepRun run = startedOn.get(result.target());
                if (run != null) {
                    steps.add(new PastIncident.StepOutcome(run.runbook(), run.step(), firstLine(run.text()),
                            result.target(), result.exit(), outcome(result), result.durationMs(), line.seq()));
                }
            } else if (event instanceof IncidentEvent.StepSent sent && Boolean.TRUE.equals(sent.submitted())
                    && steps.size() < MAX_STEPS) {
                steps.add(new PastIncident.StepOutcome(sent.runbook(), sent.step(), firstLine(sent.text()),
                        sent.target(), null, "run", -1, line.seq()));
            } else if (event instanceof IncidentEvent.StepEntered entered && steps.size() < MAX_STEPS) {
                steps.add(new PastIncident.StepOutcome(entered.runbook(), entered.step(), firstLine(entered.text()),
                        entered.target(), null, "run", -1, line.seq()));
            }
        }
        return new PastIncident(info.id(), info.title(), alert, labels, info.startedAt(), List.copyOf(responders),
                mttr, state, steps);
    }

    private static String outcome(IncidentEvent.RunResult result) {
        if (result.exit() != null) {
            return "exit " + result.exit();
        }
        return result.summary() == null || result.summary().isBlank() ? result.outcome() : result.summary();
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end) + " …";
    }
}
