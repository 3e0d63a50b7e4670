package dev.baton.ssh;

import static dev.baton.ssh.SshTestNodes.node;
import static dev.baton.ssh.SshTestNodes.settings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** An in-process node this side already trusts: its host key in known_hosts, a client key it accepts. */
final class TrustedInProcessNode implements AutoCloseable {
    private final InProcessSshServer server;
    private final Path clientKey;
    private final SshConnector connector;

    private TrustedInProcessNode(InProcessSshServer server, Path clientKey, SshConnector connector) {
        this.server = server;
        this.clientKey = clientKey;
        this.connector = connector;
    }

    static TrustedInProcessNode start(Path dir) throws Exception {
        Path clientKey = InProcessSshServer.generateClientKey(dir.resolve("keys"), "id_ed25519", "");
        InProcessSshServer server = InProcessSshServer.start(InProcessSshServer.publicKeyOf(clientKey));
        Path knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, server.knownHostsLine() + "\n");
        return new TrustedInProcessNode(server, clientKey,
                new SshConnector(settings(knownHosts), SshPrompts.NONE, name -> Optional.empty()));
    }

    /** A new connection to the node, named {@code name} as an inventory would. */
    SshConnection connect(String name) throws Exception {
        return connector.connect(node(name, server.port(), clientKey));
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
