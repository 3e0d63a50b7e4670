package dev.baton.step;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A step that opens an interactive client and works inside it: {@code redis-cli} then {@code FLUSHDB},
 * {@code psql} then a query, {@code python3} then a statement, {@code kubectl exec -it … -- sh} or
 * {@code oc debug node/…} then commands inside. Pasted to bash as one script, the client would take the
 * terminal and the inner lines would wait, unsent, to run in the outer shell once it exits. So the start is
 * sent to the shell, and each inner line is typed once the client shows its prompt.
 *
 * @param client what is started, for messages ({@code redis-cli}, {@code python3}, {@code a shell in the pod})
 * @param start  the shell text up to and including the line that starts the client
 * @param inner  the lines typed at the client's prompt, prompts removed, in order
 * @param prompt what the client's prompt looks like at the end of the cursor's line
 * @param shell  whether the client is a shell (its prompt may look like the outer one: it must differ from it)
 */
public record ClientSession(String client, String start, List<String> inner, Pattern prompt, boolean shell) {
    public ClientSession {
        inner = List.copyOf(inner);
    }

    private static final Pattern SHELL_PROMPT = Pattern.compile(".*[#$%>]\\s?");
    private static final Pattern OPTION_VALUES = Pattern.compile(
            "\\s+(-[hpaUdnuWw]|--(host|port|user|username|dbname|database|pass|password|tls-\\S+|cacert))(\\s*|=)\\S+");
    private static final Pattern FLAGS = Pattern.compile("\\s+-{1,2}[\\w-]+(=\\S+)?");
    /** The prompt of each client, as the line before the cursor ends. */
    private static final List<Client> CLIENTS = List.of(
            new Client("redis-cli", Pattern.compile("redis-cli"), Pattern.compile(".*> ?"), false),
            new Client("psql", Pattern.compile("psql(\\s+[\\w-]+)?"), Pattern.compile(".*[=-][#>] ?"), false),
            new Client("mysql", Pattern.compile("(mysql|mariadb)(\\s+[\\w-]+)?"), Pattern.compile(".*(mysql|MariaDB \\[.*\\])> ?"), false),
            new Client("mongosh", Pattern.compile("mongo|mongosh"), Pattern.compile(".*> ?"), false),
            new Client("sqlite3", Pattern.compile("sqlite3(\\s+\\S+)?"), Pattern.compile("sqlite> ?"), false),
            new Client("python", Pattern.compile("python[\\d.]*|ipython"), Pattern.compile("(>>>|In \\[\\d+\\]:) ?"), false),
            new Client("irb", Pattern.compile("irb|rails\\s+c(onsole)?|bundle\\s+exec\\s+rails\\s+c(onsole)?|gitlab-rails\\s+console"),
                    Pattern.compile(".*> ?"), false),
            new Client("a shell", Pattern.compile("(/bin/|/usr/bin/)?(ba|z|k|da)?sh|sudo\\s+(-i|-s|su(\\s+-)?)|su(\\s+-)?(\\s+\\w+)?"),
                    SHELL_PROMPT, true));

    private record Client(String name, Pattern start, Pattern prompt, boolean shell) {}

    // Compiled once: every line of every shell step of a library is tried against them as it is read.
    private static final Pattern SUDO_NOT_A_SHELL = Pattern.compile("^sudo\\s+(?!-i|-s|su)");
    private static final Pattern EXEC_OR_DEBUG = Pattern.compile("(kubectl|oc)\\s.*\\b(exec|debug)\\b.*");
    private static final Pattern INTERACTIVE_TTY = Pattern.compile(
            ".*\\s(-it|-ti|-i\\s+-t|-t\\s+-i|--stdin\\s+--tty|--tty\\s+--stdin)\\b.*");
    private static final Pattern DOCKER_INTERACTIVE = Pattern.compile("docker\\s+(exec|run)\\s+.*\\s-(it|ti)\\b.*");
    private static final Pattern DEBUG = Pattern.compile("(kubectl|oc)\\s.*\\bdebug\\b.*");
    private static final Pattern OC_DEBUG_NODE = Pattern.compile(
            "oc\\s+debug\\s+([\"']?node/\\S+|node\\s+\\S+)(\\s+-{1,2}[\\w-]+(=\\S+|\\s+\\S+)?)*");
    private static final Pattern OC_RSH = Pattern.compile("oc\\s+rsh(\\s+-{1,2}[\\w-]+(=\\S+|\\s+[^-\\s]\\S*)?)*\\s+\\S+");
    private static final Pattern DOCKER_EXEC = Pattern.compile("docker\\s+exec\\s+.*");
    private static final Pattern SSH_HOST = Pattern.compile("ssh(\\s+-[\\w]+(\\s+[^-\\s]\\S*)?)*\\s+[\\w.@-]+");

    /**
     * The client a line starts and leaves open for typing, if it does: a client with no command of its own
     * ({@code redis-cli -h cache-1} but not {@code redis-cli INFO}, {@code psql -U app} but not {@code psql -c …}),
     * or a shell inside something else ({@code kubectl exec -it POD -- sh}, {@code oc debug node/N},
     * {@code oc rsh POD}, {@code docker exec -it C bash}, {@code ssh HOST}).
     */
    public static Optional<ClientSession> starting(String line) {
        String stripped = line.strip();
        String l = stripped.startsWith("sudo") ? SUDO_NOT_A_SHELL.matcher(stripped).replaceFirst("") : stripped;
        // Every pattern below matches the whole line from its start (taking flags off can only join the first
        // word to a character such as '/'), so a line that starts with none of their first words starts no
        // client: most lines of a library, each read as its block is.
        if (!startsAClient(l.stripLeading())) { // after "sudo  " the line may start with a space
            return Optional.empty();
        }
        return startingAfterSudo(l);
    }

    /** What the first words of the patterns below start with; a line starting with none of them opens no client. */
    private static final List<String> FIRST_WORDS = List.of("kubectl", "oc", "docker", "ssh", "redis-cli", "psql",
            "mysql", "mariadb", "mongo", "sqlite3", "python", "ipython", "irb", "rails", "bundle", "gitlab-rails",
            "/", "sh", "bash", "zsh", "ksh", "dash", "sudo", "su", "-");

    private static boolean startsAClient(String l) {
        for (String first : FIRST_WORDS) {
            if (l.startsWith(first)) {
                return true;
            }
        }
        return false;
    }

    /** {@link #starting} on every line, without the look at its first word: to compare with it. */
    static Optional<ClientSession> startingAlways(String line) {
        return startingAfterSudo(SUDO_NOT_A_SHELL.matcher(line.strip()).replaceFirst(""));
    }

    private static Optional<ClientSession> startingAfterSudo(String l) {
        if (EXEC_OR_DEBUG.matcher(l).matches() && INTERACTIVE_TTY.matcher(l).matches()
                || DOCKER_INTERACTIVE.matcher(l).matches()) {
            int dashes = l.indexOf(" -- ");
            if (dashes < 0) {
                return DEBUG.matcher(l).matches() ? shell("a debug shell") : Optional.empty();
            }
            return inside(l.substring(dashes + 4).strip(), "a shell in the container");
        }
        if (OC_DEBUG_NODE.matcher(l).matches()) {
            return shell("a debug shell on the node");
        }
        if (OC_RSH.matcher(l).matches()) {
            return shell("a shell in the pod");
        }
        if (DOCKER_EXEC.matcher(l).matches()) {
            return Optional.empty();
        }
        if (SSH_HOST.matcher(l).matches()) {
            return shell("a shell on the host");
        }
        return inside(l, null);
    }

    private static Optional<ClientSession> inside(String command, String name) {
        String bare = OPTION_VALUES.matcher(" " + command).replaceAll("");
        bare = FLAGS.matcher(bare).replaceAll("").strip();
        for (Client client : CLIENTS) {
            if (client.start().matcher(bare).matches()) {
                return Optional.of(new ClientSession(name != null && client.shell() ? name : client.name(), "",
                        List.of(), client.prompt(), client.shell()));
            }
        }
        return Optional.empty();
    }

    private static Optional<ClientSession> shell(String name) {
        return Optional.of(new ClientSession(name, "", List.of(), SHELL_PROMPT, true));
    }

    /** The same client, with what starts it and the lines typed inside. */
    public ClientSession with(String start, List<String> inner) {
        return new ClientSession(client, start, inner, prompt, shell);
    }

    /** Every line as a responder would copy it: the start, then each inner line. */
    public String text() {
        return inner.isEmpty() ? start : start + "\n" + String.join("\n", inner);
    }

    /**
     * A prompt a client writes before the line typed after it ({@code 127.0.0.1:6379> }, {@code app=# },
     * {@code mysql> }, {@code >>> }, {@code irb(main):001:0> }, {@code / # }, {@code sh-5.1# }), or -1.
     *
     * @return the index just past the prompt in {@code line}
     */
    public static int innerPromptEnd(String line) {
        java.util.regex.Matcher m = INNER_PROMPT.matcher(line);
        return m.lookingAt() ? m.end() : -1;
    }

    private static final Pattern INNER_PROMPT = Pattern.compile(
            "\\s*(>>>|\\.\\.\\.|[\\w.:\\[\\]-]*>|[\\w-]*[=-][#>]|mysql>|MariaDB \\[[^\\]]*\\]>|irb\\([^)]*\\)[:\\d]*>|sqlite>"
                    + "|[\\w.-]+@[\\w.-]+(:[^\\s#$]*)?[#$]|\\[[^\\]]+\\][#$]|(sh|bash)-[\\d.]+[#$]|/ #|[\\w/~.:-]+ ?[#$]|\\$|In \\[\\d+\\]:)( |$)");
}
