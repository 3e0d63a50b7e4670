package dev.baton.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.inventory.Node;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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

    /** How a test takes its node down: closes the server, or kills its sessions. */
    interface NodeKiller {
        void kill() throws Exception;
    }

    /**
     * Starts endless output on the node, takes the node down once output has arrived, and checks what any server
     * must give then: connection lost, exit unknown. The caller discards the result's output.
     */
    static RunResult killedMidOutput(SshConnection connection, Path dir, NodeKiller killer) throws Exception {
        CountDownLatch outputSeen = new CountDownLatch(1);
        NodeRun run = NodeRun.start(connection, "while :; do echo line; done", dir, 1 << 20, new RunListener() {
            @Override
            public void stdout(byte[] bytes, int offset, int length) {
                outputSeen.countDown();
            }
        });
        assertThat(outputSeen.await(10, TimeUnit.SECONDS)).isTrue();
        killer.kill();

        RunResult result = run.await();

        assertThat(result.outcome()).isEqualTo(RunOutcome.CONNECTION_LOST);
        assertThat(result.exitStatus()).isNull();
        assertThat(result.summary()).startsWith("connection lost, exit unknown");
        return result;
    }
}
