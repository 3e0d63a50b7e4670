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

    private RunbookFields() {
    }

    static Optional<FieldLine> field(String plainLine) {
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
