package dev.baton.step;

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
 * <li>SQL anywhere in the text, quoted or not: {@code DROP TABLE | DATABASE | SCHEMA | INDEX | USER | ROLE | VIEW},
 *     {@code TRUNCATE}, {@code DELETE FROM} or {@code UPDATE … SET} without {@code WHERE},
 *     {@code ALTER TABLE … DROP}, {@code pg_terminate_backend}, {@code pg_drop_replication_slot}</li>
 * </ul>
 */
public final class DestructiveCommandDetector {
    private static final Set<String> SUBCOMMANDS = Set.of(
            "delete", "destroy", "undefine", "purge", "uninstall", "rm", "rmi", "prune");
    private static final Set<String> TEXT_TOOLS = Set.of("echo", "printf", "grep", "egrep", "fgrep", "rg", "ag",
            "cat", "less", "more", "head", "tail", "awk", "sed", "jq", "yq", "man", "which", "type", "wc", "sort", "uniq",
            "tr", "cut", "tee", "column", "diff", "test", "[", "true", "false", ":");
    private static final Set<String> SHELLS = Set.of("sh", "bash", "zsh", "dash", "ksh", "ash", "fish", "sudo");
    private static final Set<String> DOWNLOADERS = Set.of("curl", "wget", "fetch");
    private static final Set<String> KILLERS = Set.of("kill", "pkill", "killall", "skill");
    private static final Set<String> POWER = Set.of("shutdown", "reboot", "halt", "poweroff");
    private static final Set<String> DISK_TOOLS = Set.of("mke2fs", "wipefs", "fdisk", "sfdisk", "parted", "sgdisk",
            "blkdiscard", "mkswap");
    private static final Set<String> REDIS_DESTRUCTIVE = Set.of("flushall", "flushdb", "del", "unlink", "shutdown");
    private static final Pattern BLOCK_DEVICE = Pattern.compile("/dev/(sd|hd|vd|xvd|nvme|mmcblk|dm-|md)\\w*");
    private static final Pattern SYSTEM_DIRECTORY = Pattern.compile("/|/[^/\\s]+/?");

    private static final Pattern SQL_DROP = Pattern.compile(
            "\\bDROP\\s+(TABLE|DATABASE|SCHEMA|INDEX|USER|ROLE|VIEW|MATERIALIZED\\s+VIEW|TABLESPACE|EXTENSION)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SQL_TRUNCATE = Pattern.compile("\\bTRUNCATE\\s+(TABLE\\s+)?[\"A-Za-z_]", Pattern.CASE_INSENSITIVE);
    private static final Pattern SQL_DELETE = Pattern.compile("\\bDELETE\\s+FROM\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern SQL_UPDATE = Pattern.compile("\\bUPDATE\\s+[\"\\w.]+\\s+SET\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern SQL_ALTER_DROP = Pattern.compile("\\bALTER\\s+TABLE\\b[^;]*?\\bDROP\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern SQL_WHERE = Pattern.compile("\\bWHERE\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern SQL_FUNCTIONS = Pattern.compile(
            "\\b(pg_terminate_backend|pg_drop_replication_slot)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern STATEFUL_UNIT = Pattern.compile(
            "(?i).*(postgres|mysql|mariadb|redis|etcd|mongo|kafka|zookeeper|elasticsearch|opensearch|rabbitmq|cassandra|consul|vault).*");

    /** Human-readable reasons, each once, in the order found; empty when the script looks harmless. */
    public List<String> reasons(String script) {
        Set<String> reasons = new LinkedHashSet<>();
        commands(script, reasons, 0);
        sql(script, reasons);
        return List.copyOf(reasons);
    }

    private void commands(String script, Set<String> reasons, int depth) {
        if (depth > 8) {
            return; // nesting this deep is an attack on the reader, not a runbook
        }
        List<SimpleCommand> parsed = ShellScript.parse(script);
        String previous = null;
        for (SimpleCommand command : parsed) {
            CommandPrefixes.Unwrapped unwrapped = CommandPrefixes.unwrap(command.words());
            for (String inner : unwrapped.scripts()) {
                commands(inner, reasons, depth + 1);
            }
            List<String> words = unwrapped.words();
            String name = words.isEmpty() ? "" : CommandPrefixes.commandName(words.get(0)).toLowerCase(Locale.ROOT);
            if (command.pipedFromPrevious() && previous != null && DOWNLOADERS.contains(previous)
                    && (SHELLS.contains(name) || !unwrapped.scripts().isEmpty() || command.words().isEmpty())) {
                reasons.add(previous + " piped to a shell");
            }
            if (!words.isEmpty()) {
                check(name, words.subList(1, words.size()), reasons);
            }
            for (String target : command.redirectTargets()) {
                if (BLOCK_DEVICE.matcher(target).matches()) {
                    reasons.add("writes to block device " + target);
                }
            }
            previous = command.words().isEmpty() ? null
                    : CommandPrefixes.commandName(command.words().get(0)).toLowerCase(Locale.ROOT);
        }
    }

    private void check(String name, List<String> args, Set<String> reasons) {
        if (TEXT_TOOLS.contains(name)) {
            return;
        }
        switch (name) {
            case "rm" -> reasons.add(hasFlag(args, 'r', "--recursive") || hasFlag(args, 'R', "--recursive") ? "rm -r"
                    : hasFlag(args, 'f', "--force") ? "rm -f" : "rm");
            case "shred", "unlink", "truncate", "dropdb", "dropuser", "pg_dropcluster" -> reasons.add(name);
            case "find" -> {
                if (args.contains("-delete")) {
                    reasons.add("find -delete");
                }
                int exec = Math.max(args.indexOf("-exec"), args.indexOf("-execdir"));
                if (exec >= 0 && exec + 1 < args.size()) {
                    check(CommandPrefixes.commandName(args.get(exec + 1)), args.subList(exec + 2, args.size()), reasons);
                }
            }
            case "kubectl", "oc" -> kubectl(name, args, reasons);
            case "helm" -> {
                if (firstOperand(args).matches("uninstall|delete|del|un")) {
                    reasons.add("helm uninstall");
                }
            }
            case "dd" -> {
                if (args.stream().anyMatch(a -> a.startsWith("of="))) {
                    reasons.add("dd");
                }
            }
            case "iptables", "ip6tables", "iptables-legacy", "iptables-nft", "ip6tables-legacy" -> {
                if (args.stream().anyMatch(a -> a.equals("--flush") || a.equals("--delete-chain")
                        || a.matches("-[A-Za-z]*[FX][A-Za-z]*"))) {
                    reasons.add(name + " flush");
                } else if (args.contains("-D") || args.contains("--delete")) {
                    reasons.add(name + " delete rule");
                }
            }
            case "nft" -> {
                if (firstOperand(args).matches("flush|delete")) {
                    reasons.add("nft " + firstOperand(args));
                }
            }
            case "systemctl" -> {
                String verb = firstOperand(args);
                if (verb.matches("poweroff|reboot|halt|kexec|kill|stop|mask")) {
                    reasons.add("systemctl " + verb);
                } else if (verb.equals("restart") && args.stream().anyMatch(a -> STATEFUL_UNIT.matcher(a).matches())) {
                    reasons.add("systemctl restart of a stateful service");
                }
            }
            case "init", "telinit" -> {
                if (args.contains("0") || args.contains("6")) {
                    reasons.add(name + " " + (args.contains("0") ? "0" : "6"));
                }
            }
            case "terraform", "tofu" -> {
                String verb = firstOperand(args);
                if (verb.equals("destroy") || verb.equals("apply") && args.contains("-destroy")) {
                    reasons.add(name + " destroy");
                }
            }
            case "git" -> git(args, reasons);
            case "chmod", "chown", "chgrp" -> {
                if (hasFlag(args, 'R', "--recursive")
                        && args.stream().anyMatch(a -> SYSTEM_DIRECTORY.matcher(a).matches())) {
                    reasons.add(name + " -R on a system directory");
                }
            }
            case "redis-cli" -> args.stream().map(a -> a.toLowerCase(Locale.ROOT)).filter(REDIS_DESTRUCTIVE::contains)
                    .findFirst().ifPresent(verb -> reasons.add("redis-cli " + verb.toUpperCase(Locale.ROOT)));
            default -> {
                if (KILLERS.contains(name) || POWER.contains(name)) {
                    reasons.add(name);
                } else if (name.startsWith("mkfs") || DISK_TOOLS.contains(name)) {
                    reasons.add(name.startsWith("mkfs") ? "mkfs" : name);
                } else {
                    subcommand(name, args, reasons);
                }
            }
        }
        if (!TEXT_TOOLS.contains(name)) {
            if (args.stream().anyMatch(a -> a.equals("--force") || a.startsWith("--force=") && !a.endsWith("=false"))) {
                reasons.add("--force");
            }
            int grace = args.indexOf("--grace-period");
            if (args.contains("--grace-period=0") || grace >= 0 && grace + 1 < args.size() && args.get(grace + 1).equals("0")) {
                reasons.add("--grace-period=0");
            }
        }
    }

    private static void kubectl(String name, List<String> args, Set<String> reasons) {
        String verb = firstOperand(args);
        switch (verb) {
            case "delete", "drain" -> reasons.add(name + " " + verb);
            case "replace" -> {
                if (args.contains("--force")) {
                    reasons.add(name + " replace --force");
                }
            }
            case "scale" -> {
                int replicas = args.indexOf("--replicas");
                if (args.contains("--replicas=0") || replicas >= 0 && replicas + 1 < args.size()
                        && args.get(replicas + 1).equals("0")) {
                    reasons.add(name + " scale --replicas=0");
                }
            }
            default -> {
                // get, describe, logs, rollout restart… are not destructive.
            }
        }
    }

    private static void git(List<String> args, Set<String> reasons) {
        String verb = firstOperand(args);
        switch (verb) {
            case "push" -> {
                if (args.stream().anyMatch(a -> a.equals("-f") || a.startsWith("--force") || a.startsWith("+"))) {
                    reasons.add("git push --force");
                }
            }
            case "reset" -> {
                if (args.contains("--hard")) {
                    reasons.add("git reset --hard");
                }
            }
            case "clean" -> {
                if (hasFlag(args, 'f', "--force")) {
                    reasons.add("git clean -f");
                }
            }
            case "branch" -> {
                if (args.contains("-D")) {
                    reasons.add("git branch -D");
                }
            }
            default -> {
            }
        }
    }

    /** {@code aws s3 rm}, {@code docker system prune}, {@code gcloud compute instances delete}, {@code virsh destroy}. */
    private static void subcommand(String name, List<String> args, Set<String> reasons) {
        int operands = 0;
        StringBuilder path = new StringBuilder(name);
        for (String arg : args) {
            if (arg.startsWith("-")) {
                continue;
            }
            path.append(' ').append(arg);
            if (SUBCOMMANDS.contains(arg.toLowerCase(Locale.ROOT))) {
                reasons.add(path.toString());
                return;
            }
            if (++operands == 3) {
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
            if (arg.matches("-n|-c|--namespace|--context|--kubeconfig|-s|--server|-C|--chdir")) {
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

    private static void sql(String script, Set<String> reasons) {
        Matcher drop = SQL_DROP.matcher(script);
        while (drop.find()) {
            reasons.add("SQL DROP " + drop.group(1).toUpperCase(Locale.ROOT).replaceAll("\\s+", " "));
        }
        if (SQL_TRUNCATE.matcher(script).find()) {
            reasons.add("SQL TRUNCATE");
        }
        withoutWhere(SQL_DELETE, script, "SQL DELETE without WHERE", reasons);
        withoutWhere(SQL_UPDATE, script, "SQL UPDATE without WHERE", reasons);
        if (SQL_ALTER_DROP.matcher(script).find()) {
            reasons.add("SQL ALTER TABLE … DROP");
        }
        Matcher function = SQL_FUNCTIONS.matcher(script);
        while (function.find()) {
            reasons.add(function.group(1).toLowerCase(Locale.ROOT));
        }
    }

    /** The statement runs from the keyword to the next semicolon, double quote (psql -c "…") or end of text. */
    private static void withoutWhere(Pattern statement, String script, String reason, Set<String> reasons) {
        Matcher m = statement.matcher(script);
        while (m.find()) {
            int end = m.end();
            while (end < script.length() && ";\"".indexOf(script.charAt(end)) < 0) {
                end++;
            }
            if (!SQL_WHERE.matcher(script.substring(m.end(), end)).find()) {
                reasons.add(reason);
                return;
            }
        }
    }
}
