package dev.baton.session;

import dev.baton.incident.IncidentListing;
import dev.baton.inventory.Inventory;
import dev.baton.inventory.Node;
import dev.baton.runbook.AlertMatch;
import dev.baton.runbook.Runbook;
import dev.baton.runbook.RunbookLibrary;
import dev.baton.runbook.SearchHit;
import dev.baton.runbook.Step;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What the palette finds for what the responder typed: alerts (by prefix, and a typo away), runbooks,
 * steps, nodes, incidents and the window's actions, best first. It reads immutable snapshots and may run
 * on any thread.
 */
public final class PaletteSearch {
    public enum Kind {
        ALERT("Alert"), RUNBOOK("Runbook"), STEP("Step"), NODE("Node"), INCIDENT("Incident"), ACTION("Action");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One thing found.
     *
     * @param key    what opens it: an alert name, a runbook id, a runbook id and step number, a node name,
     *               an incident id, an action's name
     * @param step   the step's number for {@link Kind#STEP}, else 0
     */
    public record Entry(Kind kind, String title, String detail, String key, int step) {}

    /** What there is to find; any part may be empty. */
    public record Sources(RunbookLibrary library, Inventory inventory, List<IncidentListing> incidents,
            List<String> actions) {
        public Sources {
            inventory = inventory == null ? Inventory.empty() : inventory;
            incidents = incidents == null ? List.of() : List.copyOf(incidents);
            actions = actions == null ? List.of() : List.copyOf(actions);
        }
    }

    private static final int PER_KIND = 8;

    /** How well a text answers the query: lower is better; -1 when it does not. */
    static int rank(String text, String query) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.equals(query)) {
            return 0;
        }
        if (t.startsWith(query)) {
            return 1;
        }
        int at = t.indexOf(query);
        if (at > 0 && !Character.isLetterOrDigit(t.charAt(at - 1))) {
            return 2;
        }
        return at > 0 ? 3 : -1;
    }

    private record Ranked(Entry entry, int rank, int order) {}

    public List<Entry> find(String typed, Sources sources, int limit) {
        String query = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
        if (query.isEmpty()) {
            return sources.actions().stream().limit(limit)
                    .map(action -> new Entry(Kind.ACTION, action, "", action, 0)).toList();
        }
        List<Ranked> found = new ArrayList<>();
        RunbookLibrary library = sources.library();
        if (library != null) {
            alerts(library, query, typed.strip(), found);
            runbooks(library, query, typed.strip(), found);
            steps(library, query, found);
        }
        nodes(sources.inventory(), query, found);
        incidents(sources.incidents(), query, found);
        actions(sources.actions(), query, found);
        return found.stream()
                .sorted(Comparator.comparingInt(Ranked::rank).thenComparingInt(r -> r.entry().kind().ordinal())
                        .thenComparingInt(Ranked::order))
                .limit(limit).map(Ranked::entry).toList();
    }

    private static void alerts(RunbookLibrary library, String query, String typed, List<Ranked> found) {
        Set<String> seen = new HashSet<>();
        int order = 0;
        for (String name : library.alertNames()) {
            int rank = rank(name, query);
            if (rank >= 0 && seen.add(name.toLowerCase(Locale.ROOT)) && order < PER_KIND) {
                found.add(new Ranked(alert(library, name), rank, order++));
            }
        }
        // A slip of the keyboard: ranked just after a prefix, so a misspelt alert still comes first.
        for (String name : library.alertSuggestions(typed, 3)) {
            if (seen.add(name.toLowerCase(Locale.ROOT))) {
                found.add(new Ranked(alert(library, name), 1, order++));
            }
        }
    }

    private static Entry alert(RunbookLibrary library, String name) {
        List<AlertMatch> matches = library.forAlert(name);
        String answers = matches.stream().map(AlertMatch::runbook).flatMap(Optional::stream).map(Runbook::title)
                .findFirst().orElse("no runbook in this library");
        return new Entry(Kind.ALERT, name, "→ " + answers, name, 0);
    }

    private static void runbooks(RunbookLibrary library, String query, String typed, List<Ranked> found) {
        Set<String> seen = new HashSet<>();
        int order = 0;
        for (Runbook runbook : library.runbooks()) {
            int rank = rank(runbook.title(), query);
            if (rank >= 0 && seen.add(runbook.id())) {
                found.add(new Ranked(runbookEntry(runbook, library.label(runbook).map(l -> l + " · ").orElse("")
                        + runbook.path()), rank, order++));
            }
        }
        // Then what the full-text index finds in the runbooks' text, after every title match.
        for (SearchHit hit : library.search(typed, PER_KIND)) {
            Optional<Runbook> runbook = library.find(hit.id());
            if (runbook.isPresent() && seen.add(hit.id())) {
                found.add(new Ranked(runbookEntry(runbook.get(), library.label(runbook.get()).map(l -> l + " · ")
                        .orElse("") + hit.snippet().strip()), 4, order++));
            }
        }
    }

    private static Entry runbookEntry(Runbook runbook, String detail) {
        return new Entry(Kind.RUNBOOK, runbook.title(), detail, runbook.id(), 0);
    }

    private static void steps(RunbookLibrary library, String query, List<Ranked> found) {
        int count = 0;
        for (Runbook runbook : library.runbooks()) {
            for (Step step : runbook.steps()) {
                int byLabel = rank(step.label(), query);
                int byCommand = rank(step.command(), query);
                if (byLabel < 0 && byCommand < 0) {
                    continue;
                }
                int rank = byLabel >= 0 ? byLabel : byCommand;
                String title = step.label().isBlank() ? firstLine(step.command()) : step.label();
                found.add(new Ranked(new Entry(Kind.STEP, title, runbook.title() + " · step " + step.number() + " · "
                        + firstLine(step.command()), runbook.id(), step.number()), Math.max(rank, 2), count));
                if (++count >= PER_KIND) {
                    return;
                }
            }
        }
    }

    private static void nodes(Inventory inventory, String query, List<Ranked> found) {
        int order = 0;
        for (Node node : inventory.nodes()) {
            int rank = rank(node.name(), query);
            int byAddress = rank(node.hostName(), query);
            boolean inGroup = node.groups().stream().anyMatch(group -> rank(group, query) >= 0);
            if (rank < 0 && byAddress < 0 && !inGroup) {
                continue;
            }
            found.add(new Ranked(new Entry(Kind.NODE, node.name(), (node.production() ? "PROD · " : "")
                    + node.hostName() + (node.groups().isEmpty() ? "" : " · " + String.join(", ", node.groups())),
                    node.name(), 0),
                    rank >= 0 ? rank : 3, order));
            if (++order >= PER_KIND) {
                return;
            }
        }
    }

    private static void incidents(List<IncidentListing> incidents, String query, List<Ranked> found) {
        int order = 0;
        for (IncidentListing listing : incidents) {
            int rank = rank(listing.info().title(), query);
            if (rank < 0) {
                continue;
            }
            found.add(new Ranked(new Entry(Kind.INCIDENT, listing.info().title(), listing.info().severity() + " · "
                    + listing.state() + " · " + listing.info().responder(), listing.info().id(), 0), rank, order));
            if (++order >= PER_KIND) {
                return;
            }
        }
    }

    private static void actions(List<String> actions, String query, List<Ranked> found) {
        int order = 0;
        for (String action : actions) {
            int rank = rank(action, query);
            if (rank >= 0) {
                found.add(new Ranked(new Entry(Kind.ACTION, action, "", action, 0), rank, order++));
            }
        }
    }

    private static String firstLine(String text) {
        String stripped = text.strip();
        int newline = stripped.indexOf('\n');
        return newline < 0 ? stripped : stripped.substring(0, newline) + " …";
    }
}
