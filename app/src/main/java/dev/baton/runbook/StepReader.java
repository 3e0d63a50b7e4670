package dev.baton.runbook;

import dev.baton.step.Placeholders;
import dev.baton.step.StepWarnings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Turns a code block into a {@link Step}: its kind, the text to send, placeholders and warnings. */
final class StepReader {
    private static final Set<String> SHELL = Set.of(
            "", "bash", "sh", "shell", "zsh", "ksh", "fish", "console", "shell-session", "shellsession",
            "terminal", "kubectl", "powershell", "pwsh", "ps1", "ps", "cmd", "bat", "batch");
    private static final Set<String> TRANSCRIPTS = Set.of("console", "shell-session", "shellsession", "terminal");
    private static final Set<String> SQL = Set.of("sql", "psql", "postgresql", "postgres", "pgsql", "plpgsql", "mysql");
    private static final Set<String> QUERIES = Set.of("promql", "logql", "traceql", "metricsql", "kql", "influxql", "flux");

    private final StepWarnings warnings = new StepWarnings();

    Step read(int number, List<String> sectionPath, String label, String info, String literal, int line) {
        String language = language(info);
        StepKind kind = kindOf(language);
        String text = stripFinalNewline(literal);
        boolean transcript = TRANSCRIPTS.contains(language);
        if (language.isEmpty()) {
            UnlabelledBlock.Guess guess = UnlabelledBlock.guess(text);
            kind = guess.isShell() ? StepKind.SHELL : StepKind.TEXT;
            transcript = guess == UnlabelledBlock.Guess.TRANSCRIPT;
        } else if (kind == StepKind.SHELL && startsWithPrompt(text)) {
            transcript = true; // a bash block written as a session: "$ " is not a command
        }
        String command = transcript ? commandLines(text) : kind == StepKind.SHELL ? withoutPastedOutput(text) : text;
        return new Step(number, sectionPath, label, language, kind, command,
                kind == StepKind.TEXT ? List.of() : Placeholders.find(command),
                kind.runnable() ? warnings.of(command) : hiddenOnly(command),
                line);
    }

    /** Hidden characters matter even in a query a responder copies; destructive patterns do not. */
    private List<dev.baton.step.StepWarning> hiddenOnly(String text) {
        return warnings.of(text).stream()
                .filter(w -> w.kind() == dev.baton.step.StepWarning.Kind.HIDDEN_UNICODE)
                .toList();
    }

    static String language(String info) {
        if (info == null) {
            return "";
        }
        // The first word of the info string, up to whitespace, a brace or a comma ({.bash}, bash {id=x}, sh,copy).
        String stripped = info.strip();
        int end = 0;
        while (end < stripped.length() && " \t\n\u000B\f\r{},".indexOf(stripped.charAt(end)) < 0) {
            end++;
        }
        String first = stripped.substring(0, end);
        if (first.startsWith(".")) {
            first = first.substring(1);
        }
        if (first.startsWith("language-")) {
            first = first.substring("language-".length());
        }
        return first.toLowerCase(Locale.ROOT);
    }

    static StepKind kindOf(String language) {
        if (SHELL.contains(language)) {
            return StepKind.SHELL;
        }
        if (SQL.contains(language)) {
            return StepKind.SQL;
        }
        if (QUERIES.contains(language)) {
            return StepKind.QUERY;
        }
        return StepKind.TEXT;
    }

    /**
     * A command's output pasted under it without a prompt ({@code kubectl get pods}, a blank line, then
     * {@code NAME   READY   STATUS} and its rows): the all-capitals column header and the lines after it,
     * up to the next blank line, are output. No shell line looks like such a header.
     */
    static String withoutPastedOutput(String text) {
        if (text.lines().noneMatch(UnlabelledBlock::isColumnHeader)) {
            return text;
        }
        List<String> kept = new ArrayList<>();
        boolean output = false;
        for (String line : text.split("\n", -1)) {
            if (!output && UnlabelledBlock.isColumnHeader(line)) {
                output = true;
            } else if (output && line.isBlank()) {
                output = false;
            } else if (!output) {
                kept.add(line);
            }
        }
        while (!kept.isEmpty() && kept.get(kept.size() - 1).isBlank()) {
            kept.remove(kept.size() - 1);
        }
        return String.join("\n", kept);
    }

    private static boolean startsWithPrompt(String text) {
        String first = text.lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
        return first.startsWith("$ ") || first.equals("$");
    }

    /**
     * The commands of a transcript: lines after a {@code $ } prompt, their backslash continuations and
     * {@code > } continuation prompts, and the bodies of their here-documents; output lines are dropped.
     * A transcript with no prompt at all is taken as plain commands.
     */
    static String commandLines(String transcript) {
        List<String> commands = new ArrayList<>();
        boolean continuing = false;
        boolean sawPrompt = false;
        String hereDocEnd = null;
        for (String line : transcript.split("\n", -1)) {
            String trimmed = line.stripLeading();
            if (hereDocEnd != null) {
                String body = trimmed.startsWith("> ") ? trimmed.substring(2) : line;
                commands.add(body);
                if (body.strip().equals(hereDocEnd)) {
                    hereDocEnd = null;
                }
                continue;
            }
            if (continuing) {
                commands.add(trimmed.startsWith("> ") ? trimmed.substring(2) : line);
            } else if (trimmed.startsWith("$ ") || trimmed.equals("$")) {
                sawPrompt = true;
                commands.add(trimmed.length() > 2 ? trimmed.substring(2) : "");
            } else {
                continue;
            }
            continuing = line.endsWith("\\");
            java.util.regex.Matcher hereDoc = HERE_DOC.matcher(commands.get(commands.size() - 1));
            if (hereDoc.find()) {
                hereDocEnd = hereDoc.group(1);
            }
        }
        return sawPrompt ? String.join("\n", commands) : transcript;
    }

    private static final java.util.regex.Pattern HERE_DOC = java.util.regex.Pattern.compile("<<-?\\s*['\"]?([A-Za-z_]\\w*)['\"]?");

    private static String stripFinalNewline(String literal) {
        return literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal;
    }
}
