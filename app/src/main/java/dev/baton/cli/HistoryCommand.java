package dev.baton.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.history.HistoryHit;
import dev.baton.history.HistoryQuery;
import dev.baton.history.HistoryUpdate;
import dev.baton.history.PastIncident;
import dev.baton.history.StepMemory;
import dev.baton.incident.IncidentStore;
import dev.baton.session.IncidentHistory;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "history", description = "Search every past incident: commands run, outputs, notes, alerts, nodes, responders.",
        subcommands = {HistoryCommand.Search.class, HistoryCommand.Last.class, HistoryCommand.Steps.class})
final class HistoryCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    @Command(name = "search", description = {
        "Events of past incidents that hold every word of QUERY (the last may be a prefix), newest first:",
        "when, who, on which node, the incident and the event's line in its timeline (INCIDENT#SEQ).",
        "The index beside the incidents is brought up to date first. Exit 1 when nothing matches."})
    static final class Search implements Callable<Integer> {
        private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                .withZone(ZoneOffset.UTC);

        @Parameters(arity = "0..*", paramLabel = "QUERY", description = "Words to look for; none: every event the filters let through.")
        List<String> words = List.of();

        @Option(names = "--json", description = "Print the events as a JSON array.")
        boolean json;

        @Option(names = "--since", paramLabel = "DATE", description = "Only events on or after DATE (2026-11-01, or an instant such as 2026-11-01T09:00:00Z).")
        String since;

        @Option(names = "--node", paramLabel = "NAME", description = "Only events on this node.")
        String node;

        @Option(names = "--by", paramLabel = "RESPONDER", description = "Only events by this responder.")
        String by;

        @Option(names = {"-n", "--limit"}, defaultValue = "50", description = "Most events to print (default ${DEFAULT-VALUE}).")
        int limit;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            String query = String.join(" ", words);
            HistoryQuery asked;
            try {
                asked = new HistoryQuery(query, since == null ? null : since(since), node, by, Math.max(1, limit));
            } catch (DateTimeParseException e) {
                err.println("baton history search: --since " + Printable.of(since)
                        + " is not a date: write it as 2026-11-01 or 2026-11-01T09:00:00Z");
                return 2;
            }
            IncidentHistory.Found found;
            try (IncidentHistory history = new IncidentHistory(new IncidentStore(IncidentStore.defaultDataDirectory()))) {
                found = history.searchUpToDate(asked);
            } catch (IOException e) {
                err.println("baton history search: the history cannot be searched: " + Printable.of(e.getMessage()));
                return 2;
            }
            for (HistoryUpdate.Tampered tampered : found.tampered()) {
                err.println("baton history search: " + Printable.of(tampered.message()));
            }
            if (!found.notice().isEmpty()) {
                err.println("baton history search: " + Printable.of(found.notice()));
            }
            try {
                if (json) {
                    out.println(Printable.jsonMapper().writeValueAsString(json(found.hits())));
                } else {
                    found.hits().forEach(hit -> print(out, hit));
                }
            } catch (IOException e) {
                err.println("baton history search: " + Printable.of(e.getMessage()));
                return 2;
            }
            out.flush();
            if (found.hits().isEmpty()) {
                err.println("baton history search: no event of a past incident matches"
                        + (query.isBlank() ? "" : " \"" + Printable.of(query) + "\"")
                        + (node == null ? "" : " on " + Printable.of(node))
                        + (by == null ? "" : " by " + Printable.of(by))
                        + (since == null ? "" : " since " + Printable.of(since)));
                return 1;
            }
            return 0;
        }

        private static Instant since(String text) {
            if (text.contains("T")) {
                return Instant.parse(text);
            }
            return LocalDate.parse(text).atStartOfDay(ZoneId.systemDefault()).toInstant();
        }

        private static void print(PrintWriter out, HistoryHit hit) {
            out.println(WHEN.format(hit.time()) + "  " + Printable.of(hit.by().isEmpty() ? "-" : hit.by()) + "  "
                    + Printable.of(hit.nodes().isEmpty() ? "-" : String.join(",", hit.nodes())) + "  "
                    + Printable.of(hit.incident()) + (hit.log().isEmpty() ? "" : "@" + Printable.of(hit.log())) + "#"
                    + hit.seq() + "  " + Printable.of(hit.words()));
            if (!hit.snippet().isEmpty()) {
                out.println("    " + Printable.of(hit.snippet()));
            }
        }

        private static ArrayNode json(List<HistoryHit> hits) {
            ArrayNode array = Printable.jsonMapper().createArrayNode();
            for (HistoryHit hit : hits) {
                ObjectNode node = array.addObject();
                node.put("incident", hit.incident());
                node.put("title", hit.title());
                node.put("seq", hit.seq());
                node.put("time", hit.time().toString());
                node.put("type", hit.type());
                node.put("by", hit.by());
                hit.nodes().forEach(node.putArray("nodes")::add);
                node.put("event", hit.words());
                node.put("snippet", hit.snippet());
                node.put("log", hit.log());
            }
            return array;
        }
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** The history brought up to date, its tampered timelines said on stderr; null (said) when it cannot be. */
    private static IncidentHistory upToDate(String command, PrintWriter err) {
        IncidentHistory history = new IncidentHistory(new IncidentStore(IncidentStore.defaultDataDirectory()));
        try {
            for (HistoryUpdate.Tampered tampered : history.catchUp().tampered()) {
                err.println("baton history " + command + ": " + Printable.of(tampered.message()));
            }
            return history;
        } catch (IOException | RuntimeException e) {
            history.close();
            err.println("baton history " + command + ": the history cannot be read: " + Printable.of(e.getMessage()));
            return null;
        }
    }

    @Command(name = "last", description = {
        "Last time ALERTNAME fired: the past incidents of that alert, those with the same service, namespace or",
        "node label first, then the newest; when, who, MTTR, how it ended and each step run with its exit status,",
        "as the window shows above a runbook opened from the alert. Exit 1 when the alert never fired before."})
    static final class Last implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ALERTNAME")
        String alertname;

        @Option(names = "--label", paramLabel = "NAME=VALUE", description = "A label of today's alert (repeatable): incidents with the same service, namespace or node come first.")
        Map<String, String> labels = new LinkedHashMap<>();

        @Option(names = {"-n", "--limit"}, defaultValue = "10", description = "Most incidents to print (default ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--json", description = "Print the incidents as a JSON array.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<PastIncident> past;
            try (IncidentHistory history = upToDate("last", err)) {
                if (history == null) {
                    return 2;
                }
                past = history.lastTime(alertname, labels, Math.max(1, limit));
                if (json) {
                    out.println(Printable.jsonMapper().writeValueAsString(json(past)));
                } else {
                    past.forEach(incident -> print(out, incident));
                }
            } catch (IOException e) {
                err.println("baton history last: " + Printable.of(e.getMessage()));
                return 2;
            }
            out.flush();
            if (past.isEmpty()) {
                err.println("baton history last: no past incident of " + Printable.of(alertname));
                return 1;
            }
            return 0;
        }

        private static void print(PrintWriter out, PastIncident past) {
            out.println(DAY.format(past.startedAt()) + "  " + Printable.of(String.join(",", past.responders())) + "  "
                    + (past.mttrSeconds() == null ? "" : "MTTR " + minutes(past.mttrSeconds()) + ", ")
                    + Printable.of(past.state()) + "  " + Printable.of(past.id()) + "  " + Printable.of(past.title()));
            for (PastIncident.StepOutcome step : past.steps()) {
                out.println("    " + (step.exit() == null ? "·" : step.failed() ? "✗" : "✓") + " "
                        + Printable.of(step.runbook()) + "#" + step.step() + " on " + Printable.of(step.target()) + ": "
                        + Printable.of(step.outcome()) + "  " + Printable.of(step.text()));
            }
        }

        private static String minutes(long seconds) {
            return seconds < 3600 ? (seconds + 59) / 60 + " min" : seconds / 3600 + " h " + (seconds % 3600) / 60 + " min";
        }

        private static ArrayNode json(List<PastIncident> incidents) {
            ArrayNode array = Printable.jsonMapper().createArrayNode();
            for (PastIncident past : incidents) {
                ObjectNode node = array.addObject();
                node.put("incident", past.id());
                node.put("title", past.title());
                node.put("alert", past.alert());
                past.labels().forEach(node.putObject("labels")::put);
                node.put("started", past.startedAt().toString());
                past.responders().forEach(node.putArray("responders")::add);
                if (past.mttrSeconds() != null) {
                    node.put("mttr_seconds", past.mttrSeconds());
                }
                node.put("state", past.state());
                ArrayNode steps = node.putArray("steps");
                for (PastIncident.StepOutcome step : past.steps()) {
                    ObjectNode run = steps.addObject();
                    run.put("runbook", step.runbook());
                    run.put("step", step.step());
                    run.put("text", step.text());
                    run.put("target", step.target());
                    if (step.exit() != null) {
                        run.put("exit", step.exit());
                    }
                    run.put("outcome", step.outcome());
                    if (step.durationMs() >= 0) {
                        run.put("duration_ms", step.durationMs());
                    }
                    run.put("seq", step.seq());
                }
            }
            return array;
        }
    }

    @Command(name = "steps", description = {
        "Step memory of RUNBOOK (its id, as `baton search` prints it): for each step, across past incidents, how",
        "often it ran and failed, its median duration and its last output; a step that failed the last three",
        "times says so. Exit 1 when no step of it ever ran."})
    static final class Steps implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "RUNBOOK")
        String runbook;

        @Option(names = "--json", description = "Print the steps as a JSON array.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Map<Integer, StepMemory> memory;
            try (IncidentHistory history = upToDate("steps", err)) {
                if (history == null) {
                    return 2;
                }
                memory = history.stepMemory(runbook);
                if (json) {
                    ArrayNode array = Printable.jsonMapper().createArrayNode();
                    memory.values().forEach(m -> {
                        ObjectNode node = array.addObject();
                        node.put("step", m.step());
                        node.put("runs", m.runs());
                        node.put("failures", m.failures());
                        if (m.medianDurationMs() >= 0) {
                            node.put("median_ms", m.medianDurationMs());
                        }
                        node.put("last_at", m.lastAt().toString());
                        node.put("last_incident", m.lastIncident());
                        node.put("last_seq", m.lastSeq());
                        node.put("last_output", m.lastOutput());
                        node.put("failed_last_three", m.failedLastThree());
                    });
                    out.println(Printable.jsonMapper().writeValueAsString(array));
                } else {
                    memory.values().forEach(m -> {
                        var words = dev.baton.session.StepMemoryWords.of(Map.of(m.step(), m)).get(m.step());
                        out.println("Step " + m.step() + ": " + Printable.of(words.summary())
                                + (m.failedLastThree() ? "  FAILED THE LAST THREE TIMES" : ""));
                        if (!words.lastOutput().isEmpty()) {
                            words.lastOutput().lines().forEach(line -> out.println("    " + Printable.of(line)));
                        }
                    });
                }
            } catch (IOException e) {
                err.println("baton history steps: " + Printable.of(e.getMessage()));
                return 2;
            }
            out.flush();
            if (memory.isEmpty()) {
                err.println("baton history steps: no step of " + Printable.of(runbook) + " ran in a past incident");
                return 1;
            }
            return 0;
        }
    }
}
