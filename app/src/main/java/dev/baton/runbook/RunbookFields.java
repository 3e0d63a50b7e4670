package dev.baton.runbook;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the "Key: value" lines runbooks use in place of front matter ({@code **Severity:** P1},
 * {@code **Severity**: Critical}, {@code ### MTTR Target: 2 minutes}) and the durations they carry.
 */
final class RunbookFields {
    enum Field { SEVERITY, OWNER, MTTR, ALERT, FILE }

    record FieldLine(Field field, String value) {}

    private static final Pattern FIELD = Pattern.compile(
            "^\\s*(severity|priority|owner|maintainer|mttr(?: target)?|alert(?: name)?s?|file)\\s*:\\s*(\\S.*?)\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DURATION_PART = Pattern.compile(
            "(\\d+(?:\\.\\d+)?)\\s*(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PHASE = Pattern.compile(
            "^(.*?)\\s*\\(\\s*(\\d+)\\s*(?:-|–|to)\\s*(\\d+)\\s*(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d)\\s*\\)\\s*$",
            Pattern.CASE_INSENSITIVE);

    /** An alert name as rules name them: NodeDown, KubeAPIDown, guts_consensus_stuck, Watchdog. */
    private static final Pattern ALERT_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_:.-]*[A-Za-z0-9]");
    /** A name that cannot be an English word: an inner capital, an underscore, a digit or a colon. */
    private static final Pattern IDENTIFIER = Pattern.compile(".*([a-z0-9][A-Z]|[A-Z]{2,}[a-z]|[_:]|[A-Za-z][0-9]).*");
    private static final java.util.Set<String> NOT_NAMES = java.util.Set.of("none", "tbd", "todo", "various", "multiple",
            "all", "any", "see", "n/a", "na", "unknown", "yes", "no");
    private static final Pattern LIST_SEPARATOR = Pattern.compile("\\s*[,;/|]\\s*|\\s+(?:or|and|&)\\s+|\\s+");

    private RunbookFields() {
    }

    // Compiled once: every field line of every runbook of a library is read with them.
    private static final java.util.regex.Pattern LINK = java.util.regex.Pattern.compile("\\s*\\(?https?://\\S+\\)?");
    private static final java.util.regex.Pattern NAME_QUOTES = java.util.regex.Pattern.compile("^[\"'`*“”‘’]+|[\"'`*“”‘’]+$");
    private static final java.util.regex.Pattern VALUE_QUOTES = java.util.regex.Pattern.compile("^[\"'`]+|[\"'`]+$");
    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");

    /**
     * The alert names a field's value lists, or none when it is prose ("If a target is down…"): the value
     * must be one name, or names separated by commas, slashes, "or", "and" or spaces, each of which reads
     * as an identifier. Quotes and backticks around a name are not part of it; links are dropped.
     */
    static java.util.List<String> alertNames(String value) {
        String v = LINK.matcher(value.strip()).replaceAll(" ").strip();
        if (v.endsWith(".")) {
            v = v.substring(0, v.length() - 1);
        }
        java.util.List<String> names = new java.util.ArrayList<>();
        for (String token : LIST_SEPARATOR.split(v)) {
            String name = NAME_QUOTES.matcher(token).replaceAll("");
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        if (names.isEmpty() || names.stream().anyMatch(n -> !ALERT_NAME.matcher(n).matches()
                || NOT_NAMES.contains(n.toLowerCase(java.util.Locale.ROOT)))) {
            return java.util.List.of();
        }
        if (names.size() > 1 && names.stream().anyMatch(n -> !IDENTIFIER.matcher(n).matches())) {
            return java.util.List.of(); // several plain words are a sentence, not a list of alerts
        }
        return java.util.List.copyOf(names);
    }

    /** A severity is a word or three ("P1", "Critical", "high (pages)"), unquoted; prose is not one. */
    static Optional<String> severity(String value) {
        String v = VALUE_QUOTES.matcher(value.strip()).replaceAll("").strip();
        return v.isEmpty() || v.length() > 40 || WHITESPACE.split(v).length > 4 ? Optional.empty() : Optional.of(v);
    }

    static Optional<FieldLine> field(String plainLine) {
        if (plainLine.indexOf(':') < 0) {
            return Optional.empty(); // most lines: no pattern run over them
        }
        Matcher m = FIELD.matcher(plainLine);
        if (!m.matches()) {
            return Optional.empty();
        }
        String key = m.group(1).toLowerCase(Locale.ROOT);
        Field field;
        if (key.startsWith("severity") || key.startsWith("priority")) {
            field = Field.SEVERITY;
        } else if (key.startsWith("owner") || key.startsWith("maintainer")) {
            field = Field.OWNER;
        } else if (key.startsWith("mttr")) {
            field = Field.MTTR;
        } else if (key.startsWith("alert")) {
            field = Field.ALERT;
        } else {
            field = Field.FILE;
        }
        return Optional.of(new FieldLine(field, m.group(2)));
    }

    /** "2 minutes", "15 min", "30m", "1h30m", "1 hour": the sum of the parts, or empty when there are none. */
    static Optional<Duration> duration(String text) {
        Matcher m = DURATION_PART.matcher(text);
        Duration total = Duration.ZERO;
        boolean any = false;
        while (m.find()) {
            any = true;
            long millis = Math.round(Double.parseDouble(m.group(1)) * unit(m.group(2)).toMillis());
            total = total.plus(Duration.ofMillis(millis));
        }
        return any ? Optional.of(total) : Optional.empty();
    }

    /** A heading such as "Immediate Actions (0-2 minutes)", or empty. */
    static Optional<Phase> phase(String heading, int line) {
        if (!heading.stripTrailing().endsWith(")")) {
            return Optional.empty(); // most headings: the pattern's search for "(" is what costs
        }
        Matcher m = PHASE.matcher(heading);
        if (!m.matches()) {
            return Optional.empty();
        }
        Duration unit = unit(m.group(4));
        return Optional.of(new Phase(m.group(1).strip(),
                unit.multipliedBy(Long.parseLong(m.group(2))),
                unit.multipliedBy(Long.parseLong(m.group(3))),
                line));
    }

    private static Duration unit(String unit) {
        String u = unit.toLowerCase(Locale.ROOT);
        if (u.startsWith("s")) {
            return Duration.ofSeconds(1);
        }
        if (u.startsWith("m")) {
            return Duration.ofMinutes(1);
        }
        if (u.startsWith("h")) {
            return Duration.ofHours(1);
        }
        return Duration.ofDays(1);
    }
}
