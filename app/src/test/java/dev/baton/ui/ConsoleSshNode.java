package dev.baton.ui;

import dev.baton.ssh.InProcessSshServer;
import java.nio.file.Files;
import java.nio.file.Path;

/** Points the console's inventory and known_hosts at an in-process SSH server reached as node "db1". */
final class ConsoleSshNode {
    private ConsoleSshNode() {}

    /** Writes an ssh config for db1 (plus {@code extraOptions}, indented) and makes the console use it. */
    static void use(Path dir, InProcessSshServer server, Path clientKey, Path knownHosts, String extraOptions)
            throws Exception {
        Path config = dir.resolve("ssh_config");
        Files.writeString(config, """
                Host db1
                    HostName 127.0.0.1
                    Port %d
                    User %s
                    IdentityFile %s
                    IdentitiesOnly yes
                """.formatted(server.port(), InProcessSshServer.USER, clientKey) + extraOptions);
        System.setProperty("baton.inventory", config.toString());
        System.setProperty("baton.known-hosts", knownHosts.toString());
    }

    /**
     * Starts an in-process node whose host key is already in a fresh known_hosts and points the console at it;
     * the caller stops it with {@link #forget()}, {@code server.close()} and deleting {@code dir}.
     */
    static Trusted startTrusted(String dirPrefix) throws Exception {
        Path dir = Files.createTempDirectory(dirPrefix);
        Path clientKey = InProcessSshServer.generateClientKey(dir.resolve("keys"), "id_ed25519", "");
        InProcessSshServer server = InProcessSshServer.start(InProcessSshServer.publicKeyOf(clientKey));
        Path knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, server.knownHostsLine() + "\n");
        use(dir, server, clientKey, knownHosts, "");
        return new Trusted(dir, server);
    }

    record Trusted(Path dir, InProcessSshServer server) {}

    static void forget() {
        System.clearProperty("baton.inventory");
        System.clearProperty("baton.known-hosts");
    }
}
