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
 * {@code nohup}, {@code bash -c "…"}, {@code kubectl exec … --}, {@code ssh host …}, {@code watch}) are
 * looked through. A quoted argument ({@code echo "rm -rf /"}) is not a command.
 *
 * <p>The list, each with the reason shown to the responder:
 * <ul>
 * <li>{@code rm} (any flags; "rm -r" / "rm -f" when recursive or forced), {@code shred}, {@code unlink},
 *     {@code find … -delete} or {@code -exec rm}</li>
 * <li>{@code kubectl delete | drain}, {@code kubectl replace --force}, {@code kubectl scale --replicas=0},
 *     {@code helm uninstall | delete}</li>
 * <li>any {@code --force} flag; {@code --grace-period=0}</li>
 * <li>a {@code delete | destroy | undefine | purge | uninstall | rm | rmi | prune} subcommand of any CLI
 *     ({@code docker rm}, {@code docker system prune}, {@code aws s3 rm}, {@code virsh destroy}, …)</li>
 * <li>{@code truncate}; {@code dd of=…}; {@code mkfs*}, {@code mke2fs}, {@code wipefs}, {@code fdisk},
 *     {@code sfdisk}, {@code parted}, {@code sgdisk}, {@code blkdiscard}; a redirection into a block device</li>
 * <li>{@code iptables} / {@code ip6tables} {@code -F | --flush | -X | --delete-chain | -D | --delete},
 *     {@code nft flush | delete}</li>
 * <li>{@code kill}, {@code pkill}, {@code killall}; {@code shutdown}, {@code reboot}, {@code halt},
 *     {@code poweroff}, {@code systemctl poweroff | reboot | halt | kexec | kill | stop | mask},
 *     {@code systemctl restart} of a database, queue or consensus service, {@code init 0 | 6}</li>
 * <li>{@code terraform | tofu destroy}, {@code terraform apply -destroy}</li>
 * <li>{@code git push --force | -f | +ref}, {@code git reset --hard}, {@code git clean -f}, {@code git branch -D}</li>
 * <li>{@code chmod | chown | chgrp -R} on {@code /} or a top-level directory</li>
 * <li>{@code redis-cli … FLUSHALL | FLUSHDB | DEL | UNLINK | SHUTDOWN}; {@code dropdb}, {@code dropuser},
 *     {@code pg_dropcluster}</li>
 * <li>a download ({@code curl}, {@code wget}) piped into a shell</li>
 * <li>a write ({@code >}, {@code >>}, {@code tee}, {@code cp}, {@code mv}, {@code install}) onto a system path
 *     ({@code /etc}, {@code /boot}, {@code /usr}, {@code /bin}, {@code /lib}, {@code /var/lib}, {@code /root},
 *     a device other than {@code /dev/null}), {@code mv} of a system path; a fork bomb</li>
 * <li>{@code aws … delete-* | terminate-*}, {@code az … delete | stop | deallocate}, any CLI's {@code stop},
 *     {@code kill}, {@code shutdown} or {@code drop} subcommand; {@code oc adm drain};
 *     {@code journalctl --vacuum-*}; {@code crontab -r}; {@code rsync --delete}; {@code tmpwatch},
 *     {@code tmpreaper}, {@code logrotate -f}; a package manager's {@code remove | autoremove | erase | purge}</li>
 * <li>SQL anywhere in the text, quoted or not: {@code DROP TABLE | DATABASE | SCHEMA | INDEX | USER | ROLE | VIEW},
 *     {@code TRUNCATE}, {@code DELETE FROM} or {@code UPDATE … SET} without {@code WHERE},
 *     {@code ALTER TABLE … DROP}, {@code PURGE BINARY LOGS}, {@code pg_terminate_backend},
 *     {@code pg_drop_replication_slot}</li>
 * </ul>
 */
public final class DestructiveCommandDetector {
    // Compiled once: these run for every word, step, link or hit.
    private static final java.util.regex.Pattern HELM_REMOVE = java.util.regex.Pattern.compile("uninstall|delete|del|un");
    private static final java.util.regex.Pattern IPTABLES_FLUSH = java.util.regex.Pattern.compile("-[A-Za-z]*[FX][A-Za-z]*");
    private static final java.util.regex.Pattern NFT_REMOVE = java.util.regex.Pattern.compile("flush|delete");
    private static final java.util.regex.Pattern SYSTEMCTL_STOP = java.util.regex.Pattern.compile("poweroff|reboot|halt|kexec|kill|stop|mask|isolate|rescue|emergency");
    private static final java.util.regex.Pattern DRAIN_OR_PRUNE = java.util.regex.Pattern.compile("drain|prune");
    private static final java.util.regex.Pattern GLOBAL_OPTION = java.util.regex.Pattern.compile("-n|-c|--namespace|--context|--kubeconfig|-s|--server|-C|--chdir");

    /** One reason to stop and look, and where in the text it stands ({@code start} to {@code end}). */
    public record Finding(StepWarning.Kind kind, String reason, int start, int end) {}

    private static final Set<String> SUBCOMMANDS = Set.of(
            "delete", "destroy", "undefine", "purge", "uninstall", "rm", "rmi", "prune", "rb", "terminate",
            "deallocate", "stop", "kill", "shutdown", "drop", "wipe", "del");
    /** Package managers, whose {@code remove} takes software off the machine. */
    private static final Set<String> PACKAGE_MANAGERS = Set.of("apt", "apt-get", "aptitude", "yum", "dnf", "zypper",
            "snap", "apk", "pacman");
    private static final Set<String> PACKAGE_REMOVAL = Set.of("remove", "autoremove", "erase", "purge", "del");
    private static final Pattern SUBCOMMAND_PREFIX = Pattern.compile("(delete|terminate|destroy|purge|deregister|drop)-.*");
    private static final Set<String> TEXT_TOOLS = Set.of("echo", "printf", "grep", "egrep", "fgrep", "rg", "ag",
            "cat", "less", "more", "head", "tail", "awk", "sed", "jq", "yq", "man", "which", "type", "wc", "sort", "uniq",
            "tr", "cut", "column", "diff", "test", "[", "true", "false", ":");
    private static final Set<String> SHELLS = Set.of("sh", "bash", "zsh", "dash", "ksh", "ash", "fish", "sudo");
    private static final Set<String> INTERPRETERS = Set.of("python", "python2", "python3", "perl", "ruby", "node",
            "php", "lua", "tclsh");
    private static final Set<String> DOWNLOADERS = Set.of("curl", "wget", "fetch");
    private static final Set<String> DECODERS = Set.of("base64", "base32", "xxd", "openssl", "gunzip", "zcat", "gzip",
            "bzip2", "xz", "uudecode", "rev", "tr");
    private static final Set<String> KILLERS = Set.of("kill", "pkill", "killall", "skill");
    private static final Set<String> POWER = Set.of("shutdown", "reboot", "halt", "poweroff");
    private static final Set<String> DISK_TOOLS = Set.of("mke2fs", "wipefs", "fdisk", "sfdisk", "parted", "sgdisk",
            "blkdiscard", "mkswap");
    private static final Set<String> REDIS_DESTRUCTIVE = Set.of("flushall", "flushdb", "del", "unlink", "shutdown");
    private static final Pattern BLOCK_DEVICE = Pattern.compile("/dev/(sd|hd|vd|xvd|nvme|mmcblk|dm-|md)\\w*");
    private static final Pattern SYSTEM_DIRECTORY = Pattern.compile("/|/[^/\\s]+/?");
    /** Where a stray write breaks the machine; /dev/null, the standard streams and terminals are fine. */
    private static final Pattern SYSTEM_PATH = Pattern.compile(
            "/+(etc|boot|bin|sbin|lib|lib32|lib64|libx32|usr(?!/local)|root|var/lib|proc/sysrq-trigger)(/.*)?"
                    + "|/+dev/(?!null$|zero$|stdout$|stderr$|stdin$|tty|pts/|fd/|shm/).+|/+");
    private static final Pattern FORK_BOMB = Pattern.compile("([\\w:.]+)\\s*\\(\\s*\\)\\s*\\{[^}]*\\1\\s*\\|\\s*\\1\\s*&");
    private static final Set<String> KNIFE_VALUE_OPTIONS = Set.of("-x", "--ssh-user", "-a", "--attribute", "-C",
            "--concurrency", "-i", "--ssh-identity-file", "-p", "--ssh-port", "-P", "--ssh-password", "-G",
            "--ssh-gateway", "-E", "--environment", "-c", "--config");

    private static final Pattern STATEFUL_UNIT = Pattern.compile(
            "(?i).*(postgres|mysql|mariadb|redis|etcd|mongo|kafka|zookeeper|elasticsearch|opensearch|rabbitmq|cassandra|consul|vault).*");

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
                    check(name, args, sink);
                }
            }
            for (String target : command.writeTargets()) {
                if (BLOCK_DEVICE.matcher(target).matches()) {
                    sink.destructive("writes to block device " + target);
                } else if (SYSTEM_PATH.matcher(target).matches()) {
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

    private void check(String name, List<String> args, Sink sink) {
        if (name.equals("tee")) {
            args.stream().filter(a -> !a.startsWith("-")).filter(DestructiveCommandDetector::isSystemPath).findFirst()
                    .ifPresent(path -> sink.destructive("tee onto " + path));
            return;
        }
        if (TEXT_TOOLS.contains(name)) {
            return;
        }
        switch (name) {
            case "rm" -> sink.destructive(hasFlag(args, 'r', "--recursive") || hasFlag(args, 'R', "--recursive") ? "rm -r"
                    : hasFlag(args, 'f', "--force") ? "rm -f" : "rm");
            case "shred", "unlink", "truncate", "dropdb", "dropuser", "pg_dropcluster" -> sink.destructive(name);
            case "find" -> {
                if (args.contains("-delete")) {
                    sink.destructive("find -delete");
                }
                int exec = Math.max(args.indexOf("-exec"), args.indexOf("-execdir"));
                if (exec >= 0 && exec + 1 < args.size()) {
                    check(CommandPrefixes.commandName(args.get(exec + 1)), args.subList(exec + 2, args.size()), sink);
                }
            }
            case "mv" -> operands(args).stream().filter(DestructiveCommandDetector::isSystemPath).findFirst()
                    .ifPresent(path -> sink.destructive("mv of system path " + path));
            case "cp", "install", "ln", "rsync" -> {
                List<String> operands = operands(args);
                int t = args.indexOf("-t");
                String target = t >= 0 && t + 1 < args.size() ? args.get(t + 1)
                        : operands.size() > 1 ? operands.get(operands.size() - 1) : "";
                if (isSystemPath(target)) {
                    sink.destructive(name + " onto " + target);
                }
                if (name.equals("rsync") && args.stream().anyMatch(a -> a.startsWith("--delete"))) {
                    sink.destructive("rsync --delete");
                }
            }
            case "kubectl", "oc" -> kubectl(name, args, sink);
            case "helm" -> {
                if (HELM_REMOVE.matcher(firstOperand(args)).matches()) {
                    sink.destructive("helm uninstall");
                }
            }
            case "dd" -> {
                if (args.stream().anyMatch(a -> a.startsWith("of="))) {
                    sink.destructive("dd");
                }
            }
            case "iptables", "ip6tables", "iptables-legacy", "iptables-nft", "ip6tables-legacy" -> {
                if (args.stream().anyMatch(a -> a.equals("--flush") || a.equals("--delete-chain")
                        || IPTABLES_FLUSH.matcher(a).matches())) {
                    sink.destructive(name + " flush");
                } else if (args.contains("-D") || args.contains("--delete")) {
                    sink.destructive(name + " delete rule");
                }
            }
            case "nft" -> {
                if (NFT_REMOVE.matcher(firstOperand(args)).matches()) {
                    sink.destructive("nft " + firstOperand(args));
                }
            }
            case "systemctl" -> {
                String verb = firstOperand(args);
                if (SYSTEMCTL_STOP.matcher(verb).matches()) {
                    sink.destructive("systemctl " + verb);
                } else if (verb.equals("restart") && args.stream().anyMatch(a -> STATEFUL_UNIT.matcher(a).matches())) {
                    sink.destructive("systemctl restart of a stateful service");
                } else if (verb.equals("disable") && args.contains("--now")) {
                    sink.destructive("systemctl disable --now");
                }
            }
            case "journalctl" -> {
                if (args.stream().anyMatch(a -> a.startsWith("--vacuum-"))) {
                    sink.destructive("journalctl --vacuum");
                }
            }
            case "tmpwatch", "tmpreaper" -> sink.destructive(name);
            case "logrotate" -> {
                if (args.contains("-f")) {
                    sink.destructive("logrotate -f");
                }
            }
            case "crontab" -> {
                if (args.contains("-r")) {
                    sink.destructive("crontab -r");
                }
            }
            case "init", "telinit" -> {
                if (args.contains("0") || args.contains("6")) {
                    sink.destructive(name + " " + (args.contains("0") ? "0" : "6"));
                }
            }
            case "terraform", "tofu" -> {
                String verb = firstOperand(args);
                List<String> operands = operands(args);
                if (verb.equals("destroy") || verb.equals("apply") && args.contains("-destroy")) {
                    sink.destructive(name + " destroy");
                } else if (operands.size() > 1 && (verb.equals("state") && operands.get(1).equals("rm")
                        || verb.equals("workspace") && operands.get(1).equals("delete"))) {
                    sink.destructive(name + " " + verb + " " + operands.get(1));
                }
            }
            case "git" -> git(args, sink);
            case "chmod", "chown", "chgrp" -> {
                if (hasFlag(args, 'R', "--recursive")
                        && args.stream().anyMatch(a -> SYSTEM_DIRECTORY.matcher(a).matches())) {
                    sink.destructive(name + " -R on a system directory");
                }
            }
            case "redis-cli" -> args.stream().map(a -> a.toLowerCase(Locale.ROOT)).filter(REDIS_DESTRUCTIVE::contains)
                    .findFirst().ifPresent(verb -> sink.destructive("redis-cli " + verb.toUpperCase(Locale.ROOT)));
            case "docker", "podman", "docker-compose" -> {
                List<String> operands = operands(args);
                boolean down = name.equals("docker-compose") ? firstOperand(args).equals("down")
                        : operands.size() > 1 && operands.get(0).equals("compose") && operands.get(1).equals("down");
                if (down && (hasFlag(args, 'v', "--volumes") || args.contains("--volumes"))) {
                    sink.destructive(name + (name.equals("docker-compose") ? "" : " compose") + " down --volumes");
                } else {
                    subcommand(name, args, sink);
                }
            }
            default -> {
                if (PACKAGE_MANAGERS.contains(name) && PACKAGE_REMOVAL.contains(firstOperand(args))) {
                    sink.destructive(name + " " + firstOperand(args));
                } else if (KILLERS.contains(name) || POWER.contains(name)) {
                    sink.destructive(name);
                } else if (name.startsWith("mkfs") || DISK_TOOLS.contains(name)) {
                    sink.destructive(name.startsWith("mkfs") ? "mkfs" : name);
                } else {
                    subcommand(name, args, sink);
                }
            }
        }
        if (args.stream().anyMatch(a -> a.equals("--force") || a.startsWith("--force=") && !a.endsWith("=false"))) {
            sink.destructive("--force");
        }
        int grace = args.indexOf("--grace-period");
        if (args.contains("--grace-period=0") || grace >= 0 && grace + 1 < args.size() && args.get(grace + 1).equals("0")) {
            sink.destructive("--grace-period=0");
        }
    }

    private static boolean isSystemPath(String path) {
        return SYSTEM_PATH.matcher(path).matches();
    }

    private static List<String> operands(List<String> args) {
        return args.stream().filter(a -> !a.startsWith("-")).toList();
    }

    private static void kubectl(String name, List<String> args, Sink sink) {
        String verb = firstOperand(args);
        switch (verb) {
            case "delete", "drain" -> sink.destructive(name + " " + verb);
            case "adm" -> {
                List<String> operands = operands(args);
                if (operands.size() > 1 && DRAIN_OR_PRUNE.matcher(operands.get(1)).matches()) {
                    sink.destructive(name + " adm " + operands.get(1));
                }
            }
            case "replace" -> {
                if (args.contains("--force")) {
                    sink.destructive(name + " replace --force");
                }
            }
            case "scale" -> {
                int replicas = args.indexOf("--replicas");
                if (args.contains("--replicas=0") || replicas >= 0 && replicas + 1 < args.size()
                        && args.get(replicas + 1).equals("0")) {
                    sink.destructive(name + " scale --replicas=0");
                }
            }
            default -> {
                // get, describe, logs, rollout restart… are not destructive.
            }
        }
    }

    private static void git(List<String> args, Sink sink) {
        String verb = firstOperand(args);
        switch (verb) {
            case "push" -> {
                if (args.stream().anyMatch(a -> a.equals("-f") || a.startsWith("--force") || a.startsWith("+")
                        || a.equals("--delete") || a.equals("-d"))) {
                    sink.destructive(args.contains("--delete") || args.contains("-d") ? "git push --delete" : "git push --force");
                }
            }
            case "reset" -> {
                if (args.contains("--hard")) {
                    sink.destructive("git reset --hard");
                }
            }
            case "clean" -> {
                if (hasFlag(args, 'f', "--force")) {
                    sink.destructive("git clean -f");
                }
            }
            case "branch" -> {
                if (args.contains("-D")) {
                    sink.destructive("git branch -D");
                }
            }
            default -> {
            }
        }
    }

    /**
     * {@code aws s3 rm}, {@code aws ec2 terminate-instances}, {@code docker system prune},
     * {@code gcloud compute instances delete}, {@code az vm deallocate}, {@code virsh destroy}.
     */
    private static void subcommand(String name, List<String> args, Sink sink) {
        int operands = 0;
        StringBuilder path = new StringBuilder(name);
        for (String arg : args) {
            if (arg.startsWith("-")) {
                continue;
            }
            path.append(' ').append(arg);
            String lower = arg.toLowerCase(Locale.ROOT);
            if (SUBCOMMANDS.contains(lower) || SUBCOMMAND_PREFIX.matcher(lower).matches()) {
                sink.destructive(path.toString());
                return;
            }
            if (++operands == 4) {
                return;
            }
        }
    }

    private static String firstOperand(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("-")) {
                return arg.toLowerCase(Locale.ROOT);
            }
            if (GLOBAL_OPTION.matcher(arg).matches()) {
                i++; // a global option's value is not the subcommand
            }
        }
        return "";
    }

    /** A short flag, alone or combined ({@code -rf}), or its long form. */
    private static boolean hasFlag(List<String> args, char flag, String longForm) {
        return args.stream().anyMatch(a -> a.equals(longForm)
                || a.startsWith("-") && !a.startsWith("--") && a.indexOf(flag) > 0);
    }
}
