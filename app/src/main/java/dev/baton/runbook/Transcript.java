package dev.baton.runbook;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A block written as a terminal session: prompt lines are the commands, the lines between them are what those
 * commands printed. Runbooks paste sessions with every shape of prompt ({@code $ }, {@code user@host:~$ },
 * {@code [prod]$ }, {@code (venv) $ }, {@code sh-5.1# }, {@code ❯ }), a comment or two above the first prompt,
 * and {@code > } for the lines a command continues on. Only the commands are sent; the rest is kept as the
 * step's expected output.
 *
 * @param commands       the command lines, prompts removed, continuations and here-document bodies kept
 * @param expectedOutput the output lines, as pasted (empty when there are none)
 * @param prompts        how many prompt lines were read (0: the block is not a session)
 */
record Transcript(String commands, String expectedOutput, int prompts) {
    /** Prompts no command line starts with, wherever the block comes from. */
    private static final Pattern PROMPT = Pattern.compile(
            "(?:\\([\\w.-]+\\)\\s*)?" // a Python virtualenv or conda name before the prompt
                    + "(?:[\\w.-]+@[\\w.-]+(?::[^\\s$#%]*)?\\s?[$#%]" // user@host:~$
                    + "|\\[[^\\]\\s][^\\]]{0,60}\\]\\s?[$#%]" // [user@host dir]$, [prod]$
                    + "|(?:sh|bash|zsh|ksh|dash)-[\\d.]+[$#]" // sh-5.1$, bash-5.2#
                    + "|\\$|❯)" // $ and ❯
                    + "(?: (.*)|$)");
    /** Prompts that only a block labelled as a session reads as such: {@code % }, {@code host $ }, root's {@code # }. */
    private static final Pattern SESSION_PROMPT = Pattern.compile("(?:%|[\\w.-]+ \\$|#)(?: (.*)|$)");
    private static final Pattern HERE_DOC = Pattern.compile("<<-?\\s*['\"]?([A-Za-z_]\\w*)['\"]?");
    /** What a command reads like after root's {@code # }: a lower-case word and an option, a path, a pipe or few words. */
    private static final Pattern ROOT_COMMAND = Pattern.compile("[a-z][\\w.-]*(\\s.*)?");

    /**
     * Reads a block as a session.
     *
     * @param labelledSession whether the block's label says it is one ({@code console}, {@code shell-session}),
     *                        where {@code % }, {@code host $ } and a root {@code # } are prompts too
     */
    static Transcript read(String text, boolean labelledSession) {
        String[] lines = text.split("\n", -1);
        boolean dollarPrompts = false;
        for (String line : lines) {
            dollarPrompts |= prompted(line.stripLeading(), PROMPT) != null;
        }
        boolean rootPrompts = labelledSession && !dollarPrompts;
        List<String> commands = new ArrayList<>();
        List<String> output = new ArrayList<>();
        int prompts = 0;
        boolean continuing = false;
        String hereDocEnd = null;
        for (String line : lines) {
            String trimmed = line.stripLeading();
            if (hereDocEnd != null) {
                String body = trimmed.startsWith("> ") ? trimmed.substring(2) : trimmed.equals(">") ? "" : line;
                commands.add(body);
                if (body.strip().equals(hereDocEnd)) {
                    hereDocEnd = null;
                }
                continue;
            }
            String command;
            if (continuing) {
                command = trimmed.startsWith("> ") ? trimmed.substring(2) : line;
            } else {
                command = promptedCommand(trimmed, labelledSession, rootPrompts);
                if (command == null) {
                    if (!(prompts == 0 && trimmed.startsWith("#")) && !(dollarPrompts && trimmed.startsWith("# "))) {
                        output.add(line); // comments above and between the prompts are the author's notes
                    }
                    continue;
                }
                prompts++;
            }
            commands.add(command);
            String end = command.stripTrailing();
            continuing = end.endsWith("\\") || end.endsWith("|") || end.endsWith("&&") || end.endsWith("||");
            Matcher hereDoc = HERE_DOC.matcher(command);
            if (hereDoc.find()) {
                hereDocEnd = hereDoc.group(1);
            }
        }
        while (!output.isEmpty() && output.get(output.size() - 1).isBlank()) {
            output.remove(output.size() - 1);
        }
        while (!output.isEmpty() && output.get(0).isBlank()) {
            output.remove(0);
        }
        return new Transcript(String.join("\n", commands), String.join("\n", output), prompts);
    }

    /** Whether any line of the block starts with a prompt of the shapes every block knows. */
    static boolean hasPrompt(String text) {
        return text.lines().anyMatch(l -> prompted(l.stripLeading(), PROMPT) != null);
    }

    private static String promptedCommand(String trimmed, boolean labelledSession, boolean rootPrompts) {
        String command = prompted(trimmed, PROMPT);
        if (command != null || !labelledSession) {
            return command;
        }
        command = prompted(trimmed, SESSION_PROMPT);
        if (command == null || trimmed.startsWith("#") && !(rootPrompts && readsAsRootCommand(command))) {
            return null;
        }
        return command;
    }

    private static final Pattern COMMAND_LIKE = Pattern.compile(".*(\\s-|/|\\||=|\\.\\w).*");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /** {@code # systemctl restart queue} is root at work; {@code # Check the queue first} is a note. */
    static boolean readsAsRootCommand(String after) {
        if (!ROOT_COMMAND.matcher(after).matches() || after.endsWith(":") || after.endsWith(".")) {
            return false;
        }
        return COMMAND_LIKE.matcher(after).matches() || WHITESPACE.split(after).length <= 3;
    }

    /** The command after the prompt, empty for a bare prompt, or null when the line has no prompt. */
    private static String prompted(String trimmed, Pattern prompt) {
        Matcher m = prompt.matcher(trimmed);
        if (!m.matches()) {
            return null;
        }
        String command = m.group(1);
        return command == null ? "" : command;
    }
}
