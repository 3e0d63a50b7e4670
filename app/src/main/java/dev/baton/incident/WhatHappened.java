package dev.baton.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What happened in an incident, read from its timeline as a reader outside Baton wants it: one row per thing
 * done (an alert, a step sent to a terminal, a step run on nodes, a query, a note, a handoff), a run on many
 * nodes as one row with its nodes grouped by how they ended, each failure naming the file that holds its
 * error. The one reading for {@code handoff.html} and the incident report, so they cannot drift apart.
 */
public final class WhatHappened {
    /** What kind of thing a row is; the report's sections pick rows by it. */
    public enum Kind { INCIDENT, ALERT, STEP_IN_TERMINAL, STEP_ON_NODES, QUERY, CAPTURE, CHECKLIST, CONNECTION, HANDOFF }

    /** How a row ended. */
    public enum Status { OK, FAILED, PENDING, NONE }

    /**
     * Nodes of a run that ended the same way.
     *
     * @param outcome "exit 0", "exit 1", "timed out", "no result"
     * @param stream  the incident-folder file holding the first failed node's error (its stderr, else its
     *                stdout), or empty
     */
    public record Group(String outcome, List<String> nodes, boolean failed, String stream, long longestMs) {
        public Group {
            nodes = List.copyOf(nodes);
        }
    }

    /**
     * One thing done.
     *
     * @param seq        the timeline line it starts at; {@code seqs} every line it stands for
     * @param what       the command, query, alert name or words of the event (may hold several lines)
     * @param where      the terminal, the nodes, the data source; empty when nowhere
     * @param result     how it ended in words
     * @param groups     for a run on nodes, its nodes by outcome; empty otherwise
     * @param stream     the incident-folder file holding this row's output or error, or empty
     * @param durationMs how long it took (a run on nodes: its slowest node); -1 when unknown
     */
    public record Row(long seq, Instant at, Kind kind, String what, String where, String result, Status status,
            String by, List<Group> groups, String stream, long durationMs, List<Long> seqs) {
        public Row {
            groups = List.copyOf(groups);
            seqs = List.copyOf(seqs);
        }

        public boolean failed() {
            return status == Status.FAILED;
        }
    }

    private WhatHappened() {
    }

    /** The rows of {@code events}, in the order they started. */
    public static List<Row> of(List<TimelineEvent> events) {
        Map<Long, TypedStepOutcomes.Outcome> typed = TypedStepOutcomes.of(events);
        Map<Long, String> typedWords = new HashMap<>();
        Map<Long, List<Long>> typedLines = new HashMap<>();
        for (TimelineEvent line : events) {
            IncidentEvent event = line.typed();
            if (event instanceof IncidentEvent.StepEntered e) {
                typedWords.put(e.sent(), e.edited() ? "ran after editing: " + e.text() : "ran (Enter pressed)");
                typedLines.computeIfAbsent(e.sent(), k -> new ArrayList<>()).add(line.seq());
            } else if (event instanceof IncidentEvent.StepAbandoned e) {
                typedWords.put(e.sent(), "not run: " + e.reason());
                typedLines.computeIfAbsent(e.sent(), k -> new ArrayList<>()).add(line.seq());
            }
        }
        List<Object> rows = new ArrayList<>();
        Map<String, NodeRun> runningOn = new HashMap<>();
        for (TimelineEvent line : events) {
            IncidentEvent event = line.typed();
            String by = line.text("by");
            if (event instanceof IncidentEvent.StepRun e) {
                NodeRun run = new NodeRun(line, e, by);
                e.nodes().forEach(node -> runningOn.put(node, run));
                rows.add(run);
            } else if (event instanceof IncidentEvent.RunResult e) {
                NodeRun run = runningOn.remove(e.target());
                if (run == null) {
                    run = new NodeRun(line, new IncidentEvent.StepRun("", 0, e.command(), List.of(e.target()), null), by);
                    rows.add(run);
                }
                run.add(line.seq(), e);
            } else if (event instanceof IncidentEvent.StepSent e) {
                TypedStepOutcomes.Outcome outcome = typed.getOrDefault(line.seq(), TypedStepOutcomes.Outcome.NOT_RECORDED);
                String words = typedWords.getOrDefault(line.seq(), switch (outcome) {
                    case RUN -> "ran (Enter sent with it)";
                    case ABANDONED -> "not run";
                    case STILL_TYPED -> "typed, Enter not pressed: never run";
                    case NOT_RECORDED -> "sent";
                });
                List<Long> seqs = new ArrayList<>(List.of(line.seq()));
                seqs.addAll(typedLines.getOrDefault(line.seq(), List.of()));
                Status status = outcome == TypedStepOutcomes.Outcome.RUN ? Status.OK
                        : outcome == TypedStepOutcomes.Outcome.STILL_TYPED ? Status.PENDING : Status.NONE;
                rows.add(new Row(line.seq(), line.time(), Kind.STEP_IN_TERMINAL, e.text().strip(), e.target(),
                        words + "; a terminal gives no exit status", status, by, List.of(), "", -1, seqs));
            } else {
                Row row = single(line, event, by);
                if (row != null) {
                    rows.add(row);
                }
            }
        }
        return rows.stream().map(r -> r instanceof NodeRun run ? run.row() : (Row) r).toList();
    }

    /** A row for an event that stands alone, or null for one the reader need not see here (in the full log). */
    private static Row single(TimelineEvent line, IncidentEvent event, String by) {
        if (event instanceof IncidentEvent.IncidentStarted || event instanceof IncidentEvent.IncidentClosed
                || event instanceof IncidentEvent.IncidentRecovered) {
            return row(line, Kind.INCIDENT, EventWords.describe(event), "", "", Status.NONE, by);
        }
        if (event instanceof IncidentEvent.AlertOpened e) {
            return row(line, Kind.ALERT, e.alertname(), EventWords.labels(e.labels()), e.status() + " (from "
                    + e.source() + ")", Status.NONE, by);
        }
        if (event instanceof IncidentEvent.AlertSilenced e) {
            return row(line, Kind.ALERT, "Silenced " + e.alertname(), e.source(), e.comment(), Status.NONE, by);
        }
        if (event instanceof IncidentEvent.QueryRan e) {
            boolean failed = e.error() != null && !e.error().isBlank();
            return new Row(line.seq(), line.time(), Kind.QUERY, e.query(), e.language() + " on " + e.source(),
                    failed ? "failed: " + e.error() : e.count() + " " + e.unit(), failed ? Status.FAILED : Status.OK,
                    by, List.of(), "", e.durationMs(), List.of(line.seq()));
        }
        if (event instanceof IncidentEvent.CaptureTaken e) {
            return new Row(line.seq(), line.time(), Kind.CAPTURE, EventWords.describe(event), e.target(),
                    e.outcome() == null ? "" : e.outcome(), Status.NONE, by, List.of(), e.file() == null ? "" : e.file(),
                    -1, List.of(line.seq()));
        }
        if (event instanceof IncidentEvent.ChecklistTicked || event instanceof IncidentEvent.ChecklistUnticked) {
            return row(line, Kind.CHECKLIST, EventWords.describe(event), "", "", Status.NONE, by);
        }
        if (event instanceof IncidentEvent.ConnectionFailed e) {
            return row(line, Kind.CONNECTION, EventWords.describe(event), e.target(), e.reason(), Status.FAILED, by);
        }
        if (event instanceof IncidentEvent.ConnectionLost e) {
            return row(line, Kind.CONNECTION, EventWords.describe(event), e.target(), "", Status.FAILED, by);
        }
        if (event instanceof IncidentEvent.HandoffExported || event instanceof IncidentEvent.HandoffImported
                || event instanceof IncidentEvent.HandoffTakenBack) {
            return row(line, Kind.HANDOFF, EventWords.describe(event), "", "", Status.NONE, by);
        }
        return null;
    }

    private static Row row(TimelineEvent line, Kind kind, String what, String where, String result, Status status,
            String by) {
        return new Row(line.seq(), line.time(), kind, what, where, result, status, by, List.of(), "", -1,
                List.of(line.seq()));
    }

    /** A step run on nodes, gathering its nodes' results as they come. */
    private static final class NodeRun {
        private final TimelineEvent started;
        private final IncidentEvent.StepRun step;
        private final String by;
        private final Map<String, IncidentEvent.RunResult> results = new LinkedHashMap<>();
        private final List<Long> seqs = new ArrayList<>();

        NodeRun(TimelineEvent started, IncidentEvent.StepRun step, String by) {
            this.started = started;
            this.step = step;
            this.by = by;
            seqs.add(started.seq());
        }

        void add(long seq, IncidentEvent.RunResult result) {
            if (seqs.size() == 1 && step.step() == 0) {
                seqs.clear(); // a result without its start line: the result is the row's first line
            }
            seqs.add(seq);
            results.put(result.target(), result);
        }

        Row row() {
            Map<String, List<IncidentEvent.RunResult>> byOutcome = new LinkedHashMap<>();
            for (String node : step.nodes()) {
                IncidentEvent.RunResult result = results.get(node);
                byOutcome.computeIfAbsent(result == null ? "no result" : outcome(result), k -> new ArrayList<>())
                        .add(result == null ? placeholder(node) : result);
            }
            List<Group> groups = new ArrayList<>();
            long longest = -1;
            boolean failed = false;
            boolean pending = false;
            for (var entry : byOutcome.entrySet()) {
                List<IncidentEvent.RunResult> runs = entry.getValue();
                boolean missing = entry.getKey().equals("no result");
                boolean groupFailed = !missing && runs.stream().anyMatch(WhatHappened::failed);
                long slowest = runs.stream().mapToLong(IncidentEvent.RunResult::durationMs).max().orElse(-1);
                String stream = groupFailed ? runs.stream().filter(WhatHappened::failed).map(WhatHappened::errorStream)
                        .filter(s -> !s.isEmpty()).findFirst().orElse("") : "";
                groups.add(new Group(entry.getKey(), runs.stream().map(IncidentEvent.RunResult::target).toList(),
                        groupFailed, stream, slowest));
                longest = Math.max(longest, slowest);
                failed |= groupFailed;
                pending |= missing;
            }
            IncidentEvent.RunResult single = groups.size() == 1 && results.size() == 1 && step.nodes().size() == 1
                    ? results.values().iterator().next() : null;
            boolean silent = single != null && single.stdoutBytes() == 0 && single.stderrBytes() == 0;
            String result = groups.size() == 1 && groups.get(0).nodes().size() == 1
                    ? groups.get(0).outcome() + (silent ? " (no output)" : "")
                    : String.join("; ", groups.stream().map(g -> g.outcome() + " on " + g.nodes().size()
                            + (g.nodes().size() == 1 ? " node" : " nodes")).toList());
            String stream = groups.stream().filter(Group::failed).map(Group::stream).filter(s -> !s.isEmpty())
                    .findFirst().orElse(single != null && !silent ? single.stdout() : "");
            String where = step.concurrency() == null ? step.targets()
                    : step.nodes().size() + " nodes, " + step.concurrency() + " at a time";
            return new Row(seqs.get(0), started.time(), Kind.STEP_ON_NODES, step.text().strip(), where, result,
                    failed ? Status.FAILED : pending ? Status.PENDING : Status.OK, by, groups, stream == null ? "" : stream,
                    longest, seqs);
        }

        private static IncidentEvent.RunResult placeholder(String node) {
            return new IncidentEvent.RunResult(node, "", "", null, null, "no result", null, -1, "", 0, "", 0);
        }
    }

    /** How a node's run ended, without its duration, so nodes that ended alike group together. */
    private static String outcome(IncidentEvent.RunResult result) {
        if (result.exit() != null) {
            return "exit " + result.exit();
        }
        if (result.signal() != null && !result.signal().isBlank()) {
            return "killed by " + result.signal();
        }
        String outcome = result.outcome() == null ? "" : result.outcome();
        return outcome.isBlank() ? "no exit status" : outcome.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    private static boolean failed(IncidentEvent.RunResult result) {
        return result.exit() == null || result.exit() != 0;
    }

    private static String errorStream(IncidentEvent.RunResult result) {
        if (result.stderrBytes() > 0 && result.stderr() != null) {
            return result.stderr();
        }
        return result.stdout() == null ? "" : result.stdout();
    }
}
