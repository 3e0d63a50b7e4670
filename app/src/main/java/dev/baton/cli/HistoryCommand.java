package dev.baton.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.history.HistoryHit;
import dev.baton.history.HistoryQuery;
import dev.baton.history.HistoryUpdate;
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
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "history", description = "Search every past incident: commands run, outputs, notes, alerts, nodes, responders.",
        subcommands = HistoryCommand.Search.class)
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
}
