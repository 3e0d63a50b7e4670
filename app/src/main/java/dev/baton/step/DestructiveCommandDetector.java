package dev.baton.step;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds what in a step destroys data, stops a service or cannot be undone, so Baton asks before sending it.
 * Commands are read the way a shell reads them ({@link ShellScript}): {@code \rm}, {@code r''m},
 * {@code "rm"} are all rm, and wrappers ({@code sudo}, {@code env}, {@code timeout}, {@code xargs},
 * {@code nohup}, {@code bash -c "…"}, {@code kubectl exec … --}, {@code ssh host …}, {@code watch},
 * {@code eval}, {@code knife ssh}, {@code ansible -a}, a here-document fed to a shell) are looked through.
 * A quoted argument ({@code echo "rm -rf /"}) is not a command.
 *
 * <p>Each command found is judged by its tool's verbs and flags ({@link DestructiveVerbs}: rm, kubectl,
 * terraform, git, systemctl, docker, a package manager's remove, any CLI's delete or stop…). Beside those,
 * each with the reason shown to the responder:
 * <ul>
 * <li>a download ({@code curl}, {@code wget}) piped into a shell; decoded or other text piped into a shell
 *     or an interpreter (opaque: Baton cannot read what will run)</li>
 * <li>a command name made at run time ({@code $CMD}), {@code eval} of text made at run time (opaque)</li>
 * <li>a redirection into a block device or onto a system path ({@link SystemPaths})</li>
 * <li>SQL anywhere in the text, quoted or not ({@link SqlStatements})</li>
 * <li>a fork bomb</li>
 * </ul>
 */
public final class DestructiveCommandDetector {
    /** One reason to stop and look, and where in the text it stands ({@code start} to {@code end}). */
    public record Finding(StepWarning.Kind kind, String reason, int start, int end) {}

    private static final Set<String> SHELLS = Set.of("sh", "bash", "zsh", "dash", "ksh", "ash", "fish", "sudo");
    private static final Set<String> INTERPRETERS = Set.of("python", "python2", "python3", "perl", "ruby", "node",
            "php", "lua", "tclsh");
    private static final Set<String> DOWNLOADERS = Set.of("curl", "wget", "fetch");
    private static final Set<String> DECODERS = Set.of("base64", "base32", "xxd", "openssl", "gunzip", "zcat", "gzip",
            "bzip2", "xz", "uudecode", "rev", "tr");
    private static final Pattern FORK_BOMB = Pattern.compile("([\\w:.]+)\\s*\\(\\s*\\)\\s*\\{[^}]*\\1\\s*\\|\\s*\\1\\s*&");
    private static final Set<String> KNIFE_VALUE_OPTIONS = Set.of("-x", "--ssh-user", "-a", "--attribute", "-C",
            "--concurrency", "-i", "--ssh-identity-file", "-p", "--ssh-port", "-P", "--ssh-password", "-G",
            "--ssh-gateway", "-E", "--environment", "-c", "--config");

    /** Human-readable reasons, each once, in the order found; empty when the script looks harmless. */
    public List<String> reasons(String script) {
        return findings(script).stream().map(Finding::reason).toList();
    }

    /** Each reason once (its first place), destructive and opaque alike, in the order found. */
    public List<Finding> findings(String script) {
        Sink sink = new Sink();
        commands(script, sink, 0, -1, -1);
        for (SqlStatements.Danger danger : SqlStatements.dangers(script)) {
            sink.at(danger.start(), danger.end()).destructive(danger.reason());
        }
        // The regex tries every word of the text as a function name: only worth it with the bomb's symbols.
        Matcher bomb = FORK_BOMB.matcher(script);
        if (script.indexOf('{') >= 0 && script.indexOf('|') >= 0 && script.indexOf('&') >= 0 && bomb.find()) {
            sink.at(bomb.start(), bomb.end()).destructive("fork bomb");
        }
        return List.copyOf(sink.findings);
    }

    /** Collects findings, each reason once, at the range of the command being read. */
    private static final class Sink {
        private final List<Finding> findings = new ArrayList<>();
        private final Set<String> seen = new LinkedHashSet<>();
        private int start;
        private int end;

        Sink at(int from, int to) {
            start = from;
            end = to;
            return this;
        }

        void destructive(String reason) {
            add(StepWarning.Kind.DESTRUCTIVE, reason);
        }

        void opaque(String reason) {
            add(StepWarning.Kind.OPAQUE, reason);
        }

        private void add(StepWarning.Kind kind, String reason) {
            if (seen.add(reason)) {
                findings.add(new Finding(kind, reason, start, end));
            }
        }
    }

    /**
     * @param outerStart where the command holding this script starts in the step's text, or -1 at the top:
     *                   an inner script's offsets are its own, so its findings point at the whole outer command
     */
    private void commands(String script, Sink sink, int depth, int outerStart, int outerEnd) {
        if (depth > 8) {
            return; // nesting this deep is an attack on the reader, not a runbook
        }
        List<SimpleCommand> parsed = ShellScript.parse(script);
        String previous = null;
        for (SimpleCommand command : parsed) {
            int start = outerStart >= 0 ? outerStart : command.start();
            int end = outerStart >= 0 ? outerEnd : command.end();
            sink.at(start, end);
            CommandPrefixes.Unwrapped unwrapped = CommandPrefixes.unwrap(command.words());
            List<String> words = unwrapped.words();
            String name = words.isEmpty() ? "" : CommandPrefixes.commandName(words.get(0)).toLowerCase(Locale.ROOT);
            List<String> args = words.isEmpty() ? List.of() : words.subList(1, words.size());
            if (command.pipedFromPrevious() && previous != null && readsScriptFromInput(command, name, unwrapped)) {
                if (DOWNLOADERS.contains(previous)) {
                    sink.destructive(previous + " piped to a shell");
                } else {
                    String reader = INTERPRETERS.contains(name) ? name : "a shell";
                    sink.opaque(DECODERS.contains(previous) ? previous + " output piped to " + reader
                            : "text piped to " + reader);
                }
            }
            List<String> inner = new ArrayList<>(unwrapped.scripts());
            inner.addAll(innerScripts(name, args, sink));
            if (!command.hereDocuments().isEmpty() && (readsScriptFromInput(command, name, unwrapped) || name.equals("ssh"))) {
                inner.addAll(command.hereDocuments());
            }
            if (readsScriptFromInput(command, name, unwrapped)) {
                command.hereStrings().forEach(hereString -> inner.addAll(madeScript(hereString, "", sink)));
            }
            if (SHELLS.contains(name) || isInterpreter(name) || name.equals("source") || name.equals(".")) {
                scriptOperand(args).filter(a -> a.startsWith("<(") && a.endsWith(")"))
                        .ifPresent(file -> madeScript(file.substring(2, file.length() - 1), "command", sink));
            }
            inner.addAll(InterpreterOneLiners.shellCommands(name, args, sink::opaque));
            for (String script1 : inner) {
                commands(script1, sink, depth + 1, start, end);
                sink.at(start, end);
            }
            judge(words, sink, depth);
            for (String target : command.writeTargets()) {
                if (SystemPaths.isBlockDevice(target)) {
                    sink.destructive("writes to block device " + target);
                } else if (SystemPaths.isSystemPath(target)) {
                    sink.destructive("writes to " + target);
                }
            }
            previous = command.words().isEmpty() ? null
                    : CommandPrefixes.commandName(command.words().get(0)).toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One command's words by its tool's verbs; a command handed on after {@code --} ({@code aws-vault exec prod
     * -- aws rds delete-db-instance …}, {@code op run -- kubectl delete …}) is judged as well.
     */
    private void judge(List<String> words, Sink sink, int depth) {
        if (words.isEmpty() || depth > 8) {
            return;
        }
        String name = CommandPrefixes.commandName(words.get(0)).toLowerCase(Locale.ROOT);
        if (name.contains("$")) {
            sink.opaque("command name made at run time (" + words.get(0) + ")");
            return;
        }
        DestructiveVerbs.reasons(name, words.subList(1, words.size())).forEach(sink::destructive);
        int handOff = words.indexOf("--");
        if (handOff > 0 && handOff + 1 < words.size() && !DestructiveVerbs.isTextTool(name)) {
            CommandPrefixes.Unwrapped handed = CommandPrefixes.unwrap(words.subList(handOff + 1, words.size()));
            handed.scripts().forEach(script -> commands(script, sink, depth + 1, sink.start, sink.end));
            judge(handed.words(), sink, depth + 1);
        }
    }

    /**
     * Text made at run time and run as a script ({@code bash <(curl …)}, {@code bash <<< "$(curl …)"}): a
     * download in it is destructive, other commands opaque. Returns the text itself as a script to read when it
     * is a literal ({@code bash <<< "rm -rf /x"}).
     *
     * @param made what to call the output when no download makes it ("command"), or "" when {@code text} is a
     *             here-string's word rather than a command list
     */
    private static List<String> madeScript(String text, String made, Sink sink) {
        List<SimpleCommand> parsed = ShellScript.parse(text);
        List<SimpleCommand> makers = made.isEmpty() && !parsed.isEmpty() ? parsed.subList(0, parsed.size() - 1) : parsed;
        for (SimpleCommand maker : makers) {
            String tool = maker.words().isEmpty() ? "" : CommandPrefixes.commandName(maker.words().get(0));
            if (DOWNLOADERS.contains(tool)) {
                sink.destructive(tool + " output run as a script");
                return List.of();
            }
        }
        if (!made.isEmpty()) {
            if (!parsed.isEmpty()) {
                sink.opaque(made + " output run as a script");
            }
            return List.of();
        }
        return parsed.isEmpty() ? List.of() : List.of(String.join(" ", parsed.get(parsed.size() - 1).words()));
    }

    /** The script a shell or an interpreter runs: its first operand after the options. */
    private static java.util.Optional<String> scriptOperand(List<String> args) {
        return args.stream().filter(a -> !a.startsWith("-") || a.startsWith("<(")).findFirst()
                .filter(a -> a.startsWith("<("));
    }

    /** Compiled once: every command of every step a library reads meets it. */
    private static final java.util.regex.Pattern VERSIONED_INTERPRETER =
            java.util.regex.Pattern.compile("python[0-9.]*|perl[0-9.]*|ruby[0-9.]*|node[0-9]*");

    private static boolean isInterpreter(String name) {
        return INTERPRETERS.contains(name) || VERSIONED_INTERPRETER.matcher(name).matches();
    }

    /**
     * A shell (or {@code sudo -s}, or an interpreter such as python) given no {@code -c} script and no
     * script file reads its commands from its input.
     */
    private static boolean readsScriptFromInput(SimpleCommand command, String name, CommandPrefixes.Unwrapped unwrapped) {
        if (!unwrapped.scripts().isEmpty()) {
            return false;
        }
        if (name.isEmpty()) {
            return !command.words().isEmpty()
                    && Set.of("sudo", "doas").contains(CommandPrefixes.commandName(command.words().get(0)));
        }
        if (!SHELLS.contains(name) && !isInterpreter(name)) {
            return false;
        }
        List<String> words = unwrapped.words();
        for (int i = 1; i < words.size(); i++) {
            String w = words.get(i);
            if (w.equals("-s") || w.equals("-") || w.equals("--")) {
                return true;
            }
            if (!w.startsWith("-") && !w.startsWith("+")) {
                return false; // bash script.sh, python3 -m json.tool
            }
        }
        return true;
    }

    /** Scripts a command carries in its arguments: eval, knife ssh, ansible -a. */
    private static List<String> innerScripts(String name, List<String> args, Sink sink) {
        switch (name) {
            case "eval" -> {
                String text = String.join(" ", args);
                if (text.contains("$")) {
                    sink.opaque("eval of text made at run time");
                }
                return List.of(text);
            }
            case "knife" -> {
                if (!args.isEmpty() && args.get(0).equals("ssh")) {
                    List<String> operands = new ArrayList<>();
                    for (int i = 1; i < args.size(); i++) {
                        String a = args.get(i);
                        if (a.startsWith("-")) {
                            i += KNIFE_VALUE_OPTIONS.contains(a) ? 1 : 0;
                        } else {
                            operands.add(a);
                        }
                    }
                    return operands.size() > 1 ? List.of(String.join(" ", operands.subList(1, operands.size()))) : List.of();
                }
                return List.of();
            }
            case "ansible", "ansible-console" -> {
                int a = Math.max(args.indexOf("-a"), args.indexOf("--args"));
                return a >= 0 && a + 1 < args.size() ? List.of(args.get(a + 1)) : List.of();
            }
            default -> {
                return List.of();
            }
        }
    }
}
