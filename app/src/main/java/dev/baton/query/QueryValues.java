package dev.baton.query;

import dev.baton.step.Placeholders;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts values into a PromQL or LogQL query. A value the responder typed is query text, filled as typed. A
 * value that came from an alert's labels or the incident ({@code literal}) is data: inside a quoted string
 * it is escaped as the string requires ({@code \} and the quote; newlines and other control characters as
 * escapes), and, after a regex operator ({@code =~ !~ |~}), its regex characters are escaped too so it
 * matches only itself. Outside a string it is filled only when it is a plain word (a label name, a number,
 * a duration); otherwise the query is refused. Such values also fill {@code $NAME} and {@code ${NAME}}
 * (variables copied from a dashboard); Grafana's own {@code $__…} variables are left to {@link QueryText}.
 */
public final class QueryValues {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_:.-]+");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}|\\$([A-Za-z_][A-Za-z0-9_]*)");
    private static final String REGEX_SPECIAL = "\\.+*?()|[]{}^$";

    private QueryValues() {}

    private record Slot(String name, int start, int end, boolean variable) {}

    /** Where a position stands: outside any string, or in a string opened by {@code quote}, regex or not. */
    private record Context(char quote, boolean regex) {
        static final Context OUTSIDE = new Context('\0', false);
    }

    /**
     * The query with placeholders filled, and {@code $NAME}s whose name is in {@code literal}; a name
     * without a value stays as written.
     *
     * @throws UnsafeQueryValue when a literal value cannot stand where it is asked for
     */
    public static String fill(String query, Map<String, String> values, Set<String> literal) {
        List<Slot> slots = new ArrayList<>();
        for (Placeholders.Occurrence o : Placeholders.occurrences(query)) {
            if (values.containsKey(o.name())) {
                slots.add(new Slot(o.name(), o.start(), o.end(), false));
            }
        }
        Matcher m = VARIABLE.matcher(query);
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            boolean inside = slots.stream().anyMatch(s -> s.start() <= m.start() && m.start() < s.end());
            if (!name.startsWith("__") && literal.contains(name) && values.containsKey(name) && !inside) {
                slots.add(new Slot(name, m.start(), m.end(), true));
            }
        }
        if (slots.isEmpty()) {
            return query;
        }
        slots.sort(Comparator.comparingInt(Slot::start));
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (Slot slot : slots) {
            String value = values.get(slot.name());
            out.append(query, from, slot.start());
            out.append(literal.contains(slot.name()) ? placed(value, slot, contextAt(query, slot.start())) : value);
            from = slot.end();
        }
        return out.append(query, from, query.length()).toString();
    }

    private static String placed(String value, Slot slot, Context context) {
        String shown = query(slot, value);
        if (context.quote() == '\0') {
            if (!PLAIN.matcher(value).matches()) {
                throw new UnsafeQueryValue("The value for " + slot.name() + " (" + shown + ") stands outside quotes in"
                        + " the query, where only a plain word (letters, digits, _ : . -) is safe; put it in a label"
                        + " matcher such as {" + slot.name().replaceAll("[^A-Za-z0-9_]", "_") + "=\"…\"} or type the"
                        + " value yourself");
            }
            return value;
        }
        String text = context.regex() ? regexEscaped(value) : value;
        if (context.quote() == '`') {
            if (text.indexOf('`') >= 0) {
                throw new UnsafeQueryValue("The value for " + slot.name() + " (" + shown + ") holds a backtick, which"
                        + " would end the query's raw `…` string; use a \"…\" string there or type the value yourself");
            }
            return text;
        }
        return escaped(text, context.quote());
    }

    private static String query(Slot slot, String value) {
        String clipped = value.length() > 60 ? value.substring(0, 60) + "…" : value;
        return "\"" + clipped.replaceAll("\\p{Cntrl}", "?") + "\"";
    }

    /** As PromQL and LogQL read a quoted string (Go's escapes): backslash, the quote, control characters. */
    private static String escaped(String value, char quote) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == quote) {
                out.append('\\').append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String regexEscaped(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (REGEX_SPECIAL.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** The string context at {@code position}: PromQL and LogQL strings in ", ' or `, and # comments. */
    private static Context contextAt(String query, int position) {
        Context context = Context.OUTSIDE;
        for (int i = 0; i < position; i++) {
            char c = query.charAt(i);
            if (context.quote() == '\0') {
                if (c == '"' || c == '\'' || c == '`') {
                    context = new Context(c, afterRegexOperator(query, i));
                } else if (c == '#') {
                    int end = query.indexOf('\n', i);
                    i = end < 0 ? position : end;
                }
            } else if (c == '\\' && context.quote() != '`') {
                i++;
            } else if (c == context.quote()) {
                context = Context.OUTSIDE;
            }
        }
        return context;
    }

    private static boolean afterRegexOperator(String query, int quoteAt) {
        int i = quoteAt - 1;
        while (i >= 0 && Character.isWhitespace(query.charAt(i))) {
            i--;
        }
        return i >= 1 && query.charAt(i) == '~' && "=!|".indexOf(query.charAt(i - 1)) >= 0;
    }
}
