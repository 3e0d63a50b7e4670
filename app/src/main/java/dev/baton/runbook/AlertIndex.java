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
    // Compiled once: these run for every word, step, link or hit.
    private static final java.util.regex.Pattern ALERT_LIKE = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_:]*[a-z0-9][A-Z][A-Za-z0-9_:]*|[a-z][a-z0-9]*(_[a-z0-9]+)+");
    private static final java.util.regex.Pattern NOT_ALPHANUMERIC = java.util.regex.Pattern.compile("[^A-Za-z0-9]");

    private final List<Runbook> runbooks;
    private final LinkResolver links;
    private final Map<String, Runbook> byId = new HashMap<>();
    private final Map<String, String> indexedSeverity = new HashMap<>();
    /** Headings that name alerts; built on the first lookup, not when the library loads. */
    private volatile AlertHeadings headings;

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

    private AlertHeadings headings() {
        AlertHeadings built = headings;
        if (built == null) {
            synchronized (this) {
                built = headings;
                if (built == null) {
                    built = new AlertHeadings(runbooks);
                    headings = built;
                }
            }
        }
        return built;
    }

    /**
     * The runbooks that answer an alert, each at the heading that names it when it has one; copies translated
     * into a language other than {@code language} (ISO 639 code) come after the rest.
     */
    List<AlertMatch> find(String alertName, String language) {
        List<AlertMatch> found = new ArrayList<>();
        Set<String> runbooksFound = new java.util.HashSet<>();
        List<AlertHeadings.Hit> hits = headings().find(alertName);
        for (AlertMatch match : findWhole(alertName)) {
            Optional<AlertHeadings.Hit> heading = match.runbook().flatMap(r -> hits.stream()
                    .filter(h -> h.runbook().id().equals(r.id())).findFirst());
            match.runbook().ifPresent(r -> runbooksFound.add(r.id()));
            found.add(heading.filter(h -> !h.first()).map(h -> match.at(h.section())).orElse(match));
        }
        // Then a heading in a file of many alerts: ## HighErrorRate, ##### Alert Name: "KubeAPIDown".
        for (AlertHeadings.Hit hit : hits) {
            Runbook runbook = hit.runbook();
            if (runbooksFound.add(runbook.id())) {
                String severity = runbook.severityOf(hit.alert()) != null ? runbook.severityOf(hit.alert())
                        : indexedSeverity.get(runbook.id());
                AlertMatch match = new AlertMatch(hit.alert(), Optional.of(runbook), runbook.id(), severity, runbook.id());
                found.add(hit.first() ? match : match.at(hit.section()));
            }
        }
        return TranslatedCopies.responderFirst(found, language);
    }

    private List<AlertMatch> findWhole(String alertName) {
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
        // The commonest convention of all: KubePodCrashLooping.md, titled "KubePodCrashLooping".
        String bare = bare(alertName);
        for (Runbook runbook : runbooks) {
            if (!bare.isEmpty() && (runbook.anchor().isEmpty() && bare(fileName(runbook)).equals(bare)
                    || bare(runbook.title()).equals(bare)) && seen.add(runbook.id())) {
                String named = bare(fileName(runbook)).equals(bare) ? fileName(runbook) : runbook.title();
                matches.add(new AlertMatch(named, Optional.of(runbook), runbook.id(),
                        runbook.severityOf(alertName.strip()) != null ? runbook.severityOf(alertName.strip())
                                : indexedSeverity.get(runbook.id()), runbook.id()));
            }
        }
        return matches;
    }

    /** The lookup key of a runbook that lists alerts for others (an index, an alert table): it takes part in every lookup. */
    static final String LISTS_ALERTS = "lists";
    /**
     * Keys longer than this are not indexed (a term is at most 32,766 bytes, 3 a character); a name that long is
     * looked up in the whole library.
     */
    private static final int LONGEST_KEY = 8_000;

    /**
     * The keys under which {@link #find} can find a runbook: its declared and mapped alerts, its file name and title
     * as bare words, the alerts its headings name; and {@link #LISTS_ALERTS} for one that lists alerts for others.
     * A runbook that answers an alert has one of {@link #lookupKeys(String)}'s keys of that alert.
     */
    static java.util.Set<String> lookupKeys(Runbook runbook) {
        java.util.Set<String> keys = new LinkedHashSet<>();
        runbook.alerts().forEach(alert -> keys.add("alert:" + normalise(alert)));
        runbook.alertMap().forEach(mapping -> keys.add("alert:" + normalise(mapping.alert())));
        if (runbook.anchor().isEmpty()) {
            keys.add("bare:" + bare(fileName(runbook)));
        }
        keys.add("bare:" + bare(runbook.title()));
        AlertHeadings.keys(runbook).forEach(key -> keys.add("heading:" + key));
        keys.removeIf(key -> key.length() > LONGEST_KEY);
        if (!runbook.indexEntries().isEmpty() || !runbook.alertMap().isEmpty()) {
            keys.add(LISTS_ALERTS);
        }
        return keys;
    }

    /** The keys of {@code alertName} ({@link #lookupKeys(Runbook)}); empty when one is too long to be indexed. */
    static List<String> lookupKeys(String alertName) {
        List<String> keys = new ArrayList<>(List.of("alert:" + normalise(alertName), "heading:" + AlertHeadings.key(alertName)));
        if (!bare(alertName).isEmpty()) {
            keys.add("bare:" + bare(alertName));
        }
        return keys.stream().anyMatch(key -> key.length() > LONGEST_KEY) ? List.of() : keys;
    }

    /**
     * Whether {@link #target} may take a file named {@code fileName} for {@code target} when no link leads there: a
     * target such as {@code RB-03} is looked for among the names of the library's files.
     */
    static boolean mayName(String fileName, String target) {
        return target != null && !target.isBlank() && startsWithId(fileName.toLowerCase(Locale.ROOT), normalise(target));
    }

    /** The targets of a runbook's index entries and alert mappings. */
    static List<String> targets(Runbook index) {
        List<String> targets = new ArrayList<>();
        index.indexEntries().forEach(entry -> targets.add(entry.target()));
        index.alertMap().forEach(mapping -> targets.add(mapping.target()));
        return targets;
    }

    /** Every alert name the library answers, as first written, each once. */
    List<String> names() {
        return List.copyOf(known().values());
    }

    private Map<String, String> known() {
        Map<String, String> known = new java.util.LinkedHashMap<>();
        for (Runbook runbook : runbooks) {
            runbook.alerts().forEach(a -> known.putIfAbsent(normalise(a), a));
            runbook.alertMap().forEach(m -> known.putIfAbsent(normalise(m.alert()), m.alert()));
            for (String name : List.of(fileName(runbook), runbook.title())) {
                if (ALERT_LIKE.matcher(name).matches()) {
                    known.putIfAbsent(normalise(name), name);
                }
            }
        }
        headings().names().values().forEach(name -> known.putIfAbsent(normalise(name), name));
        return known;
    }

    /**
     * Alert names the library knows that are a slip of the keyboard away from {@code alertName}: declared,
     * mapped, or the name of a file or title that reads as an alert name; closest first.
     */
    List<String> suggestions(String alertName, int limit) {
        String wanted = normalise(alertName);
        Map<String, String> known = known();
        int allowed = Math.max(1, Math.min(3, wanted.length() / 4));
        return known.entrySet().stream()
                .map(e -> Map.entry(e.getValue(), distance(wanted, e.getKey())))
                .filter(e -> e.getValue() > 0 && e.getValue() <= allowed)
                .sorted(Map.Entry.comparingByValue())
                .limit(limit)
                .map(Map.Entry::getKey)
                .toList();
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
    static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 3) {
            return Integer.MAX_VALUE;
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static String fileName(Runbook runbook) {
        String name = runbook.path().substring(runbook.path().lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        name = dot > 0 ? name.substring(0, dot) : name;
        // Site generators' page names: kube-pod-crash-looping.html.md is the page kube-pod-crash-looping.
        return HTML_PAGE.matcher(name).replaceFirst("");
    }

    private static final java.util.regex.Pattern HTML_PAGE = java.util.regex.Pattern.compile("(?i)\\.html?$");

    /** Letters and digits only, lower-cased: KubePodCrashLooping, kube-pod-crash-looping and kube_pod_crash_looping agree. */
    private static String bare(String name) {
        return NOT_ALPHANUMERIC.matcher(name).replaceAll("").toLowerCase(Locale.ROOT);
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
