package dev.baton.render;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Colours shell, SQL and query text in Java, so the page needs no script: comments, strings, flags,
 * keywords and placeholders become spans. Everything else is HTML-escaped text.
 */
final class CodeHighlighter {
    private static final Pattern SHELL = Pattern.compile(
            "(?<comment>(?<=^|\\s)#[^\\n]*)|(?<string>\"(?:\\\\.|[^\"\\\\])*\"|'[^']*')"
                    + "|(?<placeholder><[A-Za-z][A-Za-z0-9_.-]*>|\\{\\{\\s*[A-Za-z_][A-Za-z0-9_.-]*\\s*}})"
                    + "|(?<variable>\\$\\{?[A-Za-z_][A-Za-z0-9_]*}?)|(?<flag>(?<=\\s)--?[A-Za-z][A-Za-z0-9-]*)"
                    + "|(?<word>[A-Za-z_][A-Za-z0-9_-]*)");
    private static final Pattern SQL = Pattern.compile(
            "(?<comment>--[^\\n]*)|(?<string>'(?:''|[^'])*')"
                    + "|(?<placeholder><[A-Za-z][A-Za-z0-9_.-]*>|\\{\\{\\s*[A-Za-z_][A-Za-z0-9_.-]*\\s*}})"
                    + "|(?<word>[A-Za-z_][A-Za-z0-9_]*)");
    private static final Set<String> SHELL_KEYWORDS = Set.of("if", "then", "else", "elif", "fi", "for", "in", "do",
            "done", "while", "until", "case", "esac", "function", "return", "export", "local", "sudo");
    private static final Set<String> SQL_KEYWORDS = Set.of("select", "from", "where", "and", "or", "not", "order",
            "by", "group", "limit", "as", "is", "null", "insert", "into", "update", "set", "delete", "values", "join",
            "left", "right", "inner", "on", "desc", "asc", "show", "alter", "drop", "table", "create", "interval",
            "count", "having", "distinct", "case", "when", "then", "else", "end", "role", "truncate");

    private CodeHighlighter() {
    }

    static String highlight(String code, String language) {
        boolean sql = language.matches("sql|psql|postgresql|postgres|pgsql|mysql");
        boolean shell = language.isEmpty() || language.matches("bash|sh|shell|zsh|console|shell-session|kubectl");
        if (!sql && !shell) {
            return escape(code);
        }
        Matcher m = (sql ? SQL : SHELL).matcher(code);
        StringBuilder out = new StringBuilder(code.length() + 64);
        int last = 0;
        while (m.find()) {
            out.append(escape(code.substring(last, m.start())));
            out.append(span(m, sql));
            last = m.end();
        }
        out.append(escape(code.substring(last)));
        return out.toString();
    }

    private static String span(Matcher m, boolean sql) {
        String text = m.group();
        String kind;
        if (m.group("comment") != null) {
            kind = "tok-comment";
        } else if (m.group("string") != null) {
            kind = "tok-string";
        } else if (m.group("placeholder") != null) {
            kind = "tok-placeholder";
        } else if (!sql && m.group("variable") != null) {
            kind = "tok-variable";
        } else if (!sql && m.group("flag") != null) {
            kind = "tok-flag";
        } else {
            Set<String> keywords = sql ? SQL_KEYWORDS : SHELL_KEYWORDS;
            if (!keywords.contains(text.toLowerCase(java.util.Locale.ROOT))) {
                return escape(text);
            }
            kind = "tok-keyword";
        }
        return "<span class=\"" + kind + "\">" + escape(text) + "</span>";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
