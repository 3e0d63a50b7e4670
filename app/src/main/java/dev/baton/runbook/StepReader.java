package dev.baton.runbook;

import dev.baton.step.ClientSession;
import dev.baton.step.Placeholders;
import dev.baton.step.StepWarnings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
        boolean labelledSession = TRANSCRIPTS.contains(language);
        if (language.isEmpty() || kind == StepKind.SHELL) {
            // A here-document's YAML or JSON is the command's input, not the block's nature.
            boolean prompted = Transcript.hasPrompt(text);
            UnlabelledBlock.Guess guess = prompted ? UnlabelledBlock.Guess.TRANSCRIPT
                    : text.contains("<<") ? UnlabelledBlock.Guess.SHELL : UnlabelledBlock.guess(text);
            if (guess == UnlabelledBlock.Guess.PROMQL || guess == UnlabelledBlock.Guess.LOGQL) {
                kind = StepKind.QUERY;
                language = guess.name().toLowerCase(Locale.ROOT); // answered from Prometheus or Loki like a labelled one
            } else if (language.isEmpty()) {
                kind = guess.isShell() ? StepKind.SHELL : StepKind.TEXT;
            } else if (guess.clearlyNotShell()) {
                kind = StepKind.TEXT; // output, a log or configuration under a shell label: read, not run
            }
        }
        String command = text;
        String expected = "";
        ClientSession session = null;
        if (kind == StepKind.SHELL) {
            SessionFound found = clientSession(text, labelledSession).orElse(null);
            if (found != null) {
                session = found.session();
                kind = StepKind.SESSION;
                command = session.text();
                expected = found.output();
            } else {
                Transcript transcript = labelledSession || Transcript.hasPrompt(text)
                        ? Transcript.read(text, labelledSession) : null;
                if (transcript != null && transcript.prompts() > 0) {
                    command = transcript.commands();
                    expected = transcript.expectedOutput();
                } else {
                    command = withoutPastedOutput(text);
                    int elided = elisionStart(command);
                    if (elided >= 0) {
                        List<String> lines = List.of(command.split("\n", -1));
                        expected = String.join("\n", lines.subList(elided, lines.size())).strip();
                        command = String.join("\n", lines.subList(0, elided)).strip();
                        if (command.isEmpty()) {
                            kind = StepKind.TEXT;
                            command = text;
                            expected = "";
                        }
                    }
                }
            }
        }
        // Hidden characters matter even in a query a responder copies; destructive patterns do not.
        // The warnings are worked out when the step is first looked at (WarningsOnFirstLook), from the same text.
        String sent = command;
        StepWarnings detectors = warnings;
        List<dev.baton.step.StepWarning> found = kind.runnable()
                ? new WarningsOnFirstLook(() -> detectors.of(sent))
                : new WarningsOnFirstLook(() -> detectors.hidden(sent));
        return new Step(number, sectionPath, label, language, kind, command,
                kind == StepKind.TEXT ? List.of() : Placeholders.find(command),
                found, line, expected, session, marksChanges(info));
    }

    /** Compiled once, as everything a step reads on every block of a library. */
    private static final java.util.regex.Pattern INFO_WORD_BREAK = java.util.regex.Pattern.compile("[\\s{},]+");

    /** {@code ```bash changes}: the runbook says the step changes what it runs on. */
    static boolean marksChanges(String info) {
        if (info == null) {
            return false;
        }
        String[] words = INFO_WORD_BREAK.split(info.strip());
        for (int i = 1; i < words.length; i++) {
            if (words[i].equalsIgnoreCase("changes")) {
                return true;
            }
        }
        return false;
    }

    /**
     * A client session a block opens, and the output pasted between its prompts. Returned, not kept in a field:
     * one reader parses a library's files on several threads at once.
     */
    private record SessionFound(ClientSession session, String output) {}

    private static final java.util.regex.Pattern ELLIPSIS = java.util.regex.Pattern.compile("\\s*(\\.\\.\\.|…)\\s*");
    /** A YAML key or a {@code name = value} pair (bash never reads {@code x = y} as an assignment). */
    private static final java.util.regex.Pattern YAML_KEY = java.util.regex.Pattern.compile(
            "\\s*(- )?[\\w.\"-]+:(\\s.*)?|\\s*(- )?[\\w.]+ = .*");

    /**
     * Where a command's excerpted output or file starts, or -1: an author shows what {@code kubectl edit} opens
     * as a few YAML lines between {@code ...} lines. A block with such an ellipsis line sends the lines before
     * the first ellipsis, YAML key or {@code name = value} line; the rest is what to expect. Here-documents are left alone.
     */
    static int elisionStart(String command) {
        List<String> lines = List.of(command.split("\n", -1));
        if (command.contains("<<") || lines.stream().noneMatch(l -> ELLIPSIS.matcher(l).matches())) {
            return -1;
        }
        for (int i = 0; i < lines.size(); i++) {
            if (ELLIPSIS.matcher(lines.get(i)).matches() || YAML_KEY.matcher(lines.get(i)).matches()) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The block as a client session, if a line of it starts a client that the lines after it are typed into.
     * In a transcript the inner lines are those after the client's prompts ({@code 127.0.0.1:6379> },
     * {@code app=# }, {@code >>> }) and the rest is output; in a plain block every line after the client's is typed
     * inside it (comments aside).
     */
    private static Optional<SessionFound> clientSession(String text, boolean labelledSession) {
        boolean prompted = labelledSession || Transcript.hasPrompt(text);
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String candidate = lines[i];
            if (prompted) {
                Transcript one = Transcript.read(candidate, labelledSession);
                if (one.prompts() != 1) {
                    continue;
                }
                candidate = one.commands();
            }
            if (candidate.stripTrailing().endsWith("\\")) {
                continue;
            }
            Optional<ClientSession> client = ClientSession.starting(candidate);
            if (client.isEmpty()) {
                continue;
            }
            String before = String.join("\n", List.of(lines).subList(0, i));
            String start = prompted ? Transcript.read(before, labelledSession).commands() : before;
            start = (start.isBlank() ? "" : start.strip() + "\n") + candidate.strip();
            List<String> inner = new ArrayList<>();
            List<String> output = new ArrayList<>();
            List<String> rest = List.of(lines).subList(i + 1, lines.length);
            boolean innerPrompts = prompted || rest.stream().anyMatch(l -> ClientSession.innerPromptEnd(l) >= 0);
            for (String l : rest) {
                int end = ClientSession.innerPromptEnd(l);
                if (end < 0 && client.get().shell() && prompted && l.stripLeading().startsWith("# ")
                        && Transcript.readsAsRootCommand(l.stripLeading().substring(2))) {
                    end = l.indexOf("# ") + 2; // root's prompt in the shell the client opened: # chroot /host
                }
                if (end >= 0) {
                    inner.add(l.substring(end).strip());
                } else if (innerPrompts || prompted) {
                    output.add(l);
                } else if (!l.isBlank() && !l.strip().startsWith("#")) {
                    inner.add(l.strip());
                }
            }
            inner.removeIf(String::isEmpty);
            if (inner.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new SessionFound(client.get().with(start, inner), String.join("\n", output).strip()));
        }
        return Optional.empty();
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

    private static String stripFinalNewline(String literal) {
        return literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal;
    }
}
