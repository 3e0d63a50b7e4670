package dev.baton.query;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An answer as rows of text, for the command line's table and the notes' Markdown: one row per series
 * (labels, newest value), or per log line (time, labels, line).
 */
public final class QueryTable {
    /** Rows a capture keeps in the notes; the rest are counted. */
    public static final int NOTES_ROWS = 50;
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private QueryTable() {}

    public static List<String> header(QueryAnswer answer) {
        return answer instanceof QueryAnswer.Logs ? List.of("time (UTC)", "labels", "line") : List.of("series", "value");
    }

    public static List<List<String>> rows(QueryAnswer answer) {
        List<List<String>> rows = new ArrayList<>();
        if (answer instanceof QueryAnswer.Metrics metrics) {
            for (Series series : metrics.series()) {
                rows.add(List.of(series.name(), number(series.last())));
            }
        } else {
            for (LogLine line : ((QueryAnswer.Logs) answer).lines()) {
                rows.add(List.of(TIME.format(line.at()), labels(line.labels()), line.line()));
            }
        }
        return rows;
    }

    /** As Prometheus writes a value: shortest exact decimal, NaN, +Inf, -Inf. */
    public static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value).toLowerCase(Locale.ROOT);
    }

    public static String labels(Map<String, String> labels) {
        return labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    /** The first {@link #NOTES_ROWS} rows as a Markdown table, and how many more there were. */
    public static String markdown(QueryAnswer answer) {
        List<String> header = header(answer);
        List<List<String>> rows = rows(answer);
        StringBuilder md = new StringBuilder();
        md.append(row(header)).append(header.stream().map(h -> "---").collect(Collectors.joining(" | ", "| ", " |")))
                .append('\n');
        rows.stream().limit(NOTES_ROWS).forEach(r -> md.append(row(r)));
        if (rows.isEmpty()) {
            md.append("\n(no ").append(answer.unit().equals("series") ? "series" : "lines").append(")\n");
        } else if (rows.size() > NOTES_ROWS) {
            md.append("\n… ").append(rows.size() - NOTES_ROWS).append(" more ").append(answer.unit()).append('\n');
        }
        return md.toString();
    }

    private static String row(List<String> cells) {
        return cells.stream().map(QueryTable::cell).collect(Collectors.joining(" | ", "| ", " |")) + "\n";
    }

    /** A cell cannot break the table: pipes escaped, line breaks made spaces. */
    private static String cell(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replaceAll("[\\r\\n]+", " ");
    }

    /** Columns padded to their widest cell, for a terminal. */
    public static String aligned(QueryAnswer answer) {
        return aligned(answer, text -> text);
    }

    /** Columns padded to their widest cell, each cell's text first made printable by {@code printable}. */
    public static String aligned(QueryAnswer answer, java.util.function.UnaryOperator<String> printable) {
        List<String> header = header(answer);
        List<List<String>> rows = new ArrayList<>();
        rows.add(header);
        rows(answer).forEach(row -> rows.add(row.stream().map(cell -> printable.apply(cell.replaceAll("[\\r\\n]+", " ")))
                .toList()));
        int[] widths = new int[header.size()];
        for (List<String> r : rows) {
            for (int i = 0; i < r.size() - 1; i++) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> r : rows) {
            for (int i = 0; i < r.size(); i++) {
                String text = r.get(i).replaceAll("[\\r\\n]+", " ");
                out.append(i < r.size() - 1 ? String.format(Locale.ROOT, "%-" + widths[i] + "s  ", text) : text);
            }
            out.append('\n');
        }
        return out.toString();
    }
}
