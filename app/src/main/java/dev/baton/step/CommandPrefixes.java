package dev.baton.step;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Commands that run another command given in their arguments ({@code sudo rm …}, {@code xargs redis-cli del},
 * {@code bash -c "…"}, {@code kubectl exec … -- …}): finds the command that really runs.
 */
final class CommandPrefixes {
    // Compiled once: these run for every word, step, link or hit.
    private static final java.util.regex.Pattern ASSIGNMENT = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*");

    /** Wrappers followed directly by the command, with the options of each that take a value. */
    private static final Map<String, Set<String>> WRAPPERS = Map.ofEntries(
            Map.entry("sudo", Set.of("-u", "-g", "-p", "-C", "-D", "-r", "-t", "-U", "-h", "-T", "-R")),
            Map.entry("doas", Set.of("-u", "-C")),
            Map.entry("env", Set.of("-u", "-C", "-S", "--unset", "--chdir")),
            Map.entry("nice", Set.of("-n", "--adjustment")),
            Map.entry("ionice", Set.of("-c", "-n", "-p", "-P", "-u")),
            Map.entry("nohup", Set.of()),
            Map.entry("command", Set.of()),
            Map.entry("builtin", Set.of()),
            Map.entry("exec", Set.of("-a")),
            Map.entry("time", Set.of("-f", "-o")),
            Map.entry("stdbuf", Set.of("-i", "-o", "-e")),
            Map.entry("setsid", Set.of()),
            Map.entry("busybox", Set.of()),
            Map.entry("chronic", Set.of()),
            Map.entry("caffeinate", Set.of()),
            Map.entry("xargs", Set.of("-n", "-I", "-i", "-P", "-L", "-l", "-d", "-a", "-E", "-e", "-s",
                    "--max-args", "--replace", "--max-procs", "--max-lines", "--delimiter", "--arg-file",
                    "--eof", "--max-chars")),
            Map.entry("timeout", Set.of("-s", "-k", "--signal", "--kill-after")));
    private static final Set<String> SHELLS = Set.of("sh", "bash", "zsh", "dash", "ksh", "ash", "fish");
    private static final Set<String> SSH_VALUE_OPTIONS = Set.of("-p", "-i", "-l", "-o", "-J", "-F", "-L", "-R",
            "-D", "-W", "-b", "-c", "-E", "-e", "-I", "-m", "-O", "-Q", "-S", "-w", "-B");
    private static final Set<String> DOCKER_EXEC_VALUE_OPTIONS = Set.of("-u", "--user", "-e", "--env", "-w",
            "--workdir", "--env-file", "--detach-keys");

    private CommandPrefixes() {
    }

    /** What the command runs in its place or inside itself: inner scripts to read, or the unwrapped words. */
    record Unwrapped(List<String> words, List<String> scripts) {}

    static Unwrapped unwrap(List<String> original) {
        List<String> words = original;
        while (true) {
            words = dropAssignments(words);
            if (words.isEmpty()) {
                return new Unwrapped(words, List.of());
            }
            String name = commandName(words.get(0));
            if (WRAPPERS.containsKey(name)) {
                words = afterOptions(words, 1, WRAPPERS.get(name));
                if (name.equals("timeout") && !words.isEmpty()) {
                    words = words.subList(1, words.size()); // the duration
                }
                continue;
            }
            if (name.equals("watch")) {
                List<String> rest = afterOptions(words, 1, Set.of("-n", "--interval", "-q", "--equexit"));
                return new Unwrapped(List.of(), List.of(String.join(" ", rest)));
            }
            if (SHELLS.contains(name)) {
                String script = shellScript(words);
                return script == null ? new Unwrapped(words, List.of()) : new Unwrapped(List.of(), List.of(script));
            }
            if (name.equals("ssh")) {
                List<String> rest = afterOptions(words, 1, SSH_VALUE_OPTIONS);
                return rest.size() > 1
                        ? new Unwrapped(List.of(), List.of(String.join(" ", rest.subList(1, rest.size()))))
                        : new Unwrapped(words, List.of());
            }
            int dashDash = words.indexOf("--");
            if ((name.equals("kubectl") || name.equals("oc")) && words.contains("exec") && dashDash > 0) {
                words = words.subList(dashDash + 1, words.size());
                continue;
            }
            if ((name.equals("docker") || name.equals("podman")) && words.size() > 2 && words.get(1).equals("exec")) {
                List<String> rest = afterOptions(words, 2, DOCKER_EXEC_VALUE_OPTIONS);
                words = rest.size() > 1 ? rest.subList(1, rest.size()) : List.of();
                continue;
            }
            return new Unwrapped(words, List.of());
        }
    }

    /** The base name: {@code /usr/bin/rm} and {@code rm} are the same command. */
    static String commandName(String word) {
        return word.substring(word.lastIndexOf('/') + 1);
    }

    private static List<String> dropAssignments(List<String> words) {
        int i = 0;
        while (i < words.size() && ASSIGNMENT.matcher(words.get(i)).matches()) {
            i++;
        }
        return words.subList(i, words.size());
    }

    private static List<String> afterOptions(List<String> words, int from, Set<String> takingValue) {
        int i = from;
        while (i < words.size()) {
            String w = words.get(i);
            if (w.equals("--")) {
                i++;
                break;
            }
            if (!w.startsWith("-") || w.equals("-")) {
                break;
            }
            i += takingValue.contains(w) ? 2 : 1;
        }
        return words.subList(Math.min(i, words.size()), words.size());
    }

    /** The script of {@code bash -c '…'}, {@code sh -ec '…'}; null when the shell reads a file or stdin. */
    private static String shellScript(List<String> words) {
        for (int i = 1; i < words.size(); i++) {
            String w = words.get(i);
            if (w.startsWith("-") && !w.startsWith("--") && w.indexOf('c') > 0) {
                return i + 1 < words.size() ? words.get(i + 1) : null;
            }
            if (!w.startsWith("-")) {
                return null;
            }
        }
        return null;
    }
}
