package dev.baton.step;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What makes each tool destroy data, stop a service or do what cannot be undone, held as a table: tool → the
 * verbs, flags or targets that make it so. The reason shown to the responder is the tool's name followed by the
 * words that made it destructive ({@code kubectl delete}, {@code git push --force}, {@code rm -r}). A tool the
 * table does not name is read by its subcommands ({@code aws s3 rm}, {@code gcloud compute instances delete},
 * {@code virsh destroy}). How a command is found in a script (sudo, bash -c, pipes) is
 * {@link DestructiveCommandDetector}'s business; this class only reads one command's words.
 */
final class DestructiveVerbs {
    /**
     * What in a tool's arguments makes it destructive: for each, the words to show after the tool's name
     * ("" for the tool alone); none when the command is harmless.
     */
    @FunctionalInterface
    private interface Rule {
        List<String> reasons(List<String> args);
    }

    private static final Rule ALWAYS = args -> List.of("");

    /** A subcommand (at any of the first four operands) that removes or stops what it names. */
    private static final Set<String> REMOVING_SUBCOMMANDS = Set.of(
            "delete", "destroy", "undefine", "purge", "uninstall", "rm", "rmi", "prune", "rb", "terminate",
            "deallocate", "stop", "kill", "shutdown", "drop", "wipe", "del", "remove", "rmp");
    private static final Pattern REMOVING_SUBCOMMAND_PREFIX = Pattern.compile("(delete|terminate|destroy|purge|deregister|drop)-.*");
    /** Options of kubectl, oc, systemctl, terraform… whose value stands before the subcommand. */
    private static final Pattern GLOBAL_OPTION = Pattern.compile("-n|-c|--namespace|--context|--kubeconfig|-s|--server|-C|--chdir");
    private static final Pattern IPTABLES_FLUSH = Pattern.compile("-[A-Za-z]*[FX][A-Za-z]*");
    private static final Pattern STATEFUL_UNIT = Pattern.compile(
            "(?i).*(postgres|mysql|mariadb|redis|etcd|mongo|kafka|zookeeper|elasticsearch|opensearch|rabbitmq|cassandra|consul|vault).*");
    private static final Set<String> REDIS_DESTRUCTIVE = Set.of("flushall", "flushdb", "del", "unlink", "shutdown");
    /** They print, search or compare text: "rm -rf" among their arguments is a word, not a command. */
    private static final Set<String> TEXT_TOOLS = Set.of("echo", "printf", "grep", "egrep", "fgrep", "rg", "ag",
            "cat", "less", "more", "head", "tail", "awk", "sed", "jq", "yq", "man", "which", "type", "wc", "sort", "uniq",
            "tr", "cut", "column", "diff", "test", "[", "true", "false", ":");
    /** SQL typed as a command ({@code GRANT UPDATE, DELETE ON …}): its words are privileges, not verbs. */
    private static final Set<String> SQL_KEYWORDS = Set.of("grant", "revoke", "select", "create", "insert", "comment",
            "show", "explain", "with", "begin", "commit", "values", "analyze", "vacuum");
    /** systemctl's verbs that restart a unit: the service is down for a while and drops what it was doing. */
    private static final Set<String> RESTARTS = Set.of("restart", "try-restart", "reload-or-restart",
            "try-reload-or-restart", "condrestart", "force-reload");

    private static final Rule SUBCOMMANDS = DestructiveVerbs::removingSubcommand;
    private static final Rule KUBECTL = byVerb(Map.of(
            "delete", ALWAYS,
            "drain", ALWAYS,
            "adm", firstOf(secondOperand("drain"), secondOperand("prune")),
            "replace", withArg("--force"),
            "scale", when(args -> hasValue(args, "--replicas", "0"), "--replicas=0"),
            "rollout", firstOf(afterVerb("restart"), afterVerb("undo"))));
    private static final Rule IPTABLES = firstOf(
            when(args -> args.stream().anyMatch(a -> a.equals("--flush") || a.equals("--delete-chain")
                    || IPTABLES_FLUSH.matcher(a).matches()), "flush"),
            when(args -> args.contains("-D") || args.contains("--delete"), "delete rule"));
    /** terraform and tofu; {@code apply -destroy} destroys as {@code destroy} does. */
    private static final Rule TERRAFORM = firstOf(
            when(args -> firstOperand(args).equals("destroy")
                    || firstOperand(args).equals("apply") && args.contains("-destroy"), "destroy"),
            byVerb(Map.of("state", secondOperand("rm"), "workspace", secondOperand("delete"))));
    private static final Rule DOCKER = firstOf(
            when(args -> operands(args).size() > 1 && operands(args).get(0).equals("compose")
                    && operands(args).get(1).equals("down") && hasFlag(args, 'v', "--volumes"), "compose down --volumes"),
            SUBCOMMANDS);
    /** A package manager's removal takes software off the machine. */
    private static final Rule PACKAGE_MANAGER = firstOf(verbs("remove", "autoremove", "erase", "purge", "del"), SUBCOMMANDS);

    private static final Map<String, Rule> TOOLS = Map.ofEntries(
            Map.entry("rm", firstOf(
                    when(args -> hasFlag(args, 'r', "--recursive") || hasFlag(args, 'R', "--recursive"), "-r"),
                    when(args -> hasFlag(args, 'f', "--force"), "-f"),
                    ALWAYS)),
            Map.entry("shred", ALWAYS), Map.entry("unlink", ALWAYS), Map.entry("truncate", ALWAYS),
            Map.entry("dropdb", ALWAYS), Map.entry("dropuser", ALWAYS), Map.entry("pg_dropcluster", ALWAYS),
            Map.entry("tmpwatch", ALWAYS), Map.entry("tmpreaper", ALWAYS),
            Map.entry("kill", ALWAYS), Map.entry("pkill", ALWAYS), Map.entry("killall", ALWAYS), Map.entry("skill", ALWAYS),
            Map.entry("shutdown", ALWAYS), Map.entry("reboot", ALWAYS), Map.entry("halt", ALWAYS),
            Map.entry("poweroff", ALWAYS),
            Map.entry("mkfs", ALWAYS), Map.entry("mke2fs", ALWAYS), Map.entry("wipefs", ALWAYS), Map.entry("fdisk", ALWAYS),
            Map.entry("sfdisk", ALWAYS), Map.entry("parted", ALWAYS), Map.entry("sgdisk", ALWAYS),
            Map.entry("blkdiscard", ALWAYS), Map.entry("mkswap", ALWAYS),
            Map.entry("find", when(args -> args.contains("-delete"), "-delete")),
            Map.entry("mv", args -> operands(args).stream().filter(SystemPaths::isSystemPath).findFirst()
                    .map(path -> List.of("of system path " + path)).orElse(List.of())),
            Map.entry("cp", DestructiveVerbs::ontoSystemPath),
            Map.entry("install", DestructiveVerbs::ontoSystemPath),
            Map.entry("ln", DestructiveVerbs::ontoSystemPath),
            Map.entry("rsync", allOf(DestructiveVerbs::ontoSystemPath,
                    when(args -> args.stream().anyMatch(a -> a.startsWith("--delete")), "--delete"))),
            Map.entry("dd", when(args -> args.stream().anyMatch(a -> a.startsWith("of=")), "")),
            Map.entry("kubectl", KUBECTL), Map.entry("oc", KUBECTL),
            Map.entry("helm", when(args -> Set.of("uninstall", "delete", "del", "un").contains(firstOperand(args)),
                    "uninstall")),
            Map.entry("iptables", IPTABLES), Map.entry("ip6tables", IPTABLES), Map.entry("iptables-legacy", IPTABLES),
            Map.entry("iptables-nft", IPTABLES), Map.entry("ip6tables-legacy", IPTABLES),
            Map.entry("nft", verbs("flush", "delete")),
            Map.entry("systemctl", firstOf(
                    verbs("poweroff", "reboot", "halt", "kexec", "kill", "stop", "mask", "isolate", "rescue", "emergency"),
                    byVerb(Map.of(
                            "restart", when(args -> args.stream().anyMatch(a -> STATEFUL_UNIT.matcher(a).matches()),
                                    "of a stateful service"),
                            "disable", withArg("--now"))),
                    args -> RESTARTS.contains(firstOperand(args)) ? List.of(firstOperand(args)) : List.of())),
            Map.entry("service", args -> operands(args).size() > 1
                    && (RESTARTS.contains(operands(args).get(1)) || operands(args).get(1).equals("stop"))
                    ? List.of(operands(args).get(1)) : List.of()),
            Map.entry("lvremove", ALWAYS), Map.entry("vgremove", ALWAYS), Map.entry("pvremove", ALWAYS),
            Map.entry("lvreduce", ALWAYS),
            Map.entry("journalctl", when(args -> args.stream().anyMatch(a -> a.startsWith("--vacuum-")), "--vacuum")),
            Map.entry("logrotate", withArg("-f")),
            Map.entry("crontab", withArg("-r")),
            Map.entry("init", firstOf(withArg("0"), withArg("6"))),
            Map.entry("telinit", firstOf(withArg("0"), withArg("6"))),
            Map.entry("terraform", TERRAFORM), Map.entry("tofu", TERRAFORM),
            Map.entry("git", byVerb(Map.of(
                    "push", firstOf(
                            when(args -> args.contains("--delete") || args.contains("-d"), "--delete"),
                            when(args -> args.stream().anyMatch(a -> a.equals("-f") || a.startsWith("--force")
                                    || a.startsWith("+")), "--force")),
                    "reset", withArg("--hard"),
                    "clean", when(args -> hasFlag(args, 'f', "--force"), "-f"),
                    "branch", withArg("-D")))),
            Map.entry("chmod", DestructiveVerbs::recursiveOnSystemDirectory),
            Map.entry("chown", DestructiveVerbs::recursiveOnSystemDirectory),
            Map.entry("chgrp", DestructiveVerbs::recursiveOnSystemDirectory),
            Map.entry("redis-cli", args -> args.stream().map(a -> a.toLowerCase(Locale.ROOT))
                    .filter(REDIS_DESTRUCTIVE::contains).findFirst()
                    .map(verb -> List.of(verb.toUpperCase(Locale.ROOT))).orElse(List.of())),
            Map.entry("docker", DOCKER), Map.entry("podman", DOCKER),
            Map.entry("docker-compose", firstOf(
                    when(args -> firstOperand(args).equals("down") && hasFlag(args, 'v', "--volumes"), "down --volumes"),
                    SUBCOMMANDS)),
            Map.entry("apt", PACKAGE_MANAGER), Map.entry("apt-get", PACKAGE_MANAGER), Map.entry("aptitude", PACKAGE_MANAGER),
            Map.entry("yum", PACKAGE_MANAGER), Map.entry("dnf", PACKAGE_MANAGER), Map.entry("zypper", PACKAGE_MANAGER),
            Map.entry("snap", PACKAGE_MANAGER), Map.entry("apk", PACKAGE_MANAGER), Map.entry("pacman", PACKAGE_MANAGER));

    private DestructiveVerbs() {
    }

    /** Why this one command is destructive, in the order found (a reason may come twice); empty when it is not. */
    static List<String> reasons(String tool, List<String> args) {
        if (tool.equals("sed")) {
            return inPlaceOnSystemPath(args).stream().map(words -> "sed " + words).toList();
        }
        if (TEXT_TOOLS.contains(tool) || SQL_KEYWORDS.contains(tool)) {
            return List.of();
        }
        if (tool.equals("tee")) {
            // tee's danger is only where it writes: its flags are its own
            return args.stream().filter(a -> !a.startsWith("-")).filter(SystemPaths::isSystemPath).findFirst()
                    .map(path -> List.of("tee onto " + path)).orElse(List.of());
        }
        String name = tool.startsWith("mkfs") ? "mkfs" : tool; // mkfs.ext4, mkfs.xfs…: one tool to the responder
        List<String> found = new ArrayList<>();
        for (String words : TOOLS.getOrDefault(name, SUBCOMMANDS).reasons(args)) {
            found.add(words.isEmpty() ? name : name + " " + words);
        }
        int exec = Math.max(args.indexOf("-exec"), args.indexOf("-execdir"));
        if (name.equals("find") && exec >= 0 && exec + 1 < args.size()) {
            // find runs that command on each file it finds: its verbs count as find's own
            found.addAll(reasons(CommandPrefixes.commandName(args.get(exec + 1)), args.subList(exec + 2, args.size())));
        }
        // Destructive on any tool that takes them: kubectl, helm, docker, apt…
        if (args.stream().anyMatch(a -> a.equals("--force") || a.startsWith("--force=") && !a.endsWith("=false"))) {
            found.add("--force");
        }
        if (hasValue(args, "--grace-period", "0")) {
            found.add("--grace-period=0");
        }
        return found;
    }

    /** Tools that print, search or compare text: what follows their {@code --} is a word, not a command. */
    static boolean isTextTool(String tool) {
        return TEXT_TOOLS.contains(tool) || tool.equals("sed");
    }

    /** {@code sed -i} (or {@code -i.bak}, {@code --in-place}) editing a file on a system path. */
    private static List<String> inPlaceOnSystemPath(List<String> args) {
        boolean inPlace = args.stream().anyMatch(a -> a.startsWith("--in-place")
                || a.startsWith("-") && !a.startsWith("--") && a.indexOf('i') > 0);
        return inPlace ? args.stream().filter(a -> !a.startsWith("-")).filter(SystemPaths::isSystemPath).findFirst()
                .map(path -> List.of("-i on " + path)).orElse(List.of()) : List.of();
    }

    /** The operand right after the subcommand, as in {@code kubectl -n prod rollout undo}. */
    private static Rule afterVerb(String word) {
        return args -> {
            boolean verbSeen = false;
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (arg.startsWith("-")) {
                    i += !verbSeen && GLOBAL_OPTION.matcher(arg).matches() ? 1 : 0;
                } else if (verbSeen) {
                    return arg.equals(word) ? List.of(word) : List.of();
                } else {
                    verbSeen = true;
                }
            }
            return List.of();
        };
    }

    /** Destructive when the arguments pass the test, shown as {@code words}. */
    private static Rule when(Predicate<List<String>> test, String words) {
        return args -> test.test(args) ? List.of(words) : List.of();
    }

    private static Rule withArg(String arg) {
        return when(args -> args.contains(arg), arg);
    }

    /** The subcommand is one of these, shown as itself. */
    private static Rule verbs(String... verbs) {
        Set<String> destructive = Set.of(verbs);
        return args -> destructive.contains(firstOperand(args)) ? List.of(firstOperand(args)) : List.of();
    }

    /** Each subcommand with its own rule, whose words follow the subcommand ({@code git reset --hard}). */
    private static Rule byVerb(Map<String, Rule> rules) {
        return args -> {
            String verb = firstOperand(args);
            return rules.getOrDefault(verb, none -> List.of()).reasons(args).stream()
                    .map(words -> words.isEmpty() ? verb : verb + " " + words).toList();
        };
    }

    /** The second operand, as in {@code terraform state rm} or {@code oc adm drain}. */
    private static Rule secondOperand(String word) {
        return when(args -> operands(args).size() > 1 && operands(args).get(1).equals(word), word);
    }

    /** The first rule that finds anything: the rules are alternatives, as an if … else if would read them. */
    private static Rule firstOf(Rule... rules) {
        return args -> {
            for (Rule rule : rules) {
                List<String> found = rule.reasons(args);
                if (!found.isEmpty()) {
                    return found;
                }
            }
            return List.of();
        };
    }

    private static Rule allOf(Rule... rules) {
        return args -> {
            List<String> found = new ArrayList<>();
            for (Rule rule : rules) {
                found.addAll(rule.reasons(args));
            }
            return found;
        };
    }

    /** cp, install, ln, rsync: the target is the last operand, or the value of {@code -t}. */
    private static List<String> ontoSystemPath(List<String> args) {
        List<String> operands = operands(args);
        int t = args.indexOf("-t");
        String target = t >= 0 && t + 1 < args.size() ? args.get(t + 1)
                : operands.size() > 1 ? operands.get(operands.size() - 1) : "";
        return SystemPaths.isSystemPath(target) ? List.of("onto " + target) : List.of();
    }

    /** chmod, chown, chgrp: recursive on {@code /} or a directory right under it. */
    private static List<String> recursiveOnSystemDirectory(List<String> args) {
        return hasFlag(args, 'R', "--recursive") && args.stream().anyMatch(SystemPaths::isTopLevelDirectory)
                ? List.of("-R on a system directory") : List.of();
    }

    /**
     * {@code aws s3 rm}, {@code aws ec2 terminate-instances}, {@code docker system prune},
     * {@code gcloud compute instances delete}, {@code az vm deallocate}, {@code virsh destroy}: shown with
     * the operands up to the removing one.
     */
    private static List<String> removingSubcommand(List<String> args) {
        List<String> path = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("-")) {
                continue;
            }
            path.add(arg);
            String lower = arg.toLowerCase(Locale.ROOT);
            if (REMOVING_SUBCOMMANDS.contains(lower) || REMOVING_SUBCOMMAND_PREFIX.matcher(lower).matches()) {
                return List.of(String.join(" ", path));
            }
            if (path.size() == 4) {
                return List.of();
            }
        }
        return List.of();
    }

    private static List<String> operands(List<String> args) {
        return args.stream().filter(a -> !a.startsWith("-")).toList();
    }

    /** The subcommand, lower case; a global option's value ({@code kubectl -n prod delete}) is not it. */
    private static String firstOperand(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("-")) {
                return arg.toLowerCase(Locale.ROOT);
            }
            if (GLOBAL_OPTION.matcher(arg).matches()) {
                i++;
            }
        }
        return "";
    }

    /** A short flag, alone or combined ({@code -rf}), or its long form. */
    private static boolean hasFlag(List<String> args, char flag, String longForm) {
        return args.stream().anyMatch(a -> a.equals(longForm)
                || a.startsWith("-") && !a.startsWith("--") && a.indexOf(flag) > 0);
    }

    /** {@code --replicas=0} or {@code --replicas 0}. */
    private static boolean hasValue(List<String> args, String option, String value) {
        int i = args.indexOf(option);
        return args.contains(option + "=" + value) || i >= 0 && i + 1 < args.size() && args.get(i + 1).equals(value);
    }
}
