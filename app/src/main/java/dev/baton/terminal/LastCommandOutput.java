package dev.baton.terminal;

import java.util.List;
import java.util.Optional;

/**
 * Finds the last command and its output in a terminal's text. The prompt is whatever the cursor's
 * line holds before the cursor (the shell is waiting there); the command is on the previous line that
 * starts with the same prompt, and the output is everything between. This needs no shell integration,
 * so it works in any shell on any node whose prompt is stable; a prompt that changed since (a new
 * working directory in it) is matched by its part before the first ':' or space.
 *
 * @param command the command as typed
 * @param output  the lines it printed
 */
public record LastCommandOutput(String command, String output) {

    /**
     * @param lines     the scrollback and screen, top to bottom
     * @param cursorRow the cursor's index in {@code lines}
     * @param cursorColumn the cursor's column (0-based)
     */
    public static Optional<LastCommandOutput> find(List<String> lines, int cursorRow, int cursorColumn) {
        if (cursorRow < 0 || cursorRow >= lines.size()) {
            return Optional.empty();
        }
        String current = lines.get(cursorRow);
        String prompt = current.substring(0, Math.min(cursorColumn, current.length())).stripTrailing();
        if (prompt.isEmpty()) {
            return Optional.empty();
        }
        Optional<LastCommandOutput> exact = search(lines, cursorRow, prompt);
        if (exact.isPresent()) {
            return exact;
        }
        int stemEnd = firstOf(prompt, ':', ' ');
        return stemEnd > 0 ? search(lines, cursorRow, prompt.substring(0, stemEnd)) : Optional.empty();
    }

    /**
     * The output of a command whose text is known (a step Baton typed): its lines are found together above the
     * cursor, each at the end of its row (after a prompt or a continuation prompt), and the output is what follows
     * them. Empty when the text is not there, or another command was entered at the prompt since.
     */
    public static Optional<LastCommandOutput> afterSent(List<String> lines, int cursorRow, int cursorColumn,
            String sent) {
        List<String> sentLines = sent.strip().lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        if (sentLines.isEmpty() || cursorRow < 0 || cursorRow >= lines.size()) {
            return Optional.empty();
        }
        String current = lines.get(cursorRow);
        String prompt = current.substring(0, Math.min(cursorColumn, current.length())).stripTrailing();
        for (int row = cursorRow - sentLines.size(); row >= 0; row--) {
            if (!holds(lines, row, sentLines)) {
                continue;
            }
            int first = row + sentLines.size();
            StringBuilder output = new StringBuilder();
            for (int i = first; i < cursorRow; i++) {
                String line = lines.get(i).stripTrailing();
                if (!prompt.isEmpty() && line.startsWith(prompt) && line.length() > prompt.length()) {
                    return Optional.empty(); // a later command: the step is not the last one any more
                }
                output.append(line).append('\n');
            }
            return Optional.of(new LastCommandOutput(String.join("\n", sentLines), output.toString().stripTrailing()));
        }
        return Optional.empty();
    }

    private static boolean holds(List<String> lines, int row, List<String> sentLines) {
        for (int k = 0; k < sentLines.size(); k++) {
            if (!lines.get(row + k).stripTrailing().endsWith(sentLines.get(k))) {
                return false;
            }
        }
        return true;
    }

    private static Optional<LastCommandOutput> search(List<String> lines, int cursorRow, String prompt) {
        for (int row = cursorRow - 1; row >= 0; row--) {
            String line = lines.get(row);
            if (!line.startsWith(prompt)) {
                continue;
            }
            String command = commandAfterPrompt(line.substring(prompt.length()), lines.get(cursorRow), prompt);
            if (command.isEmpty()) {
                return Optional.empty(); // the last thing entered was an empty line: nothing ran
            }
            StringBuilder output = new StringBuilder();
            for (int i = row + 1; i < cursorRow; i++) {
                output.append(lines.get(i).stripTrailing()).append('\n');
            }
            return Optional.of(new LastCommandOutput(command, output.toString().stripTrailing()));
        }
        return Optional.empty();
    }

    /** With a stem match, the command starts after the prompt's own end character ({@code $ # > %}). */
    private static String commandAfterPrompt(String rest, String currentLine, String prompt) {
        String fullPrompt = currentLine.stripTrailing();
        if (fullPrompt.startsWith(prompt) && fullPrompt.length() > prompt.length()) {
            char end = fullPrompt.charAt(fullPrompt.length() - 1);
            int at = rest.indexOf(end);
            return at >= 0 ? rest.substring(at + 1).strip() : rest.strip();
        }
        return rest.strip();
    }

    private static int firstOf(String text, char... candidates) {
        int first = -1;
        for (char c : candidates) {
            int at = text.indexOf(c);
            if (at > 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        return first;
    }
}
