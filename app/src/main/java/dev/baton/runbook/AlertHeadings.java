package dev.baton.runbook;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The headings of a library that name an alert, as files of many alerts write them: {@code ## HighErrorRate},
 * {@code #### `KubeQuotaExceeded`}, {@code ##### Alert Name: "KubeAPIDown"}, {@code ## NodeDown - a node is
 * gone}. Built once per library, on the first lookup.
 */
final class AlertHeadings {
    /** An identifier at the start of a heading, and what follows it. */
    private static final Pattern LEADING_NAME = Pattern.compile("([A-Za-z][A-Za-z0-9_:.]*[A-Za-z0-9])(.*)");
    /** After the name: nothing, or a separator before words about it. */
    private static final Pattern AFTER_NAME = Pattern.compile("\\s*(?:$|[-–—:(|,]\\s*.*|\\s+alert\\b.*)",
            Pattern.CASE_INSENSITIVE);
    /** Two words run together, or snake_case: a plain English word is not an alert name on its own. */
    private static final Pattern ALERT_LIKE = Pattern.compile(
            "[A-Za-z][A-Za-z0-9_:]*[a-z0-9][A-Z][A-Za-z0-9_:]*|[A-Z]{2,}[a-z][A-Za-z0-9]*|[a-z][a-z0-9]*(_[a-z0-9]+)+");
    private static final Pattern DECORATION = Pattern.compile("[`\"'*“”‘’]");

    /** A heading found for an alert. */
    record Hit(Runbook runbook, Section section, String alert, boolean first) {}

    private final Map<String, List<Hit>> byName = new HashMap<>();
    private final Map<String, String> names = new java.util.LinkedHashMap<>();

    AlertHeadings(List<Runbook> runbooks) {
        for (Runbook runbook : runbooks) {
            boolean[] first = {true};
            walk(runbook, runbook.sections(), first);
        }
    }

    private void walk(Runbook runbook, List<Section> sections, boolean[] first) {
        for (Section section : sections) {
            boolean isFirst = first[0];
            first[0] = false;
            named(section.title()).ifPresentOrElse(name -> {
                add(runbook, section, name, isFirst);
                names.putIfAbsent(key(name), name);
            }, () -> singleWord(section.title()).ifPresent(word -> add(runbook, section, word, isFirst)));
            walk(runbook, section.children(), first);
        }
    }

    /** The keys ({@link #key}) of the alerts a runbook's headings name, as {@link #find} looks them up. */
    static java.util.Set<String> keys(Runbook runbook) {
        java.util.Set<String> keys = new java.util.LinkedHashSet<>();
        addKeys(runbook.sections(), keys);
        return keys;
    }

    private static void addKeys(List<Section> sections, java.util.Set<String> keys) {
        for (Section section : sections) {
            named(section.title()).or(() -> singleWord(section.title())).ifPresent(name -> keys.add(key(name)));
            addKeys(section.children(), keys);
        }
    }

    private void add(Runbook runbook, Section section, String name, boolean first) {
        byName.computeIfAbsent(key(name), k -> new ArrayList<>()).add(new Hit(runbook, section, name, first));
    }

    /** The headings that name the alert, in the library's order. */
    List<Hit> find(String alertName) {
        return byName.getOrDefault(key(alertName), List.of());
    }

    /** Alert names that headings give, as first written, by their key. */
    Map<String, String> names() {
        return names;
    }

    /**
     * The alert a heading names: an {@code Alert: …} field holding one name, or an identifier that reads
     * as an alert name (two words run together, snake_case), alone or before a separator.
     */
    static Optional<String> named(String heading) {
        Optional<RunbookFields.FieldLine> field = RunbookFields.field(heading);
        if (field.isPresent() && field.get().field() == RunbookFields.Field.ALERT) {
            List<String> listed = RunbookFields.alertNames(field.get().value());
            return listed.size() == 1 ? Optional.of(listed.get(0)) : Optional.empty();
        }
        Matcher m = LEADING_NAME.matcher(DECORATION.matcher(heading).replaceAll("").strip());
        if (m.matches() && ALERT_LIKE.matcher(m.group(1)).matches() && AFTER_NAME.matcher(m.group(2)).matches()) {
            return Optional.of(m.group(1));
        }
        return Optional.empty();
    }

    /** A heading of one word ({@code ## Watchdog}): an alert only when that alert is asked for. */
    private static Optional<String> singleWord(String heading) {
        String word = DECORATION.matcher(heading).replaceAll("").strip();
        return !word.isEmpty() && word.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_')
                && Character.isUpperCase(word.charAt(0)) ? Optional.of(word) : Optional.empty();
    }

    static String key(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
