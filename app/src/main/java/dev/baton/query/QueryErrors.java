package dev.baton.query;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Points at the place in a query that Prometheus' or Loki's error text names ({@code 1:14: parse error: …}). */
public final class QueryErrors {
    private static final Pattern PROMETHEUS_POSITION = Pattern.compile("(\\d+):(\\d+): parse error");
    private static final Pattern LOKI_POSITION = Pattern.compile("parse error at line (\\d+), col (\\d+)");

    private QueryErrors() {}

    /**
     * The query's named line with a caret under the named column, or empty when the error names no
     * position (or one outside the query).
     */
    public static String pointer(String query, String error) {
        Matcher m = PROMETHEUS_POSITION.matcher(error);
        if (!m.find()) {
            m = LOKI_POSITION.matcher(error);
            if (!m.find()) {
                return "";
            }
        }
        int line = Integer.parseInt(m.group(1));
        int column = Integer.parseInt(m.group(2));
        String[] lines = query.split("\n", -1);
        if (line < 1 || line > lines.length || column < 1 || column > lines[line - 1].length() + 1) {
            return "";
        }
        return lines[line - 1] + "\n" + " ".repeat(column - 1) + "^";
    }
}
