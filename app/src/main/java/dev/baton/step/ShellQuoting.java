package dev.baton.step;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills values that did not come from the responder (an alert's labels) into a step so that the shell
 * reads each as one literal word, whatever it holds: {@code ; rm -rf /}, {@code $(…)}, quotes, newlines.
 * The quoting follows where the value stands in the step: bare, inside double quotes, or inside single
 * quotes. Such values may also fill a shell variable reference ({@code $POD}, {@code ${POD}}) whose name
 * matches.
 */
public final class ShellQuoting {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}|\\$([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern ANY = Pattern.compile(Placeholders.PLACEHOLDER.pattern() + "|" + VARIABLE.pattern());

    private enum Context { BARE, SINGLE, DOUBLE }

    private ShellQuoting() {}

    /** The value as one bare shell word: as it is when it is plainly safe, else in single quotes. */
    public static String quote(String value) {
        if (SAFE.matcher(value).matches()) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /** Whether {@link #quote} changes the value: it holds something the shell would read as syntax. */
    public static boolean needsQuoting(String value) {
        return !SAFE.matcher(value).matches();
    }

    /** Names of {@code $NAME} and {@code ${NAME}} references in the text, in order, each once. */
    public static List<String> variableReferences(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = VARIABLE.matcher(text);
        while (m.find()) {
            names.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return List.copyOf(names);
    }

    /**
     * The text with placeholders filled as {@link Placeholders#fill} does, except that the names in
     * {@code literal} are quoted for where they stand, and a {@code $NAME} reference whose name is in
     * {@code literal} (and has a value) is filled too. Other references stay the shell's.
     */
    public static String fill(String text, Map<String, String> values, Set<String> literal) {
        Matcher m = ANY.matcher(text);
        StringBuilder out = new StringBuilder();
        Context context = Context.BARE;
        int scanned = 0;
        while (m.find()) {
            context = advance(context, text, scanned, m.start());
            scanned = m.end();
            boolean variable = m.group(1) == null && m.group(2) == null;
            String name = variable ? (m.group(3) != null ? m.group(3) : m.group(4)) : Placeholders.name(m);
            String value = values.get(name);
            String replacement;
            if (value == null || (variable && !literal.contains(name))) {
                replacement = m.group();
            } else if (literal.contains(name)) {
                replacement = quoteFor(context, value);
            } else {
                replacement = value;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
            if (variable || literal.contains(name)) {
                continue;
            }
            // A typed value is the responder's own shell text: its quotes count for what follows.
            context = advance(context, replacement, 0, replacement.length());
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String quoteFor(Context context, String value) {
        return switch (context) {
            case BARE -> quote(value);
            case SINGLE -> value.replace("'", "'\\''");
            case DOUBLE -> value.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$").replace("`", "\\`");
        };
    }

    private static Context advance(Context context, String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            switch (context) {
                case BARE -> {
                    if (c == '\\') {
                        i++;
                    } else if (c == '\'') {
                        context = Context.SINGLE;
                    } else if (c == '"') {
                        context = Context.DOUBLE;
                    }
                }
                case SINGLE -> {
                    if (c == '\'') {
                        context = Context.BARE;
                    }
                }
                case DOUBLE -> {
                    if (c == '\\') {
                        i++;
                    } else if (c == '"') {
                        context = Context.BARE;
                    }
                }
            }
        }
        return context;
    }

    /**
     * For each name a step asks for, the label that answers it: the same name, else the same ignoring case
     * and the difference between '-' and '_' ({@code $POD} and {@code <pod>} both take {@code pod}).
     */
    public static Map<String, String> fromLabels(List<String> names, Map<String, String> labels) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (String name : names) {
            String value = labels.get(name);
            if (value == null) {
                String wanted = normal(name);
                value = labels.entrySet().stream().filter(e -> normal(e.getKey()).equals(wanted))
                        .map(Map.Entry::getValue).findFirst().orElse(null);
            }
            if (value != null) {
                values.put(name, value);
            }
        }
        return values;
    }

    private static String normal(String name) {
        return name.toLowerCase(Locale.ROOT).replace('-', '_');
    }
}
