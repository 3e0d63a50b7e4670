package dev.baton.step;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words that make a step dangerous, for a confirmation to highlight: {@code -delete} in
 * {@code find /var/log -name "*.gz" -mtime +7 -delete}, {@code --vacuum-time=2d} in {@code journalctl
 * --vacuum-time=2d}, {@code delete} in {@code kubectl delete pod api-1}. A warning points at its whole
 * command; within it, the words its reason names are the ones to see. When none can be told apart (an SQL
 * statement, a fork bomb), the warning's whole range is the span.
 */
public final class DangerSpans {
    /** A part of the text, {@code start} to {@code end}. */
    public record Span(int start, int end) {}

    private static final Pattern WORD = Pattern.compile("[^\\s;|&()]+");

    private DangerSpans() {}

    /** Spans in {@code text}, in order, not overlapping, for its destructive and opaque warnings. */
    public static List<Span> of(String text) {
        List<Span> spans = new ArrayList<>();
        for (StepWarning warning : new StepWarnings().of(text)) {
            if (warning.kind().needsConfirmation() && warning.hasRange() && warning.end() <= text.length()) {
                spans.addAll(within(text, warning));
            }
        }
        return merged(spans);
    }

    /**
     * The reason's options ({@code -delete}, {@code --vacuum}, {@code -r}) matched as word prefixes; failing
     * those, its last plain word ({@code delete}, {@code stop}, {@code rm}) matched whole; failing that, all of it.
     */
    private static List<Span> within(String text, StepWarning warning) {
        List<String> reasonWords = List.of(warning.detail().toLowerCase(Locale.ROOT).split("\\s+"));
        List<String> options = reasonWords.stream().filter(w -> w.startsWith("-")).map(w -> w.replaceAll("=.*", ""))
                .toList();
        List<String> plain = reasonWords.stream().filter(w -> w.matches("[a-z][a-z0-9_.-]*")).toList();
        List<Span> found = new ArrayList<>();
        Matcher word = WORD.matcher(text).region(warning.start(), warning.end());
        List<int[]> words = new ArrayList<>();
        while (word.find()) {
            words.add(new int[] {word.start(), word.end()});
        }
        for (int[] w : words) {
            String bare = unquoted(text.substring(w[0], w[1])).toLowerCase(Locale.ROOT);
            if (options.stream().anyMatch(o -> bare.startsWith(o) && !o.equals("-")
                    && (bare.length() == o.length() || !o.startsWith("--") || bare.charAt(o.length()) == '-'
                    || bare.charAt(o.length()) == '='))) {
                found.add(new Span(w[0], w[1]));
            }
        }
        if (found.isEmpty() && !plain.isEmpty() && !warning.detail().startsWith("SQL")) {
            for (int i = plain.size() - 1; i >= 0 && found.isEmpty(); i--) {
                String wanted = plain.get(i);
                for (int[] w : words) {
                    String bare = unquoted(text.substring(w[0], w[1])).toLowerCase(Locale.ROOT);
                    if (bare.equals(wanted) || bare.endsWith("/" + wanted)) {
                        found.add(new Span(w[0], w[1]));
                        break;
                    }
                }
            }
        }
        return found.isEmpty() ? List.of(new Span(warning.start(), warning.end())) : found;
    }

    private static String unquoted(String word) {
        return word.replaceAll("^['\"]+|['\"]+$", "");
    }

    private static List<Span> merged(List<Span> spans) {
        List<Span> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparingInt(Span::start).thenComparingInt(Span::end));
        List<Span> out = new ArrayList<>();
        for (Span span : sorted) {
            Span last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && span.start() <= last.end()) {
                out.set(out.size() - 1, new Span(last.start(), Math.max(last.end(), span.end())));
            } else {
                out.add(span);
            }
        }
        return out;
    }
}
