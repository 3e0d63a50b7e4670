package dev.baton.step;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits shell text into simple commands the way a POSIX shell reads it, closely enough to see what
 * would run: quotes and backslashes are removed, {@code ;}, {@code &&}, {@code ||}, {@code |}, {@code &}
 * and newlines separate commands, {@code $(…)} and backticks contribute the commands inside them,
 * comments are skipped and here-document bodies are kept apart as the command's input. Each command
 * keeps where it stands in the text. It never executes or expands anything.
 */
final class ShellScript {
    // Compiled once: these run for every word, step, link or hit.
    private static final java.util.regex.Pattern FD_NUMBER = java.util.regex.Pattern.compile("\\d+");

    private final String text;
    private final int base;
    private final List<SimpleCommand> commands = new ArrayList<>();
    private int pos;

    private List<String> words = new ArrayList<>();
    private List<String> redirects = new ArrayList<>();
    private List<String> writes = new ArrayList<>();
    private List<String> hereStrings = new ArrayList<>();
    private boolean piped;
    private boolean nextIsRedirectTarget;
    private boolean nextIsWriteTarget;
    private int commandStart = -1;
    private int commandEnd;
    /** Here-document delimiters waiting for the next line, each with the index of the command reading it. */
    private final List<String> pendingHereDocs = new ArrayList<>();
    private final List<Integer> pendingHereDocCommands = new ArrayList<>();

    private ShellScript(String text, int base) {
        this.text = text;
        this.base = base;
    }

    static List<SimpleCommand> parse(String script) {
        return parse(script, 0);
    }

    /** @param base the offset of {@code script} in the text the offsets of the commands should refer to */
    private static List<SimpleCommand> parse(String script, int base) {
        ShellScript parser = new ShellScript(script, base);
        parser.run();
        return parser.commands;
    }

    private void run() {
        StringBuilder word = null;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\\' && continuationLength() > 0) {
                pos += continuationLength(); // a line continuation joins the lines, inside a word too
            } else if (c == '\n') {
                word = endWord(word);
                endCommand(false);
                pos++;
                readHereDocBodies();
            } else if (c == ' ' || c == '\t') {
                word = endWord(word);
                pos++;
            } else if (c == '#' && word == null) {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == ';' || c == '&' || c == '|' || c == '(' || c == ')') {
                word = endWord(word);
                boolean pipe = c == '|' && !text.startsWith("||", pos);
                pos += text.startsWith("&&", pos) || text.startsWith("||", pos) || text.startsWith(";;", pos) ? 2 : 1;
                if (c == '&' && pos < text.length() && text.charAt(pos) == '>') {
                    pos++;
                    while (pos < text.length() && text.charAt(pos) == '>') {
                        pos++;
                    }
                    nextIsRedirectTarget = true; // &> file
                    nextIsWriteTarget = true;
                    continue;
                }
                endCommand(pipe);
            } else if (text.startsWith("<<<", pos)) {
                word = endWord(word);
                markCommand(pos);
                pos += 3;
                while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
                    pos++;
                }
                int start = pos;
                StringBuilder ignored = new StringBuilder();
                while (pos < text.length() && " \t\n;&|<>()".indexOf(text.charAt(pos)) < 0) {
                    readWordPart(ignored); // substitutions inside still contribute their commands
                }
                hereStrings.add(text.substring(start, pos));
                commandEnd = pos;
            } else if ((c == '<' || c == '>') && text.startsWith("(", pos + 1)) {
                if (word == null) {
                    word = new StringBuilder();
                    markCommand(pos);
                }
                readWordPart(word);
                commandEnd = pos;
            } else if (c == '<' && text.startsWith("<<", pos) && !text.startsWith("<<<", pos)) {
                word = endWord(word);
                markCommand(pos);
                pos += text.startsWith("<<-", pos) ? 3 : 2;
                pendingHereDocs.add(readHereDocDelimiter());
                pendingHereDocCommands.add(commands.size());
            } else if (c == '>' || c == '<') {
                if (word != null && FD_NUMBER.matcher(word).matches()) {
                    word = null; // the fd number of 2>
                } else {
                    word = endWord(word);
                }
                markCommand(pos);
                boolean write = c == '>';
                pos++;
                while (pos < text.length() && (text.charAt(pos) == '>' || text.charAt(pos) == '&' || text.charAt(pos) == '<'
                        || text.charAt(pos) == '|')) {
                    pos++;
                }
                nextIsRedirectTarget = true;
                nextIsWriteTarget = write;
            } else {
                if (word == null) {
                    word = new StringBuilder();
                    markCommand(pos);
                }
                readWordPart(word);
                commandEnd = pos;
            }
        }
        endWord(word);
        endCommand(false);
    }

    private int continuationLength() {
        if (text.startsWith("\\\n", pos)) {
            return 2;
        }
        return text.startsWith("\\\r\n", pos) ? 3 : 0;
    }

    private void markCommand(int at) {
        if (commandStart < 0) {
            commandStart = at;
        }
        commandEnd = Math.max(commandEnd, at + 1);
    }

    /** Reads one quoted or unquoted piece of a word, appending its unquoted text. */
    private void readWordPart(StringBuilder word) {
        char c = text.charAt(pos);
        if (c == '\\') {
            if (pos + 1 < text.length()) {
                word.append(text.charAt(pos + 1));
            }
            pos += 2;
        } else if (c == '\'') {
            int end = text.indexOf('\'', pos + 1);
            end = end < 0 ? text.length() : end;
            word.append(text, pos + 1, end);
            pos = end + 1;
        } else if (c == '"') {
            pos++;
            while (pos < text.length() && text.charAt(pos) != '"') {
                char d = text.charAt(pos);
                if (d == '\\' && continuationLength() > 0) {
                    pos += continuationLength();
                } else if (d == '\\' && pos + 1 < text.length() && "\"\\$`".indexOf(text.charAt(pos + 1)) >= 0) {
                    word.append(text.charAt(pos + 1));
                    pos += 2;
                } else if (atArithmetic()) {
                    word.append(arithmetic());
                } else if (d == '$' && text.startsWith("$(", pos) || d == '`') {
                    word.append(substitution());
                } else {
                    word.append(d);
                    pos++;
                }
            }
            pos++;
        } else if (atArithmetic()) {
            word.append(arithmetic());
        } else if (c == '$' && text.startsWith("$(", pos) || c == '`') {
            word.append(substitution());
        } else if ((c == '<' || c == '>') && text.startsWith("(", pos + 1)) {
            // Process substitution: its commands run, and the word is kept as written for the command reading it.
            int start = pos + 2;
            int end = matchingParen(start);
            end = end < 0 ? text.length() : end;
            commands.addAll(parse(text.substring(start, end), base + start));
            word.append(c).append('(').append(text, start, end).append(')');
            pos = end + 1;
        } else {
            word.append(c);
            pos++;
        }
        pos = Math.min(pos, text.length());
    }

    /** Parses the commands of a {@code $(…)} or backtick substitution and stands in for its output. */
    private String substitution() {
        boolean backtick = text.charAt(pos) == '`';
        int start = pos + (backtick ? 1 : 2);
        int end = backtick ? text.indexOf('`', start) : matchingParen(start);
        end = end < 0 ? text.length() : end;
        commands.addAll(parse(text.substring(start, end), base + start));
        pos = Math.min(text.length(), end + 1);
        return "$(…)";
    }

    /**
     * Whether {@code $((} here opens arithmetic, as bash reads it: its two parentheses close together. Otherwise
     * ({@code $((cd /x; ls) )}) it is a command substitution holding a subshell.
     */
    private boolean atArithmetic() {
        if (!text.startsWith("$((", pos)) {
            return false;
        }
        int inner = matchingParen(pos + 3);
        return inner > 0 && inner + 1 < text.length() && text.charAt(inner + 1) == ')';
    }

    /** Arithmetic is no command; the substitutions inside it still run, and their commands are read. */
    private String arithmetic() {
        int start = pos + 3;
        int end = matchingParen(start);
        for (pos = start; pos < end; ) {
            if (atArithmetic()) {
                pos = matchingParen(pos + 3) + 2;
            } else if (text.startsWith("$(", pos) || text.charAt(pos) == '`') {
                substitution();
            } else {
                pos++;
            }
        }
        pos = Math.min(text.length(), end + 2);
        return "0";
    }

    private int matchingParen(int from) {
        int depth = 1;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                int close = text.indexOf(c, i + 1);
                i = close < 0 ? text.length() : close;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private String readHereDocDelimiter() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
        StringBuilder delimiter = new StringBuilder();
        while (pos < text.length() && " \t\n;&|<>()".indexOf(text.charAt(pos)) < 0) {
            readWordPart(delimiter);
        }
        return delimiter.toString();
    }

    /** Here-document bodies are data for the command that reads them, not commands. */
    private void readHereDocBodies() {
        for (int i = 0; i < pendingHereDocs.size(); i++) {
            String delimiter = pendingHereDocs.get(i);
            StringBuilder body = new StringBuilder();
            while (pos < text.length()) {
                int eol = text.indexOf('\n', pos);
                int lineEnd = eol < 0 ? text.length() : eol;
                String line = text.substring(pos, lineEnd);
                pos = eol < 0 ? text.length() : eol + 1;
                if (line.strip().equals(delimiter)) {
                    break;
                }
                body.append(line).append('\n');
            }
            int reader = pendingHereDocCommands.get(i);
            if (reader >= 0 && reader < commands.size()) {
                commands.set(reader, commands.get(reader).withHereDocument(body.toString()));
            }
        }
        pendingHereDocs.clear();
        pendingHereDocCommands.clear();
    }

    private StringBuilder endWord(StringBuilder word) {
        if (word != null) {
            if (nextIsRedirectTarget) {
                redirects.add(word.toString());
                if (nextIsWriteTarget) {
                    writes.add(word.toString());
                }
                nextIsRedirectTarget = false;
                nextIsWriteTarget = false;
            } else {
                words.add(word.toString());
            }
        }
        return null;
    }

    private void endCommand(boolean pipeFollows) {
        if (!words.isEmpty() || !writes.isEmpty()) {
            int start = Math.max(commandStart, 0);
            commands.add(new SimpleCommand(words, redirects, writes, piped, List.of(), hereStrings, base + start,
                    base + Math.max(start, Math.min(commandEnd, text.length()))));
        } else if (!pendingHereDocCommands.isEmpty()
                && pendingHereDocCommands.get(pendingHereDocCommands.size() - 1) == commands.size()) {
            pendingHereDocCommands.set(pendingHereDocCommands.size() - 1, -1); // nobody reads it
        }
        words = new ArrayList<>();
        redirects = new ArrayList<>();
        writes = new ArrayList<>();
        hereStrings = new ArrayList<>();
        nextIsRedirectTarget = false;
        nextIsWriteTarget = false;
        commandStart = -1;
        commandEnd = 0;
        piped = pipeFollows;
    }
}
