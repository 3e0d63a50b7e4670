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

    static void forget() {
        System.clearProperty("baton.inventory");
        System.clearProperty("baton.known-hosts");
    }
}
