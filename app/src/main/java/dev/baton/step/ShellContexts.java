package dev.baton.step;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where positions of a step stand for bash: the nest of quotes, substitutions, comments and here-documents
 * around each. It is a lexer, not a parser: it follows {@code '…'}, {@code "…"}, {@code $'…'},
 * {@code $( … )} and backticks (inside double quotes too), {@code ${…}}, {@code $(( … ))} and {@code (( … ))},
 * {@code <( … )}, comments, and here-document bodies ({@code <<EOF}, {@code <<'EOF'}, {@code <<-EOF}), each
 * nested in any other, and {@code case … esac} patterns inside a substitution. It never runs anything.
 */
final class ShellContexts {
    enum Kind { SCRIPT, SINGLE, DOUBLE, ANSI_C, COMMENT, PARAMETER, ARITHMETIC, HERE_DOCUMENT, HERE_DOCUMENT_DELIMITER }

    /**
     * One level of the nest around a position, outermost first.
     *
     * @param backtick      a script inside backticks, whose text the shell unescapes once before reading it
     * @param quoted        a here-document whose delimiter was quoted: its body is literal
     * @param delimiter     a here-document's delimiter
     * @param readByProgram a here-document read by a shell or an interpreter, so its body is a program
     */
    record Level(Kind kind, boolean backtick, boolean quoted, String delimiter, boolean readByProgram) {
        static Level of(Kind kind) {
            return new Level(kind, false, false, "", false);
        }
    }

    /** Commands that run what a here-document holds (its body is code, not data). */
    private static final Set<String> PROGRAM_READERS = Set.of("sh", "bash", "zsh", "dash", "ksh", "ash", "fish",
            "ssh", "su", "python", "python2", "python3", "perl", "ruby", "node", "php", "lua", "tclsh", "awk",
            "psql", "mysql", "mariadb", "sqlite3", "redis-cli", "mongo", "mongosh", "cqlsh", "at", "batch", "eval",
            "source", ".", "xargs", "expect", "osascript", "pwsh", "powershell");
    private static final Pattern WORD = Pattern.compile("[^\\s;&|()<>]+");

    private final String text;
    private final Deque<Frame> stack = new ArrayDeque<>();
    private int pos;

    /** A level while lexing: what it counts, and the here-documents whose bodies follow its next newline. */
    private static final class Frame {
        final Level level;
        int parens;
        int braces;
        int cases;
        boolean wordStart = true;
        final List<PendingHereDoc> pending = new ArrayList<>();
        /** For a here-document body: where it ends, where its delimiter line ends, and the ones queued after it. */
        int end = -1;
        int after;
        List<PendingHereDoc> queued = List.of();

        Frame(Level level) {
            this.level = level;
        }
    }

    private record PendingHereDoc(String delimiter, boolean quoted, boolean stripTabs, boolean readByProgram) {}

    private ShellContexts(String text) {
        this.text = text;
    }

    /**
     * The nest around each of {@code positions} (ascending offsets in {@code text}), outermost level first;
     * a position inside a here-document's delimiter word reads {@link Kind#HERE_DOCUMENT_DELIMITER}.
     */
    static List<List<Level>> at(String text, List<Integer> positions) {
        return new ShellContexts(text).lex(positions);
    }

    private List<List<Level>> lex(List<Integer> positions) {
        List<List<Level>> found = new ArrayList<>();
        stack.push(new Frame(Level.of(Kind.SCRIPT)));
        int next = 0;
        while (next < positions.size()) {
            endHereDocuments();
            while (next < positions.size() && positions.get(next) <= pos) {
                found.add(snapshot(positions.get(next) < pos ? Kind.HERE_DOCUMENT_DELIMITER : null));
                next++;
            }
            if (pos >= text.length()) {
                while (next < positions.size()) {
                    found.add(snapshot(null));
                    next++;
                }
                break;
            }
            step(positions, next);
        }
        return found;
    }

    private List<Level> snapshot(Kind override) {
        List<Level> levels = new ArrayList<>();
        stack.descendingIterator().forEachRemaining(frame -> levels.add(frame.level));
        if (override != null) {
            levels.add(Level.of(override));
        }
        return List.copyOf(levels);
    }

    /** A here-document body ends at its delimiter line, whatever was left open inside it; the next one follows. */
    private void endHereDocuments() {
        boolean ended = true;
        while (ended) {
            ended = false;
            for (Frame frame : stack) {
                if (frame.level.kind() == Kind.HERE_DOCUMENT && pos >= frame.end) {
                    while (stack.peek() != frame) {
                        stack.pop();
                    }
                    stack.pop();
                    pos = frame.after;
                    if (!frame.queued.isEmpty()) {
                        startHereDocument(frame.queued.get(0), frame.queued.subList(1, frame.queued.size()));
                    }
                    ended = true;
                    break;
                }
            }
        }
    }

    private void step(List<Integer> positions, int next) {
        Frame frame = stack.peek();
        switch (frame.level.kind()) {
            case SCRIPT -> script(frame, positions, next);
            case SINGLE -> {
                if (text.charAt(pos) == '\'') {
                    stack.pop();
                }
                pos++;
            }
            case ANSI_C -> {
                char c = text.charAt(pos);
                if (c == '\\') {
                    pos++;
                } else if (c == '\'') {
                    stack.pop();
                }
                pos++;
            }
            case COMMENT -> {
                if (text.charAt(pos) == '\n') {
                    stack.pop(); // the newline is the script's
                } else {
                    pos++;
                }
            }
            case DOUBLE -> {
                char c = text.charAt(pos);
                if (c == '"') {
                    stack.pop();
                    pos++;
                } else if (!expansion(frame)) {
                    pos += c == '\\' ? 2 : 1;
                }
            }
            case PARAMETER -> {
                char c = text.charAt(pos);
                if (c == '}' && frame.braces == 0) {
                    stack.pop();
                    pos++;
                } else if (c == '\'' && !insideDouble()) {
                    push(Level.of(Kind.SINGLE), 1);
                } else if (c == '"') {
                    push(Level.of(Kind.DOUBLE), 1);
                } else if (!expansion(frame)) {
                    frame.braces += c == '{' ? 1 : c == '}' ? -1 : 0;
                    pos += c == '\\' ? 2 : 1;
                }
            }
            case ARITHMETIC -> {
                char c = text.charAt(pos);
                if (c == ')' && frame.parens == 0 && text.startsWith("))", pos)) {
                    stack.pop();
                    pos += 2;
                } else if (!expansion(frame)) {
                    frame.parens += c == '(' ? 1 : c == ')' && frame.parens > 0 ? -1 : 0;
                    pos += c == '\\' ? 2 : 1;
                }
            }
            case HERE_DOCUMENT -> {
                if (frame.level.quoted() || !expansion(frame)) {
                    pos += !frame.level.quoted() && text.charAt(pos) == '\\' ? 2 : 1;
                }
            }
            case HERE_DOCUMENT_DELIMITER -> throw new IllegalStateException("never on the stack");
        }
    }

    private boolean insideDouble() {
        return stack.stream().skip(1).findFirst().map(f -> f.level.kind() == Kind.DOUBLE).orElse(false);
    }

    /** {@code $((}, {@code $(}, {@code ${} or a backtick at pos opens a level: true when one did. */
    private boolean expansion(Frame frame) {
        if (text.startsWith("$((", pos)) {
            push(Level.of(Kind.ARITHMETIC), 3);
        } else if (text.startsWith("$(", pos)) {
            push(Level.of(Kind.SCRIPT), 2);
        } else if (text.startsWith("${", pos)) {
            push(Level.of(Kind.PARAMETER), 2);
        } else if (text.charAt(pos) == '`') {
            if (frame.level.backtick()) {
                stack.pop();
                pos++;
            } else {
                push(new Level(Kind.SCRIPT, true, false, "", false), 1);
            }
        } else {
            return false;
        }
        return true;
    }

    private void push(Level level, int length) {
        stack.push(new Frame(level));
        pos += length;
    }

    private void script(Frame frame, List<Integer> positions, int next) {
        char c = text.charAt(pos);
        boolean wordStart = frame.wordStart;
        frame.wordStart = false;
        if (c == '\\') {
            pos += 2;
        } else if (c == '\'') {
            push(Level.of(Kind.SINGLE), 1);
        } else if (c == '"') {
            push(Level.of(Kind.DOUBLE), 1);
        } else if (text.startsWith("$'", pos)) {
            push(Level.of(Kind.ANSI_C), 2);
        } else if (text.startsWith("$\"", pos)) {
            push(Level.of(Kind.DOUBLE), 2);
        } else if (c == '`' && frame.level.backtick()) {
            stack.pop();
            pos++;
        } else if (expansion(frame)) {
            return;
        } else if ((c == '<' || c == '>') && text.startsWith("(", pos + 1)) {
            push(Level.of(Kind.SCRIPT), 2);
        } else if (wordStart && text.startsWith("((", pos)) {
            push(Level.of(Kind.ARITHMETIC), 2);
        } else if (c == '(') {
            frame.parens++;
            frame.wordStart = true;
            pos++;
        } else if (c == ')') {
            if (frame.parens > 0) {
                frame.parens--;
            } else if (frame.cases == 0 && stack.size() > 1 && !frame.level.backtick()) {
                stack.pop(); // the end of $( … ) or <( … )
            }
            frame.wordStart = true;
            pos++;
        } else if (c == '#' && wordStart) {
            push(Level.of(Kind.COMMENT), 0);
        } else if (text.startsWith("<<", pos) && !text.startsWith("<<<", pos)) {
            hereDocumentOperator(frame, positions, next);
        } else if (c == '\n') {
            frame.wordStart = true;
            pos++;
            if (!frame.pending.isEmpty()) {
                List<PendingHereDoc> bodies = List.copyOf(frame.pending);
                frame.pending.clear();
                startHereDocument(bodies.get(0), bodies.subList(1, bodies.size()));
            }
        } else if (" \t;&|<>".indexOf(c) >= 0) {
            frame.wordStart = true;
            pos++;
        } else {
            if (wordStart) {
                keyword(frame);
            }
            pos++;
        }
    }

    /** {@code case} and {@code esac} as words: inside a case, a lone ")" ends a pattern, not a substitution. */
    private void keyword(Frame frame) {
        java.util.regex.Matcher m = WORD.matcher(text).region(pos, text.length());
        if (m.lookingAt()) {
            String word = m.group();
            if (word.equals("case")) {
                frame.cases++;
            } else if (word.equals("esac") && frame.cases > 0) {
                frame.cases--;
            }
        }
    }

    private void hereDocumentOperator(Frame frame, List<Integer> positions, int next) {
        int operator = pos;
        boolean stripTabs = text.startsWith("<<-", pos);
        pos += stripTabs ? 3 : 2;
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
        StringBuilder delimiter = new StringBuilder();
        boolean quoted = false;
        while (pos < text.length() && " \t\n;&|<>()".indexOf(text.charAt(pos)) < 0) {
            char c = text.charAt(pos);
            if (c == '\\' && pos + 1 < text.length()) {
                quoted = true;
                delimiter.append(text.charAt(pos + 1));
                pos += 2;
            } else if (c == '\'' || c == '"') {
                quoted = true;
                int close = text.indexOf(c, pos + 1);
                close = close < 0 ? text.length() : close;
                delimiter.append(text, pos + 1, close);
                pos = Math.min(text.length(), close + 1);
            } else {
                delimiter.append(c);
                pos++;
            }
        }
        // A value inside the delimiter word would move the body's end: such positions are reported as in it.
        frame.pending.add(new PendingHereDoc(delimiter.toString(), quoted, stripTabs, readByProgram(operator)));
        frame.wordStart = true;
    }

    private static final java.util.regex.Pattern VERSIONED_INTERPRETER =
            java.util.regex.Pattern.compile("python[0-9.]*|perl[0-9.]*|ruby[0-9.]*");
    private static final java.util.regex.Pattern LEADING_TABS = java.util.regex.Pattern.compile("^\t+");

    /** Whether the command holding the here-document operator at {@code operator} names a shell or an interpreter. */
    private boolean readByProgram(int operator) {
        int start = operator;
        while (start > 0 && "\n;&|(".indexOf(text.charAt(start - 1)) < 0) {
            start--;
        }
        java.util.regex.Matcher m = WORD.matcher(text.substring(start, operator));
        while (m.find()) {
            String word = m.group();
            String name = word.substring(word.lastIndexOf('/') + 1);
            if (PROGRAM_READERS.contains(name) || VERSIONED_INTERPRETER.matcher(name).matches()) {
                return true;
            }
        }
        return false;
    }

    /** The body runs from pos to the first line that is the delimiter (after leading tabs, for {@code <<-}). */
    private void startHereDocument(PendingHereDoc doc, List<PendingHereDoc> queued) {
        int lineStart = pos;
        int end = text.length();
        int after = text.length();
        while (lineStart < text.length()) {
            int eol = text.indexOf('\n', lineStart);
            int lineEnd = eol < 0 ? text.length() : eol;
            String line = text.substring(lineStart, lineEnd);
            if (doc.stripTabs()) {
                line = LEADING_TABS.matcher(line).replaceFirst("");
            }
            if (line.equals(doc.delimiter())) {
                end = lineStart;
                after = eol < 0 ? text.length() : eol + 1;
                break;
            }
            lineStart = eol < 0 ? text.length() : eol + 1;
        }
        Frame body = new Frame(new Level(Kind.HERE_DOCUMENT, false, doc.quoted(), doc.delimiter(), doc.readByProgram()));
        body.end = end;
        body.after = after;
        body.queued = List.copyOf(queued);
        stack.push(body);
    }
}
