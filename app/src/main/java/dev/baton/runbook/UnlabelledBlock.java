package dev.baton.runbook;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What a code block without a language most likely holds. Runbooks leave the label off commands, but
 * also off sample output, logs, database tables, configuration and code for other consoles (a Rails
 * console, a Python shell); sending those to a shell runs garbage. The guess is conservative: a block is
 * taken as something other than shell only when most of its lines clearly read as that, and a shell
 * block stays a shell block otherwise.
 *
 * <ul>
 * <li>transcript: its first line starts with a {@code $ } prompt (the commands are the prompt lines)</li>
 * <li>table: an ASCII table border ({@code +----+----+}) or a psql separator ({@code ----+----})</li>
 * <li>log: most lines start with a timestamp (ISO, syslog, klog {@code I0102 15:04:05}) or {@code level=}</li>
 * <li>output: the first line is a column header such as {@code NAME   READY   STATUS} (three or more
 *     columns, two spaces apart, no shell operator)</li>
 * <li>config: JSON or XML, an INI section header, or most lines {@code key: value} / {@code key = value}</li>
 * <li>config: jsonnet ({@code local x = …}, an {@code import '….libsonnet'}, a {@code std.} call)</li>
 * <li>prose: Markdown (a {@code ## } heading) whose other lines are mostly sentences, such as a runbook template</li>
 * <li>LogQL: a stream selector ({@code {app="x"}}) followed by a line filter or parser ({@code |=}, {@code | json})</li>
 * <li>PromQL: only an expression's characters, a metric name with an underscore, and what bash cannot read
 *     (a call such as {@code sum(}, a selector {@code {job="x"}}, a range {@code [5m]}, a line opening with a
 *     parenthesis), comments in {@code #} or {@code //}</li>
 * <li>code: most lines read as Ruby or Python ({@code def}, {@code end}, {@code Project.find_by(…)},
 *     {@code x = Foo::Bar.new}, {@code import x}), which no shell line does</li>
 * </ul>
 */
final class UnlabelledBlock {
    enum Guess {
        SHELL, TRANSCRIPT, TABLE, LOG, OUTPUT, CONFIG, PROSE, CODE, PROMQL, LOGQL;

        /** Not a shell block even under a shell label: a table, a log, output, configuration or a query. */
        boolean clearlyNotShell() {
            return this == TABLE || this == LOG || this == OUTPUT || this == CONFIG || this == PROMQL || this == LOGQL;
        }

        boolean isShell() {
            return this == SHELL || this == TRANSCRIPT;
        }
    }

    private static final Pattern TABLE_BORDER = Pattern.compile("\\s*\\+[-=+]{3,}\\+\\s*|\\s*-{2,}(\\+-{2,})+\\s*|\\s*\\|?\\s*:?-{3,}:?\\s*(\\|\\s*:?-{3,}:?\\s*)+\\|?\\s*");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "\\s*[\\[(]?(\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}|\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}"
                    + "|[A-Z][a-z]{2} [ \\d]\\d \\d{2}:\\d{2}:\\d{2}|[IWEF]\\d{4} \\d{2}:\\d{2}:\\d{2}|\\d{2}:\\d{2}:\\d{2}[.,]\\d"
                    + "|level=|time=\"?\\d|\\{\"(level|ts|time|timestamp|msg)\").*");
    /** A line no command starts like: a klog header ({@code E1126 17:16:07.549890}) or an RFC 3339 time. */
    private static final Pattern LOG_START = Pattern.compile(
            "[\\[(]?([IWEF]\\d{4} \\d{2}:\\d{2}:\\d{2}\\.\\d+|\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}).*");
    private static final Pattern HEADER_WORDS = Pattern.compile("\\s*[A-Z][A-Za-z%()/_.-]*(\\s+[A-Za-z%()/_.-]+){2,}\\s*");
    private static final Pattern COLUMN_GAP = Pattern.compile("\\S\\s{2,}\\S");
    private static final Pattern YAML_KEY = Pattern.compile("\\s*(- )?[\"']?[\\w./-]+[\"']?:(\\s.*)?");
    private static final Pattern YAML_LINE = Pattern.compile(YAML_KEY.pattern() + "|\\s*- \\S.*|\\s*[|>]-?");
    private static final Pattern KEY_VALUE_LINE = Pattern.compile("\\s*[\\w.\"-]+\\s+=\\s+.*|\\s*\\[[\\w .:\"-]+]\\s*|\\s*;.*");
    private static final Pattern INI_SECTION = Pattern.compile("\\[[\\w.:\"-]+( [\\w.\"-]+)?]");
    private static final Pattern OTHER_CODE = Pattern.compile(
            "\\s*(def \\w+|end|end\\)|class [A-Z]\\w*|module [A-Z]\\w*|require ['\"].*|puts .*|p .*|pp .*|import [\\w.]+.*"
                    + "|from [\\w.]+ import .*|\\w+\\s*=\\s*[A-Z]\\w*(::[A-Z]\\w*)*[.(].*|[A-Z]\\w*(::[A-Z]\\w*)*\\.[a-z_]\\w*[!?]?([ (].*)?"
                    + "|\\w+\\.each( do)?\\b.*|.*\\bdo \\|\\w+(, ?\\w+)*\\|.*|\\}\\)?|print\\(.*|return\\b.*)");

    private static final Pattern MARKDOWN_HEADING = Pattern.compile("#{2,6} \\S.*");
    /** Six words or more with none of a shell line's operators (a sentence, list item or link), or an HTML tag. */
    private static final Pattern PROSE_LINE = Pattern.compile("\\s*([-*>]|\\d+\\.)?\\s*[\\p{L}\\[(*_`\"'][^|;&$={}]*"
            + "(\\s+\\S+){5,}[^|;&$={}]*|\\s*</?[A-Za-z][\\w-]*( [^>]*)?>.*");

    private static final Pattern LOGQL = Pattern.compile(
            "(?s).*\\{\\s*[a-zA-Z_]\\w*\\s*(=|!=|=~|!~)\\s*\"[^\"]*\"[^}]*}\\s*(\\[\\w+]\\s*)?(\\|=|!=|\\|~|!~|\\|\\s*(json|logfmt|pattern|regexp|line_format|label_format|unwrap)\\b).*");
    private static final Pattern PROMQL_TEXT = Pattern.compile("[\\w\\s:(){}\\[\\]\"'=~!,.*/+<>^%|-]+");
    private static final Pattern PROMQL_SHAPE = Pattern.compile(
            "(?s)(\\(.*|.*\\b[a-z_:]\\w*\\s*\\(.*|.*[a-z_:]\\w*\\{\\s*[a-z_]\\w*\\s*(=|!=|=~|!~)\\s*\".*|.*\\[\\d+[smhdwy]].*)");
    private static final Pattern METRIC_NAME = Pattern.compile("(?s).*\\b[a-z][a-z0-9]*_[a-z0-9_:]+\\b.*");
    private static final Pattern JSONNET = Pattern.compile(
            "\\s*local \\w+ = .*|.*\\bimport(str)? ['\"][^'\"]+\\.(lib|j)sonnet['\"].*|.*\\bstd\\.\\w+\\(.*");
    /** Ruby's {@code Foo::Bar.where(…)} and any {@code x.y(}: a PromQL name has no dot outside a string. */
    private static final Pattern METHOD_CALL = Pattern.compile("::|[A-Za-z_]\\.[A-Za-z_]");
    private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"|'[^']*'");
    /** Words that open a shell line, never a PromQL expression. */
    private static final Pattern SHELL_WORD = Pattern.compile(
            "(?m)^\\s*(kubectl|oc|curl|echo|export|sudo|cat|grep|for|if|while|docker|systemctl|journalctl|promtool|amtool|helm)\\b");

    private UnlabelledBlock() {
    }

    /** Whether a line heads a command's tabular output ({@code NAMESPACE   NAME   READY   STATUS}). */
    static boolean isColumnHeader(String line) {
        String l = line.strip();
        return HEADER_WORDS.matcher(l).matches() && COLUMN_GAP.matcher(l).results().count() >= 2
                && l.equals(l.toUpperCase(java.util.Locale.ROOT));
    }

    static Guess guess(String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            return Guess.SHELL;
        }
        String first = lines.get(0).strip();
        if (first.startsWith("$ ") || first.equals("$")) {
            return Guess.TRANSCRIPT;
        }
        Guess query = query(lines);
        if (query != null) {
            return query;
        }
        if (lines.stream().anyMatch(l -> TABLE_BORDER.matcher(l).matches())) {
            return Guess.TABLE;
        }
        if (most(lines, TIMESTAMP) || LOG_START.matcher(first).matches()) {
            return Guess.LOG;
        }
        if (HEADER_WORDS.matcher(first).matches() && COLUMN_GAP.matcher(first).results().count() >= 2) {
            return Guess.OUTPUT;
        }
        String last = lines.get(lines.size() - 1).strip();
        if ((first.startsWith("{") && last.endsWith("}")) || (first.startsWith("[") && last.endsWith("]") && !first.startsWith("[ "))
                || (first.startsWith("<") && last.endsWith(">")) || INI_SECTION.matcher(first).matches()) {
            return Guess.CONFIG;
        }
        if (lines.stream().anyMatch(l -> JSONNET.matcher(l).matches())) {
            return Guess.CONFIG;
        }
        if (most(lines, YAML_LINE) && lines.stream().anyMatch(l -> YAML_KEY.matcher(l).matches())) {
            return Guess.CONFIG;
        }
        if (most(lines, KEY_VALUE_LINE) && lines.stream().anyMatch(l -> l.contains(" = "))) {
            return Guess.CONFIG;
        }
        if (lines.stream().anyMatch(l -> MARKDOWN_HEADING.matcher(l).matches()) && most(lines, PROSE_LINE)) {
            return Guess.PROSE;
        }
        if (most(lines, OTHER_CODE)) {
            return Guess.CODE;
        }
        return Guess.SHELL;
    }

    /** PromQL or LogQL, or null: a query a responder would paste into Prometheus or Grafana, not into bash. */
    private static Guess query(List<String> lines) {
        String expression = String.join("\n", lines.stream()
                .filter(l -> !l.strip().startsWith("#") && !l.strip().startsWith("//")).toList());
        if (expression.isBlank() || SHELL_WORD.matcher(expression).find() || expression.contains("$(")
                || expression.contains(" --") || expression.contains("&&")) {
            return null;
        }
        if (LOGQL.matcher(expression).matches()) {
            return Guess.LOGQL;
        }
        if (PROMQL_TEXT.matcher(expression).matches() && PROMQL_SHAPE.matcher(expression).matches()
                && METRIC_NAME.matcher(expression).matches() && !expression.strip().startsWith("{\"")
                && !METHOD_CALL.matcher(QUOTED.matcher(expression).replaceAll("\"\"")).find()) {
            return Guess.PROMQL;
        }
        return null;
    }

    /**
     * At least two thirds of the lines, comments aside, match (and there is a line that is not a comment). Lines are
     * tried only until the answer is known: most blocks are shell, and each pattern fails on their first lines.
     */
    static boolean most(List<String> lines, Pattern pattern) {
        int content = 0;
        for (String line : lines) {
            content += isComment(line) ? 0 : 1;
        }
        int needed = (2 * content + 2) / 3; // the fewest m with 3m >= 2 × content
        int matching = 0;
        int tried = 0;
        for (String line : lines) {
            if (isComment(line)) {
                continue;
            }
            tried++;
            if (pattern.matcher(line).matches() && ++matching >= needed) {
                return true;
            }
            if (matching + content - tried < needed) {
                return false;
            }
        }
        return false; // no line but comments
    }

    /** {@code line.strip().startsWith("#")}, without making the stripped copy. */
    private static boolean isComment(String line) {
        int i = 0;
        while (i < line.length()) {
            int c = line.codePointAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '#';
            }
            i += Character.charCount(c);
        }
        return false;
    }
}
