package dev.baton.cli;

import dev.baton.ssh.InProcessSshServer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real node for a command's tests: MINA SSHD in this JVM, a client key it accepts and a known_hosts naming it; and,
 * for a command that records, its own data folder as {@code baton.data}, restored when closed.
 */
final class CommandNode implements AutoCloseable {
    final InProcessSshServer server;
    final Path key;
    final Path knownHosts;
    private final boolean ownsDataFolder;
    private final String dataBefore;

    private CommandNode(Path dir, boolean ownsDataFolder) throws Exception {
        this.ownsDataFolder = ownsDataFolder;
        dataBefore = System.getProperty("baton.data");
        key = InProcessSshServer.generateClientKey(dir.resolve("keys"), "id_ed25519", "");
        server = InProcessSshServer.start(InProcessSshServer.publicKeyOf(key));
        knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, server.knownHostsLine() + "\n");
        if (ownsDataFolder) {
            System.setProperty("baton.data", dir.resolve("data").toString());
        }
    }

    /** A node in {@code dir}; commands record into their usual data folder (none is open in a test's). */
    static CommandNode start(Path dir) throws Exception {
        return new CommandNode(dir, false);
    }

    /** A node in {@code dir}, and {@code dir}/data as the commands' data folder. */
    static CommandNode startRecordingUnder(Path dir) throws Exception {
        return new CommandNode(dir, true);
    }

    /** How a command names the node: user@127.0.0.1:port. */
    String address() {
        return InProcessSshServer.USER + "@127.0.0.1:" + server.port();
    }

    @Override
    public void close() throws Exception {
        server.close();
        if (!ownsDataFolder) {
            return;
        }
        if (dataBefore == null) {
            System.clearProperty("baton.data");
        } else {
            System.setProperty("baton.data", dataBefore);
        }
    }
}
