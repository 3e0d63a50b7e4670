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
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(?<braced>[A-Za-z_][A-Za-z0-9_]*)}|\\$(?<bare>[A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern ANY = Pattern.compile(Placeholders.PLACEHOLDER.pattern() + "|" + VARIABLE.pattern());

    private ShellQuoting() {}

    /**
     * The value as one bare shell word: as it is when it is plainly safe, else in single quotes. A quote in
     * the value is written {@code '"'"'}, without a backslash, so that interactive bash's history expansion,
     * which reads backslashes in backticks otherwise than the shell does, still sees every "!" quoted.
     */
    public static String quote(String value) {
        if (SAFE.matcher(value).matches()) {
            return value;
        }
        return "'" + inSingleQuotes(value) + "'";
    }

    private static String inSingleQuotes(String value) {
        return value.replace("'", "'\"'\"'");
    }

    /** In {@code $'…'} every character that is special there, or to history expansion, as a hex escape. */
    private static String inAnsiC(String value) {
        return value.replace("\\", "\\x5c").replace("'", "\\x27").replace("!", "\\x21");
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
     * {@code literal} are quoted for where they stand ({@link ShellContexts}), and a {@code $NAME} reference
     * with a value is filled too where the shell would expand it, unless the step sets that variable itself.
     * Values the responder typed are their own shell text, filled as typed.
     *
     * @throws UnquotableValue when a literal value stands where it cannot be quoted to stay one literal word
     */
    public static String fill(String text, Map<String, String> values, Set<String> literal) {
        // First the typed values, as shell text, with each literal slot kept as a neutral word of its length.
        Matcher m = ANY.matcher(text);
        StringBuilder neutral = new StringBuilder();
        List<Slot> slots = new java.util.ArrayList<>();
        Set<String> assigned = text.indexOf('$') >= 0 ? ShellVariables.assigned(text) : Set.of();
        int last = 0;
        while (m.find()) {
            neutral.append(text, last, m.start());
            last = m.end();
            String placeholder = Placeholders.name(m);
            boolean variable = placeholder == null;
            String name = variable ? (m.group("braced") != null ? m.group("braced") : m.group("bare")) : placeholder;
            String value = values.get(name);
            // A variable the step sets itself stays the step's, whatever an alert or the responder says.
            if (value == null || variable && assigned.contains(name) || !variable && isTemplateKeyword(m)) {
                neutral.append(m.group());
            } else if (literal.contains(name)) {
                slots.add(new Slot(neutral.length(), m.group(), TerminalText.stripControls(value), variable));
                neutral.append("_".repeat(m.group().length()));
            } else {
                neutral.append(value);
            }
        }
        neutral.append(text, last, text.length());
        if (slots.isEmpty()) {
            return neutral.toString();
        }
        List<List<ShellContexts.Level>> contexts = ShellContexts.at(neutral.toString(),
                slots.stream().map(Slot::at).toList());
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int i = 0; i < slots.size(); i++) {
            Slot slot = slots.get(i);
            out.append(neutral, from, slot.at()).append(quoteFor(contexts.get(i), slot));
            from = slot.at() + slot.written().length();
        }
        return out.append(neutral, from, neutral.length()).toString();
    }

    private static boolean isTemplateKeyword(Matcher m) {
        return m.group(2) != null && Set.of("end", "else", "break", "continue", "nil").contains(m.group(2));
    }

    /** A literal value's place in the text being filled: where, as written, its value, and whether a {@code $NAME}. */
    private record Slot(int at, String written, String value, boolean variable) {}

    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");

    /** The value quoted for the innermost level, then escaped once for each backtick around it. */
    private static String quoteFor(List<ShellContexts.Level> levels, Slot slot) {
        String value = slot.value();
        boolean needs = needsQuoting(value);
        String name = slot.written();
        for (int i = 0; i < levels.size(); i++) {
            refuseWhereUnquotable(levels.get(i), i < levels.size() - 1, name, value, needs);
        }
        ShellContexts.Level innermost = levels.get(levels.size() - 1);
        if (slot.variable() && switch (innermost.kind()) {
            case SINGLE, ANSI_C, COMMENT -> true;
            case HERE_DOCUMENT -> innermost.quoted();
            default -> false;
        }) {
            return slot.written(); // not an expansion there: the text stays as written
        }
        String quoted = switch (innermost.kind()) {
            case SCRIPT -> quote(value);
            case SINGLE -> inSingleQuotes(value);
            // Closing the double quotes around a single-quoted value keeps "!" from history expansion too.
            case DOUBLE -> needs ? "\"" + quote(value) + "\"" : value;
            case ANSI_C -> inAnsiC(value);
            case COMMENT -> value.replace('\n', ' '); // a line break would end the comment
            case HERE_DOCUMENT -> innermost.quoted() ? value
                    : value.replace("\\", "\\\\").replace("$", "\\$").replace("`", "\\`");
            case PARAMETER, ARITHMETIC -> value;
            case HERE_DOCUMENT_DELIMITER -> throw new IllegalStateException("refused before");
        };
        for (ShellContexts.Level level : levels) {
            if (level.backtick()) {
                // The shell unescapes \\, \` and \$ in a backtick's text once before reading it.
                quoted = quoted.replace("\\", "\\\\").replace("`", "\\`").replace("$", "\\$");
            }
        }
        return quoted;
    }

    private static void refuseWhereUnquotable(ShellContexts.Level level, boolean nested, String name, String value,
            boolean needs) {
        switch (level.kind()) {
            case HERE_DOCUMENT_DELIMITER -> throw new UnquotableValue(name, "a here-document's delimiter word",
                    "it would move where the here-document ends");
            case ARITHMETIC -> {
                if (!INTEGER.matcher(value).matches()) {
                    throw new UnquotableValue(name, "arithmetic (( … ))",
                            "only a whole number can stand there, and the shell would evaluate anything else");
                }
            }
            case PARAMETER -> {
                if (needs) {
                    throw new UnquotableValue(name, "a parameter expansion ${ … }",
                            "it holds characters the shell reads as syntax there");
                }
            }
            case HERE_DOCUMENT -> {
                String where = "the body of the here-document ending with " + level.delimiter();
                if (value.contains("\n")) {
                    throw new UnquotableValue(name, where, "it holds a line break, which could end the here-document");
                }
                if (!level.delimiter().isEmpty() && value.contains(level.delimiter())) {
                    throw new UnquotableValue(name, where, "it holds the delimiter " + level.delimiter());
                }
                if (needs && level.readByProgram()) {
                    throw new UnquotableValue(name, where + ", which a shell or interpreter runs",
                            "it holds characters that program could read as code");
                }
                if (needs && nested) {
                    throw new UnquotableValue(name, "a substitution inside " + where,
                            "it holds characters the shell reads as syntax there");
                }
            }
            default -> { }
        }
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
                // "<pod, from the alert>" is answered by the label its first word names
                String first = normal(name.split("[ ,]", 2)[0]);
                value = labels.entrySet().stream().filter(e -> normal(e.getKey()).equals(wanted))
                        .map(Map.Entry::getValue).findFirst()
                        .or(() -> labels.entrySet().stream().filter(e -> normal(e.getKey()).equals(first))
                                .map(Map.Entry::getValue).findFirst())
                        .orElse(null);
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
