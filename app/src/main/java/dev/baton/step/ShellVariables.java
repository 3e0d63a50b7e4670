package dev.baton.step;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shell variables a step uses but never sets ({@code kubectl get node $NODE}): left to the shell they expand to
 * nothing, so Baton asks for them as it asks for placeholders. Not counted: a reference the shell does not
 * expand (in single quotes, a comment, a quoted here-document), one with a default ({@code ${NODE:-x}}), a
 * variable the step sets itself (an assignment, {@code export}, {@code for x in}, {@code read x},
 * {@code printf -v x}, {@code getopts … x}, {@code mapfile x}), and variables the environment normally holds
 * or tools read from it ({@code $HOME}, {@code $PATH}, {@code $USER}, {@code $KUBECONFIG}, {@code $AWS_PROFILE} …).
 */
public final class ShellVariables {
    private static final Pattern REFERENCE = Pattern.compile(
            "\\$\\{([A-Za-z_][A-Za-z0-9_]*)(}|:\\?)|\\$([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "(?:^|[\\s;&|(`])(?:(?:export|local|declare|typeset|readonly)\\s+(?:-\\w+\\s+)*)?([A-Za-z_][A-Za-z0-9_]*)(?:\\[[^]]*])?\\+?=");
    private static final Pattern DECLARED = Pattern.compile(
            "(?:^|[\\s;&|(])(?:export|local|declare|typeset|readonly)\\s+(?:-\\w+\\s+)*([A-Za-z_][A-Za-z0-9_ ]*)");
    private static final Pattern LOOP = Pattern.compile("\\b(?:for|select)\\s+([A-Za-z_][A-Za-z0-9_]*)\\b");
    /** read, mapfile: the names are the last words of the command. */
    private static final Pattern READ = Pattern.compile("\\b(?:read|mapfile|readarray)\\b([^;&|\\n)]*)");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern PRINTF_V = Pattern.compile("\\bprintf\\s+-v\\s+([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern GETOPTS = Pattern.compile("\\bgetopts\\s+\\S+\\s+([A-Za-z_][A-Za-z0-9_]*)");
    private static final Set<String> ENVIRONMENT = Set.of("HOME", "PATH", "USER", "LOGNAME", "PWD", "OLDPWD", "SHELL",
            "TERM", "HOSTNAME", "HOSTTYPE", "OSTYPE", "MACHTYPE", "LANG", "TMPDIR", "EDITOR", "VISUAL", "PAGER", "MAIL",
            "UID", "EUID", "PPID", "GROUPS", "RANDOM", "SECONDS", "LINENO", "IFS", "PS1", "PS2", "PS3", "PS4", "REPLY",
            "OPTARG", "OPTIND", "PIPESTATUS", "FUNCNAME", "DIRSTACK", "SHLVL", "COLUMNS", "LINES", "DISPLAY",
            "SUDO_USER", "SUDO_UID", "SUDO_GID", "HISTFILE", "EPOCHSECONDS", "EPOCHREALTIME", "KUBECONFIG",
            "DOCKER_HOST", "GOPATH", "JAVA_HOME", "VIRTUAL_ENV");
    private static final Pattern ENVIRONMENT_FAMILY = Pattern.compile(
            "(BASH|LC|XDG|SSH|AWS|AZURE|GOOGLE|CLOUDSDK|VAULT|KUBE|HELM|DOCKER|TF|ANSIBLE|GIT|NODE_OPTIONS|JAVA)(_.*)?");

    private ShellVariables() {
    }

    /** Names the step expands without setting them, in order of first use, each once. */
    public static List<String> unset(String script) {
        Set<String> assigned = assigned(script);
        List<Integer> positions = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Matcher m = REFERENCE.matcher(script);
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(3);
            if (!assigned.contains(name) && !ENVIRONMENT.contains(name) && !ENVIRONMENT_FAMILY.matcher(name).matches()) {
                positions.add(m.start());
                names.add(name);
            }
        }
        if (names.isEmpty()) {
            return List.of();
        }
        List<List<ShellContexts.Level>> contexts = ShellContexts.at(Placeholders.asWords(script), positions);
        Set<String> unset = new LinkedHashSet<>();
        for (int i = 0; i < names.size(); i++) {
            if (expanded(contexts.get(i))) {
                unset.add(names.get(i));
            }
        }
        return List.copyOf(unset);
    }

    /** Names the step sets itself. */
    public static Set<String> assigned(String script) {
        Set<String> names = new LinkedHashSet<>();
        for (Pattern p : List.of(ASSIGNMENT, LOOP, PRINTF_V, GETOPTS)) {
            Matcher m = p.matcher(script);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        Matcher declared = DECLARED.matcher(script);
        while (declared.find()) {
            for (String word : declared.group(1).strip().split("\\s+")) {
                names.add(word);
            }
        }
        Matcher read = READ.matcher(script);
        while (read.find()) {
            String[] words = read.group(1).strip().split("\\s+");
            for (int i = words.length - 1; i >= 0 && NAME.matcher(words[i]).matches(); i--) {
                names.add(words[i]);
            }
        }
        return names;
    }

    private static boolean expanded(List<ShellContexts.Level> levels) {
        ShellContexts.Level innermost = levels.get(levels.size() - 1);
        return switch (innermost.kind()) {
            case SINGLE, ANSI_C, COMMENT, HERE_DOCUMENT_DELIMITER -> false;
            case HERE_DOCUMENT -> !innermost.quoted();
            default -> true;
        };
    }
}
