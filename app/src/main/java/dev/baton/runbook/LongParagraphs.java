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
        char fenceMark = 0;
        int fenceLength = 0;
        int run = 0;
        boolean table = false;
        boolean previousHasPipe = false;
        int previousStart = 0;
        int lineIndex = 0;
        int copiedUpTo = 0;
        // Lines are read in place, as start and end offsets: this scan runs over every file Baton reads.
        for (int start = 0; start < markdown.length(); lineIndex++) {
            int newline = markdown.indexOf('\n', start);
            int end = newline < 0 ? markdown.length() : newline;
            int fence = fenceAt(markdown, start, end);
            boolean hasPipe = keepTables && contains(markdown, start, end, '|');
            if (fenceMark != 0) {
                int length = fence < 0 ? 0 : fenceRunLength(markdown, fence, end);
                if (length >= fenceLength && markdown.charAt(fence) == fenceMark && isBlank(markdown, fence + length, end)) {
                    fenceMark = 0;
                }
                run = 0;
            } else if (fence >= 0) {
                fenceMark = markdown.charAt(fence);
                fenceLength = fenceRunLength(markdown, fence, end);
                run = 0;
            } else if (isBlank(markdown, start, end)) {
                run = 0;
                table = false;
            } else {
                if (table && !hasPipe) {
                    table = false; // the rows have ended and a paragraph starts
                    run = 0;
                }
                // A table may start under any line of a paragraph that has a pipe; its rows are never broken,
                // nor its header from its delimiter row.
                if (!table && run >= 1 && previousHasPipe && isDelimiterRow(markdown, start, end)) {
                    table = true;
                }
                if (run >= RUN_LIMIT && !table && !indented(markdown, start) && !indented(markdown, previousStart)) {
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
            previousStart = start;
            previousHasPipe = hasPipe;
            start = newline < 0 ? markdown.length() : newline + 1;
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
     * Where the backticks or tildes of a fence start on this line, wherever it sits: inside a list item or a quote
     * a fence may be indented or follow markers; -1 when the line has none. Taking a line for a fence when it is
     * not one only leaves a run unbroken; never breaking inside a real fence is what matters, as a step's text
     * must stay whole.
     */
    private static int fenceAt(String text, int start, int end) {
        int i = start;
        while (i < end) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '>') {
                i++;
            } else if ((c == '-' || c == '+' || c == '*') && i + 1 < end && text.charAt(i + 1) == ' ') {
                i += 2;
            } else {
                int digits = i;
                while (digits < end && Character.isDigit(text.charAt(digits))) {
                    digits++;
                }
                if (digits > i && digits + 1 < end && (text.charAt(digits) == '.' || text.charAt(digits) == ')')
                        && text.charAt(digits + 1) == ' ') {
                    i = digits + 2;
                } else {
                    break;
                }
            }
        }
        if (i >= end || (text.charAt(i) != '`' && text.charAt(i) != '~')) {
            return -1;
        }
        return fenceRunLength(text, i, end) >= 3 ? i : -1;
    }

    private static int fenceRunLength(String text, int at, int end) {
        int i = at;
        while (i < end && text.charAt(i) == text.charAt(at)) {
            i++;
        }
        return i - at;
    }

    private static boolean contains(String text, int start, int end, char wanted) {
        for (int i = start; i < end; i++) {
            if (text.charAt(i) == wanted) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBlank(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** A table's second line: cells of dashes with optional colons, between pipes. */
    private static boolean isDelimiterRow(String text, int start, int end) {
        boolean dash = false;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == '-') {
                dash = true;
            } else if (c != '|' && c != ':' && !Character.isWhitespace(c)) {
                return false;
            }
        }
        return dash;
    }

    /** Indented four columns: part of an indented code block or a list item, where a blank line would show. */
    private static boolean indented(String text, int start) {
        int columns = 0;
        for (int i = start; i < text.length() && columns < 4; i++) {
            char c = text.charAt(i);
            if (c == ' ') {
                columns++;
            } else if (c == '\t') {
                return true;
            } else {
                return false;
            }
        }
        return columns >= 4;
    }
}
