package dev.baton.step;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values a runbook leaves for the responder: {@code <pod-name>}, {@code {{ns}}}, and a word with a run of
 * four or more {@code x} (or {@code X}) as one of its hyphen-separated parts ({@code checkout-xxxxx},
 * {@code pod-xxxxxxxxxx-xxxxx}), which names the whole word: the responder gives the real name. Shell syntax
 * ({@code $VAR}, {@code ${VAR}}, redirections, here-documents) and template fields that start with a dot
 * ({@code {{.msg}}} in a LogQL line_format) are not placeholders.
 */
public final class Placeholders {
    // "<" preceded by "<" or a word character is a here-document or a redirection, not a placeholder.
    // Words inside may be separated by single spaces ("<instance label from alert>", "<pod, from the alert>"),
    // never start with one; "/" and ":" may join words ("<namespace/name>", "<host:port>").
    // An x-run counts only as a whole part of a word ("nginx", "0xffff", "boxxxxes", "xxxxx.log" are not),
    // and not after "$" or "{", where it is a variable's name. Its groups are numbered 1 to 3 (see name()).
    static final Pattern PLACEHOLDER = Pattern.compile(
            "(?<![<\\w])<([A-Za-z][A-Za-z0-9_.-]*(?:[/:][A-Za-z0-9_.-]+)*(?:,? [A-Za-z0-9_.-]+(?:[/:][A-Za-z0-9_.-]+)*)*)>(?!>)|\\{\\{\\s*([A-Za-z_][A-Za-z0-9_.-]*)\\s*}}"
            + "|(?<![\\w.$\\{-])((?:[A-Za-z0-9_.]+-)*(?:x{4,}|X{4,})(?:-[A-Za-z0-9_.]+)*)(?![\\w.-])");

    private Placeholders() {
    }

    /** Placeholder names in order of first appearance, each once. */
    public static List<String> find(String text) {
        if (!mayHold(text)) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!isTemplateKeyword(m)) {
                names.add(name(m));
            }
        }
        return List.copyOf(names);
    }

    /** Where a placeholder stands in a text: its name and the span of its written form. */
    public record Occurrence(String name, int start, int end) {}

    /** Every placeholder in the text, in order, each time it appears. */
    public static List<Occurrence> occurrences(String text) {
        if (!mayHold(text)) {
            return List.of();
        }
        List<Occurrence> found = new java.util.ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!isTemplateKeyword(m)) {
                found.add(new Occurrence(name(m), m.start(), m.end()));
            }
        }
        return List.copyOf(found);
    }

    /** The text with every placeholder replaced; a name missing from {@code values} stays as written. */
    public static String fill(String text, Map<String, String> values) {
        return fill(text, name -> values.get(name));
    }

    /**
     * The text with each placeholder replaced by one word as long as the placeholder ({@code <namespace>}
     * reads {@code namespace__}), so that a shell reader does not take it for two redirections and
     * offsets in the result are offsets in the text.
     */
    public static String asWords(String text) {
        if (!mayHold(text)) {
            return text;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            if (isTemplateKeyword(m)) {
                continue;
            }
            String word = asWord(name(m));
            m.appendReplacement(out, Matcher.quoteReplacement(word + "_".repeat(m.group().length() - word.length())));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The name with anything a shell word cannot hold (the spaces of "instance label") as "_". */
    private static String asWord(String name) {
        char[] chars = name.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            boolean wordChar = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-';
            if (!wordChar) {
                chars[i] = '_';
            }
        }
        return new String(chars);
    }

    private static String fill(String text, java.util.function.Function<String, String> valueOf) {
        if (!mayHold(text)) {
            return text;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = isTemplateKeyword(m) ? null : valueOf.apply(name(m));
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Every placeholder starts with "<" or "{{", or holds "xxxx": a text with none is not searched (the pattern's look
     * behind at every character made this a tenth of reading a library).
     */
    private static boolean mayHold(String text) {
        return text.indexOf('<') >= 0 || text.contains("{{") || text.contains("xxxx") || text.contains("XXXX");
    }

    /** {@code {{end}}} and {@code {{else}}} close Go template actions ({@code kubectl -o go-template}); nothing to ask for. */
    private static boolean isTemplateKeyword(Matcher m) {
        return m.group(2) != null && TEMPLATE_KEYWORDS.contains(m.group(2));
    }

    private static final Set<String> TEMPLATE_KEYWORDS = Set.of("end", "else", "break", "continue", "nil");

    /** The placeholder's name; null when the match is not a placeholder (a pattern that adds alternatives after it). */
    static String name(Matcher m) {
        return m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
    }
}
