package dev.baton.incident;

import dev.baton.step.TerminalText;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Output put into the notes: where it ran, what ran, how it ended and when, then the output fenced.
 * Long output keeps its head and tail in the notes; the whole of it stays in the incident folder.
 *
 * @param source   {@code exec}, {@code selection} or {@code last-command}
 * @param target   the node or terminal
 * @param command  what ran; empty when not known (a selection)
 * @param outcome  e.g. {@code exit 0 in 1.2 s}; empty when not known
 * @param fullFile the whole output's path inside the incident folder, or null when the notes hold it all
 */
public record Capture(String source, String target, String command, String outcome, Instant at, String output,
        String fullFile) {
    public static final int MAX_LINES = 60;
    public static final int MAX_CHARS = 8 * 1024;
    static final int EDGE_LINES = 20;
    private static final Pattern ESCAPES = Pattern.compile(
            "\u001B\\[[0-?]*[ -/]*[@-~]|\u001B\\][^\u0007\u001B]*(\u0007|\u001B\\\\)?|\u001B[@-Z\\\\-_]");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** Whether output this long is shortened in the notes (and kept whole in a file). */
    public static boolean isLong(String output) {
        return output.length() > MAX_CHARS || output.lines().count() > MAX_LINES;
    }

    /** Terminal output as plain text: escape sequences and controls gone, carriage-return redraws resolved. */
    public static String plain(String output) {
        String noEscapes = ESCAPES.matcher(output).replaceAll("");
        StringBuilder out = new StringBuilder(noEscapes.length());
        for (String line : noEscapes.replace("\r\n", "\n").split("\n", -1)) {
            int redraw = line.lastIndexOf('\r', line.length() - 1);
            String shown = redraw >= 0 && redraw < line.length() - 1 ? line.substring(redraw + 1) : line.replace("\r", "");
            out.append(TerminalText.stripControls(shown)).append('\n');
        }
        out.setLength(Math.max(0, out.length() - 1));
        return out.toString();
    }

    public String toMarkdown() {
        StringBuilder md = new StringBuilder();
        md.append("**Capture** · ").append(target).append(" · ").append(TIME.format(at));
        if (!outcome.isEmpty()) {
            md.append(" · ").append(outcome);
        }
        md.append(" · ").append(source).append("\n\n");
        if (!command.isEmpty()) {
            md.append(fenced("$ " + command.strip(), "sh")).append('\n');
        }
        md.append(fenced(shown(), "text"));
        if (fullFile != null) {
            md.append('\n').append("Full output: [").append(fullFile).append("](").append(fullFile).append(")\n");
        }
        return md.toString();
    }

    private String shown() {
        String text = output.strip();
        if (!isLong(text)) {
            return text;
        }
        List<String> lines = text.lines().toList();
        if (lines.size() <= 2 * EDGE_LINES) {
            return text.substring(0, MAX_CHARS / 2) + "\n… " + (text.length() - MAX_CHARS) + " characters not shown …\n"
                    + text.substring(text.length() - MAX_CHARS / 2);
        }
        return String.join("\n", lines.subList(0, EDGE_LINES)) + "\n… " + (lines.size() - 2 * EDGE_LINES)
                + " lines not shown …\n" + String.join("\n", lines.subList(lines.size() - EDGE_LINES, lines.size()));
    }

    /** A fence longer than any backtick run inside, so the output cannot close it early. */
    static String fenced(String body, String info) {
        int longest = 0;
        int run = 0;
        for (char c : body.toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        char[] fence = new char[Math.max(3, longest + 1)];
        Arrays.fill(fence, '`');
        String f = new String(fence);
        return f + info + "\n" + body + "\n" + f + "\n";
    }
}
