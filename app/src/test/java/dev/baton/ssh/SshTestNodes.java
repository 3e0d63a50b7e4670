package dev.baton.ssh;

import dev.baton.inventory.Node;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Nodes and settings pointing at test servers, never at the tester's own ~/.ssh. */
final class SshTestNodes {
    private SshTestNodes() {}

    static Node node(String name, int port, Path key) {
        return Node.direct(name, "127.0.0.1", port, InProcessSshServer.USER)
                .withIdentityFiles(key == null ? List.of() : List.of(key), true);
    }

    static SshSettings settings(Path knownHosts) {
        return new SshSettings(new KnownHosts(knownHosts), Duration.ofSeconds(5), Duration.ofSeconds(15), 3,
                List.of(), java.util.Optional.empty());
    }
}
