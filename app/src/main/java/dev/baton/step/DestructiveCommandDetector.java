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
            for (String script1 : inner) {
                commands(script1, sink, depth + 1, start, end);
                sink.at(start, end);
            }
            if (!words.isEmpty()) {
                if (CommandPrefixes.commandName(words.get(0)).contains("$")) {
                    sink.opaque("command name made at run time (" + words.get(0) + ")");
                } else {
                    DestructiveVerbs.reasons(name, args).forEach(sink::destructive);
                }
            }
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
        if (!SHELLS.contains(name) && !INTERPRETERS.contains(name)) {
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
