package dev.baton.runbook;

/**
 * How deeply block quotes and lists nest, measured line by line before a file is parsed. A Markdown
 * parser descends once per level, so a 5 KB line of {@code >} or {@code - } overflows its stack and a
 * list thousands of levels deep takes minutes; no runbook a person writes nests more than a dozen levels.
 */
public final class MarkdownNesting {
    /** Far beyond any runbook, far below what the parser and renderer handle on a thread's default stack. */
    public static final int LIMIT = 100;

    /** The deepest nesting of a text, and the 1-based line where it first goes past the limit (else the deepest line). */
    public record Deepest(int depth, int line) {
        public boolean tooDeep() {
            return depth > LIMIT;
        }

        /** What the responder reads when a file is refused for it. */
        public String message() {
            return "block quotes or lists nest more than " + LIMIT + " levels deep from here (" + depth
                    + " at the deepest); Baton reads at most " + LIMIT + ", so this file is not loaded";
        }
    }

    private MarkdownNesting() {
    }

    /**
     * Counts the {@code >} and list markers that open each line, plus one level per two columns of
     * indentation before them (how a nested list is written). Text inside code blocks is counted too:
     * whether a fence really holds depends on the containers around it, and the count stays far below
     * the limit for real indentation.
     */
    public static Deepest deepest(String text) {
        int deepest = 0;
        int deepestLine = 1;
        int line = 1;
        int pos = 0;
        int length = text.length();
        while (pos < length) {
            int depth = 0;
            int indent = 0;
            boolean sawMarker = false;
            while (pos < length) {
                char c = text.charAt(pos);
                if (c == ' ') {
                    indent += sawMarker ? 0 : 1; // the indentation of a nested list item
                    pos++;
                } else if (c == '\t') {
                    indent += sawMarker ? 0 : 4;
                    pos++;
                } else if (c == '>') {
                    depth++;
                    sawMarker = true;
                    pos++;
                } else {
                    int after = listMarkerEnd(text, pos);
                    if (after < 0) {
                        break;
                    }
                    depth++;
                    sawMarker = true;
                    pos = after;
                }
            }
            if (sawMarker) {
                depth += indent / 2;
            }
            if (depth > deepest) {
                if (deepest <= LIMIT) {
                    deepestLine = line;
                }
                deepest = depth;
            }
            int eol = text.indexOf('\n', pos);
            pos = eol < 0 ? length : eol + 1;
            line++;
        }
        return new Deepest(deepest, deepestLine);
    }

    /** Just past a bullet ({@code -}, {@code +}, {@code *}) or ordered marker ({@code 12.}, {@code 3)}) and its space, or -1. */
    private static int listMarkerEnd(String text, int pos) {
        int i = pos;
        char c = text.charAt(i);
        if (c == '-' || c == '+' || c == '*') {
            i++;
        } else if (c >= '0' && c <= '9') {
            while (i < text.length() && i - pos < 9 && Character.isDigit(text.charAt(i))) {
                i++;
            }
            if (i >= text.length() || text.charAt(i) != '.' && text.charAt(i) != ')') {
                return -1;
            }
            i++;
        } else {
            return -1;
        }
        if (i == text.length() || text.charAt(i) == '\n') {
            return i;
        }
        return text.charAt(i) == ' ' || text.charAt(i) == '\t' ? i : -1;
    }
}
