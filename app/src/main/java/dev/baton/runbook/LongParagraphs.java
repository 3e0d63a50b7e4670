package dev.baton.runbook;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;

/**
 * Breaks runs of text too long for the Markdown parser, and gives the parsed tree the lines of the text as
 * written. For each line of a paragraph that does not start with a letter, commonmark-java copies every line of
 * the paragraph before it (to ask whether a list may start there), so a log pasted without a fence costs time
 * quadratic in its lines: minutes for a few MB. A blank line every {@link #RUN_LIMIT} lines of such a run
 * keeps each paragraph short; the page shows the run as several paragraphs instead of one, and loses nothing.
 */
final class LongParagraphs {
    /** Lines without a blank one between them; far beyond a paragraph or list a person writes. */
    static final int RUN_LIMIT = 1_000;

    /**
     * @param markdown the text given to the parser
     * @param inserted the 0-based lines of {@code markdown} that are blank lines added here, in order
     */
    record Broken(String markdown, int[] inserted) {
        boolean changed() {
            return inserted.length > 0;
        }
    }

    private LongParagraphs() {
    }

    /**
     * @param keepTables whether a table's rows are left whole: the parser reads a table row by row without
     *                   copying, unless tables are off (then its rows are a paragraph like any other)
     */
    static Broken breakUp(String markdown, boolean keepTables) {
        StringBuilder out = null;
        List<Integer> inserted = new ArrayList<>();
        String fence = null;
        int run = 0;
        boolean table = false;
        String previous = "";
        int lineIndex = 0;
        int copiedUpTo = 0;
        for (int start = 0; start < markdown.length(); lineIndex++) {
            int newline = markdown.indexOf('\n', start);
            int end = newline < 0 ? markdown.length() : newline + 1;
            String line = markdown.substring(start, newline < 0 ? end : newline);
            String fenceHere = fenceOf(line);
            if (fence != null) {
                if (fenceHere != null && fenceHere.charAt(0) == fence.charAt(0) && fenceHere.length() >= fence.length()
                        && line.strip().endsWith(fenceHere)) {
                    fence = null;
                }
                run = 0;
            } else if (fenceHere != null) {
                fence = fenceHere;
                run = 0;
            } else if (line.isBlank()) {
                run = 0;
                table = false;
            } else {
                if (run == 1 && keepTables && previous.indexOf('|') >= 0 && isDelimiterRow(line)) {
                    table = true;
                }
                if (run >= RUN_LIMIT && !table && !indented(line) && !indented(previous)) {
                    if (out == null) {
                        out = new StringBuilder(markdown.length() + markdown.length() / 1000);
                    }
                    out.append(markdown, copiedUpTo, start).append('\n');
                    copiedUpTo = start;
                    inserted.add(lineIndex + inserted.size());
                    run = 0;
                }
                run++;
            }
            previous = line;
            start = end;
        }
        if (out == null) {
            return new Broken(markdown, new int[0]);
        }
        out.append(markdown, copiedUpTo, markdown.length());
        return new Broken(out.toString(), inserted.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Gives every node of {@code document} the line and offset it has in the text before {@link #breakUp}. */
    static void restoreLines(Node document, Broken broken) {
        if (!broken.changed()) {
            return;
        }
        Deque<Node> pending = new ArrayDeque<>();
        pending.push(document);
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            List<SourceSpan> spans = node.getSourceSpans();
            if (!spans.isEmpty()) {
                List<SourceSpan> restored = new ArrayList<>(spans.size());
                for (SourceSpan span : spans) {
                    int added = addedBefore(broken.inserted(), span.getLineIndex());
                    restored.add(SourceSpan.of(span.getLineIndex() - added, span.getColumnIndex(),
                            Math.max(0, span.getInputIndex() - added), span.getLength()));
                }
                node.setSourceSpans(restored);
            }
            for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
                pending.push(child);
            }
        }
    }

    private static int addedBefore(int[] inserted, int line) {
        int at = Arrays.binarySearch(inserted, line);
        return at >= 0 ? at : -at - 1;
    }

    /**
     * The backticks or tildes that open or close a fence on this line, wherever it sits: inside a list item
     * or a quote a fence may be indented or follow markers. Taking a line for a fence when it is not one only
     * leaves a run unbroken; never breaking inside a real fence is what matters, as a step's text must stay whole.
     */
    private static String fenceOf(String line) {
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t' || c == '>') {
                i++;
            } else if ((c == '-' || c == '+' || c == '*') && i + 1 < line.length() && line.charAt(i + 1) == ' ') {
                i += 2;
            } else {
                int digits = i;
                while (digits < line.length() && Character.isDigit(line.charAt(digits))) {
                    digits++;
                }
                if (digits > i && digits + 1 < line.length() && (line.charAt(digits) == '.' || line.charAt(digits) == ')')
                        && line.charAt(digits + 1) == ' ') {
                    i = digits + 2;
                } else {
                    break;
                }
            }
        }
        if (i >= line.length() || (line.charAt(i) != '`' && line.charAt(i) != '~')) {
            return null;
        }
        char mark = line.charAt(i);
        int end = i;
        while (end < line.length() && line.charAt(end) == mark) {
            end++;
        }
        return end - i >= 3 ? line.substring(i, end) : null;
    }

    /** A table's second line: cells of dashes with optional colons, between pipes. */
    private static boolean isDelimiterRow(String line) {
        String row = line.strip();
        return !row.isEmpty() && row.contains("-") && row.chars().allMatch(c -> c == '|' || c == '-' || c == ':'
                || c == ' ' || c == '\t');
    }

    /** Indented four columns: part of an indented code block or a list item, where a blank line would show. */
    private static boolean indented(String line) {
        return line.startsWith("    ") || line.startsWith("\t") || line.startsWith(" \t") || line.startsWith("  \t")
                || line.startsWith("   \t");
    }
}
