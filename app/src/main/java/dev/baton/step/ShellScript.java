package dev.baton.step;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits shell text into simple commands the way a POSIX shell reads it, closely enough to see what
 * would run: quotes and backslashes are removed, {@code ;}, {@code &&}, {@code ||}, {@code |}, {@code &}
 * and newlines separate commands, {@code $(…)} and backticks contribute the commands inside them,
 * comments and here-document bodies are skipped. It never executes or expands anything.
 */
final class ShellScript {
    private final String text;
    private final List<SimpleCommand> commands = new ArrayList<>();
    private int pos;

    private List<String> words = new ArrayList<>();
    private List<String> redirects = new ArrayList<>();
    private boolean piped;
    private boolean nextIsRedirectTarget;
    private final List<String> pendingHereDocs = new ArrayList<>();

    private ShellScript(String text) {
        this.text = text;
    }

    static List<SimpleCommand> parse(String script) {
        ShellScript parser = new ShellScript(script.replace("\\\r\n", "").replace("\\\n", ""));
        parser.run();
        return parser.commands;
    }

    private void run() {
        StringBuilder word = null;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                word = endWord(word);
                endCommand(false);
                pos++;
                skipHereDocBodies();
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
                    nextIsRedirectTarget = true; // &> file
                    continue;
                }
                endCommand(pipe);
            } else if (c == '<' && text.startsWith("<<", pos) && !text.startsWith("<<<", pos)) {
                word = endWord(word);
                pos += text.startsWith("<<-", pos) ? 3 : 2;
                pendingHereDocs.add(readHereDocDelimiter());
            } else if (c == '>' || c == '<') {
                if (word != null && word.toString().matches("\\d+")) {
                    word = null; // the fd number of 2>
                } else {
                    word = endWord(word);
                }
                pos++;
                while (pos < text.length() && (text.charAt(pos) == '>' || text.charAt(pos) == '&' || text.charAt(pos) == '<')) {
                    pos++;
                }
                nextIsRedirectTarget = true;
            } else {
                if (word == null) {
                    word = new StringBuilder();
                }
                readWordPart(word);
            }
        }
        endWord(word);
        endCommand(false);
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
                if (d == '\\' && pos + 1 < text.length() && "\"\\$`".indexOf(text.charAt(pos + 1)) >= 0) {
                    word.append(text.charAt(pos + 1));
                    pos += 2;
                } else if (d == '$' && text.startsWith("$(", pos) || d == '`') {
                    word.append(substitution());
                } else {
                    word.append(d);
                    pos++;
                }
            }
            pos++;
        } else if (c == '$' && text.startsWith("$(", pos) || c == '`') {
            word.append(substitution());
        } else {
            word.append(c);
            pos++;
        }
    }

    /** Parses the commands of a {@code $(…)} or backtick substitution and stands in for its output. */
    private String substitution() {
        boolean backtick = text.charAt(pos) == '`';
        int start = pos + (backtick ? 1 : 2);
        int end = backtick ? text.indexOf('`', start) : matchingParen(start);
        end = end < 0 ? text.length() : end;
        commands.addAll(parse(text.substring(start, end)));
        pos = Math.min(text.length(), end + 1);
        return "$(…)";
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

    /** Here-document bodies are data for the command, not commands. */
    private void skipHereDocBodies() {
        for (String delimiter : pendingHereDocs) {
            while (pos < text.length()) {
                int eol = text.indexOf('\n', pos);
                int lineEnd = eol < 0 ? text.length() : eol;
                String line = text.substring(pos, lineEnd).strip();
                pos = eol < 0 ? text.length() : eol + 1;
                if (line.equals(delimiter)) {
                    break;
                }
            }
        }
        pendingHereDocs.clear();
    }

    private StringBuilder endWord(StringBuilder word) {
        if (word != null) {
            if (nextIsRedirectTarget) {
                redirects.add(word.toString());
                nextIsRedirectTarget = false;
            } else {
                words.add(word.toString());
            }
        }
        return null;
    }

    private void endCommand(boolean pipeFollows) {
        if (!words.isEmpty()) {
            commands.add(new SimpleCommand(words, redirects, piped));
        }
        words = new ArrayList<>();
        redirects = new ArrayList<>();
        nextIsRedirectTarget = false;
        piped = pipeFollows;
    }
}
