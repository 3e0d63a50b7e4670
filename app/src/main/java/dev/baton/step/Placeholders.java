package dev.baton.step;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values a runbook leaves for the responder: {@code <pod-name>} and {@code {{ns}}}. Shell syntax
 * ({@code $VAR}, {@code ${VAR}}, redirections, here-documents) and template fields that start with a dot
 * ({@code {{.msg}}} in a LogQL line_format) are not placeholders.
 */
public final class Placeholders {
    // "<" preceded by "<" or a word character is a here-document or a redirection, not a placeholder.
    // Words inside may be separated by single spaces ("<instance label from alert>", "<pod, from the alert>"),
    // never start with one; "/" and ":" may join words ("<namespace/name>", "<host:port>").
    static final Pattern PLACEHOLDER = Pattern.compile(
            "(?<![<\\w])<([A-Za-z][A-Za-z0-9_.-]*(?:[/:][A-Za-z0-9_.-]+)*(?:,? [A-Za-z0-9_.-]+(?:[/:][A-Za-z0-9_.-]+)*)*)>(?!>)|\\{\\{\\s*([A-Za-z_][A-Za-z0-9_.-]*)\\s*}}");

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
     * Every placeholder starts with "<" or "{{": a text with neither is not searched (the pattern's look
     * behind at every character made this a tenth of reading a library).
     */
    private static boolean mayHold(String text) {
        return text.indexOf('<') >= 0 || text.contains("{{");
    }

    /** {@code {{end}}} and {@code {{else}}} close Go template actions ({@code kubectl -o go-template}); nothing to ask for. */
    private static boolean isTemplateKeyword(Matcher m) {
        return m.group(2) != null && TEMPLATE_KEYWORDS.contains(m.group(2));
    }

    private static final Set<String> TEMPLATE_KEYWORDS = Set.of("end", "else", "break", "continue", "nil");

    static String name(Matcher m) {
        return m.group(1) != null ? m.group(1) : m.group(2);
    }
}
