package dev.baton.query;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time range a query covers and the resolution a range query asks for: about {@link #POINTS} points
 * over the range, never finer than a second.
 */
public record QueryWindow(Instant start, Instant end, Duration step) {
    public static final int POINTS = 360;
    public static final Duration DEFAULT = Duration.ofHours(1);
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");

    public QueryWindow {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("the window ends before it starts (" + start + " to " + end + ")");
        }
    }

    /** The last {@code span} up to {@code now}. */
    public static QueryWindow last(Duration span, Instant now) {
        Instant end = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return between(end.minus(span), end);
    }

    /** From an incident's start to now; the default hour when the incident started less than a minute ago. */
    public static QueryWindow since(Instant started, Instant now) {
        Duration span = Duration.between(started, now);
        return last(span.compareTo(Duration.ofMinutes(1)) < 0 ? DEFAULT : span.plusMinutes(1), now);
    }

    public static QueryWindow between(Instant start, Instant end) {
        long seconds = Math.max(1, (Duration.between(start, end).toSeconds() + POINTS - 1) / POINTS);
        return new QueryWindow(start, end, Duration.ofSeconds(seconds));
    }

    public Duration range() {
        return Duration.between(start, end);
    }

    /**
     * A duration as PromQL and the command line write it: {@code 90s}, {@code 15m}, {@code 1h30m},
     * {@code 2d}. Throws with a message naming the text when it is not one.
     */
    public static Duration parseDuration(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        Matcher m = DURATION.matcher(t);
        Duration total = Duration.ZERO;
        int at = 0;
        while (m.find() && m.start() == at) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            });
            at = m.end();
        }
        if (t.isEmpty() || at != t.length() || total.isZero()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (e.g. 30m, 1h, 2d)");
        }
        return total;
    }

    /** The duration as PromQL writes it, in the largest unit that divides it: {@code 1h}, {@code 90s}. */
    public static String format(Duration duration) {
        long ms = duration.toMillis();
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        if (s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        return s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}
