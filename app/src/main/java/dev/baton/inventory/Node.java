package dev.baton.inventory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A machine the responder can reach, with the connection parameters their own {@code ssh} would use.
 * Nothing here is secret: keys are named by file, never held.
 *
 * @param name what the responder calls it (the ssh config alias or the inventory host name)
 * @param hostName the address connected to
 * @param user the login user; the local user when nothing says otherwise
 * @param identityFiles keys to offer, in order (IdentityFile, ansible_ssh_private_key_file)
 * @param identitiesOnly offer only those keys, as OpenSSH's IdentitiesOnly
 * @param proxyJump hops in order, each an inventory name or {@code [user@]host[:port]}
 * @param serverAliveInterval how often to ask the server if it is alive; zero leaves it to Baton's default
 * @param serverAliveCountMax unanswered keepalives before the connection counts as lost
 * @param forwardAgent whether the responder's agent may be used from the node (off unless set for the host)
 * @param groups inventory groups the node belongs to, outermost first
 * @param source the file it came from
 * @param environment what the inventory says the node serves ({@code baton_env}), empty when it says nothing
 * @param engine how a fan-out reaches the node unless the responder chooses: {@code ansible} when the inventory
 *               says {@code baton_engine=ansible} or is an Ansible project, empty for Baton's own SSH; as written
 *               there (checked when a run chooses its engine)
 * @param engineSetBy what set {@code engine}, as the responder is told ("group prod_db", "host db-1", "the Ansible
 *               project /srv/ops/ansible.cfg"); empty when nothing did
 */
public record Node(
        String name,
        String hostName,
        int port,
        String user,
        List<Path> identityFiles,
        boolean identitiesOnly,
        List<String> proxyJump,
        Duration serverAliveInterval,
        int serverAliveCountMax,
        boolean forwardAgent,
        List<String> groups,
        String source,
        String environment,
        String engine,
        String engineSetBy) {

    public static final int DEFAULT_PORT = 22;
    /** A group such as {@code prod}, {@code production}, {@code eu-prod-1} or {@code web_production}. */
    private static final Pattern PRODUCTION = Pattern.compile("(?i)(.*[-_.])?prod(uction)?([-_.].*)?");

    public Node {
        identityFiles = List.copyOf(identityFiles);
        proxyJump = List.copyOf(proxyJump);
        groups = List.copyOf(groups);
        environment = environment == null ? "" : environment.strip();
        engine = engine == null ? "" : engine.strip().toLowerCase(java.util.Locale.ROOT);
        engineSetBy = engineSetBy == null ? "" : engineSetBy;
    }

    /** A node whose engine nothing in particular set. */
    public Node(String name, String hostName, int port, String user, List<Path> identityFiles, boolean identitiesOnly,
            List<String> proxyJump, Duration serverAliveInterval, int serverAliveCountMax, boolean forwardAgent,
            List<String> groups, String source, String environment, String engine) {
        this(name, hostName, port, user, identityFiles, identitiesOnly, proxyJump, serverAliveInterval,
                serverAliveCountMax, forwardAgent, groups, source, environment, engine, "");
    }

    /** A node the inventory names no engine for. */
    public Node(String name, String hostName, int port, String user, List<Path> identityFiles, boolean identitiesOnly,
            List<String> proxyJump, Duration serverAliveInterval, int serverAliveCountMax, boolean forwardAgent,
            List<String> groups, String source, String environment) {
        this(name, hostName, port, user, identityFiles, identitiesOnly, proxyJump, serverAliveInterval,
                serverAliveCountMax, forwardAgent, groups, source, environment, "");
    }

    /** A node the inventory says nothing about its environment. */
    public Node(String name, String hostName, int port, String user, List<Path> identityFiles, boolean identitiesOnly,
            List<String> proxyJump, Duration serverAliveInterval, int serverAliveCountMax, boolean forwardAgent,
            List<String> groups, String source) {
        this(name, hostName, port, user, identityFiles, identitiesOnly, proxyJump, serverAliveInterval,
                serverAliveCountMax, forwardAgent, groups, source, "");
    }

    /**
     * Whether a step sent here can hurt production: the inventory says so with {@code baton_env=prod} (or
     * {@code production}), or puts the node in a group named for production.
     */
    public boolean production() {
        return environment.isEmpty() ? groups.stream().anyMatch(g -> PRODUCTION.matcher(g).matches())
                : PRODUCTION.matcher(environment).matches();
    }

    /** A node known only by address, as {@code ssh user@host -p port} would reach it. */
    public static Node direct(String name, String hostName, int port, String user) {
        return new Node(name, hostName, port, user, List.of(), false, List.of(), Duration.ZERO, 3, false,
                List.of(), "");
    }

    /**
     * A node written as OpenSSH accepts it on a command line or in ProxyJump: {@code [user@]host[:port]},
     * {@code [user@][v6-address]:port} or {@code ssh://user@host:port}.
     *
     * @throws IllegalArgumentException when the port is not a number from 1 to 65535
     */
    public static Node parseAddress(String spec, String defaultUser) {
        String rest = spec.strip();
        if (rest.startsWith("ssh://")) {
            rest = rest.substring("ssh://".length());
        }
        String user = defaultUser;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            user = rest.substring(0, at);
            rest = rest.substring(at + 1);
        }
        String host = rest;
        String port = null;
        if (rest.startsWith("[") && rest.indexOf(']') > 0) {
            int close = rest.indexOf(']');
            host = rest.substring(1, close);
            if (rest.startsWith(":", close + 1)) {
                port = rest.substring(close + 2);
            }
        } else if (rest.indexOf(':') > 0 && rest.indexOf(':') == rest.lastIndexOf(':')) {
            host = rest.substring(0, rest.indexOf(':'));
            port = rest.substring(rest.indexOf(':') + 1);
        }
        return direct(spec, host, port == null ? DEFAULT_PORT : portNumber(port, spec), user);
    }

    private static int portNumber(String text, String spec) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the whole address
        }
        throw new IllegalArgumentException("not a port in " + spec + ": '" + text + "'");
    }

    public Node withIdentityFiles(List<Path> files, boolean only) {
        return new Node(name, hostName, port, user, files, only, proxyJump, serverAliveInterval,
                serverAliveCountMax, forwardAgent, groups, source, environment, engine, engineSetBy);
    }

    public Node withProxyJump(List<String> hops) {
        return new Node(name, hostName, port, user, identityFiles, identitiesOnly, hops, serverAliveInterval,
                serverAliveCountMax, forwardAgent, groups, source, environment, engine, engineSetBy);
    }

    public Node withKeepAlive(Duration interval, int countMax) {
        return new Node(name, hostName, port, user, identityFiles, identitiesOnly, proxyJump, interval, countMax,
                forwardAgent, groups, source, environment, engine, engineSetBy);
    }

    /** The same node, production whatever its groups are named (a handoff said so). */
    public Node asProduction() {
        return production() ? this : new Node(name, hostName, port, user, identityFiles, identitiesOnly, proxyJump,
                serverAliveInterval, serverAliveCountMax, forwardAgent, groups, source, "prod", engine, engineSetBy);
    }

    /** The same node, reached through {@code engine} unless the responder chooses another; {@code setBy} says who said so. */
    public Node withEngine(String engine, String setBy) {
        return new Node(name, hostName, port, user, identityFiles, identitiesOnly, proxyJump, serverAliveInterval,
                serverAliveCountMax, forwardAgent, groups, source, environment, engine, setBy);
    }

    /** {@code user@host:port} as shown to the responder. */
    public String address() {
        return user + "@" + hostName + (port == DEFAULT_PORT ? "" : ":" + port);
    }

    /** The local user, which OpenSSH logs in as when nothing names another. */
    public static String localUser() {
        return System.getProperty("user.name");
    }
}
