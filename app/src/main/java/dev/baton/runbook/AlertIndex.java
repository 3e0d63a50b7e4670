package dev.baton.runbook;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Which runbook answers which alert, from the runbooks' own declarations and from alert tables. */
final class AlertIndex {
    private final List<Runbook> runbooks;
    private final LinkResolver links;
    private final Map<String, Runbook> byId = new HashMap<>();
    private final Map<String, String> indexedSeverity = new HashMap<>();

    AlertIndex(List<Runbook> runbooks, LinkResolver links) {
        this.runbooks = runbooks;
        this.links = links;
        runbooks.forEach(r -> byId.put(r.id(), r));
        for (Runbook index : runbooks) {
            for (IndexEntry entry : index.indexEntries()) {
                target(index, entry.target()).ifPresent(r -> putSeverity(r, entry.severity()));
            }
            for (AlertMapping mapping : index.alertMap()) {
                target(index, mapping.target()).ifPresent(r -> putSeverity(r, mapping.severity()));
            }
        }
    }

    private void putSeverity(Runbook runbook, String severity) {
        if (severity != null) {
            indexedSeverity.putIfAbsent(runbook.id(), severity);
        }
    }

    Optional<String> indexedSeverity(Runbook runbook) {
        return Optional.ofNullable(indexedSeverity.get(runbook.id()));
    }

    List<AlertMatch> find(String alertName) {
        String wanted = normalise(alertName);
        List<AlertMatch> matches = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Runbook runbook : runbooks) {
            for (String alert : runbook.alerts()) {
                if (normalise(alert).equals(wanted) && seen.add(runbook.id())) {
                    matches.add(new AlertMatch(alert, Optional.of(runbook), runbook.id(),
                            runbook.severityOf(alert) != null ? runbook.severityOf(alert) : indexedSeverity.get(runbook.id()),
                            runbook.id()));
                }
            }
        }
        for (Runbook index : runbooks) {
            for (AlertMapping mapping : index.alertMap()) {
                if (!normalise(mapping.alert()).equals(wanted)) {
                    continue;
                }
                Optional<Runbook> target = target(index, mapping.target());
                String key = target.map(Runbook::id).orElse("?" + mapping.target());
                if (seen.add(key)) {
                    matches.add(new AlertMatch(mapping.alert(), target, mapping.target(), mapping.severity(), index.id()));
                }
            }
        }
        return matches;
    }

    /**
     * The runbook a mapping or index entry points at: a link ({@code node-down.md}), or an id such as
     * {@code RB-03} that the same index lists under a heading with its file, or that starts a file name.
     */
    Optional<Runbook> target(Runbook index, String target) {
        if (target == null || target.isBlank()) {
            return Optional.empty();
        }
        String path = links.runbookPath(index, target);
        if (path != null) {
            return Optional.ofNullable(byId.get(path));
        }
        String id = normalise(target);
        for (IndexEntry entry : index.indexEntries()) {
            if (startsWithId(normalise(entry.title()), id) && !entry.target().equals(target)) {
                return target(index, entry.target());
            }
        }
        for (Runbook runbook : runbooks) {
            String file = runbook.path().substring(runbook.path().lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
            if (runbook.anchor().isEmpty() && startsWithId(file, id)) {
                return Optional.of(runbook);
            }
        }
        return Optional.empty();
    }

    private static boolean startsWithId(String text, String id) {
        return text.startsWith(id) && (text.length() == id.length() || !Character.isLetterOrDigit(text.charAt(id.length())));
    }

    private static String normalise(String name) {
        return name.strip().replace("`", "").toLowerCase(Locale.ROOT);
    }
}
