package dev.baton.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fan-out holds hundreds of nodes at once: a run's output and a connection's keepalives must not cost a thread
 * each (they were a thread per stream and a thread per connection: 650 threads for 256 nodes).
 */
class NodeRunThreadsTest {
    @TempDir
    Path dir;

    private TrustedInProcessNode node;

    @BeforeEach
    void startNode() throws Exception {
        node = TrustedInProcessNode.start(dir);
    }

    @AfterEach
    void stopNode() throws Exception {
        node.close();
    }

    @Test
    void runsUnderWayHoldNoThreadOfTheirOwnAndKeepalivesShareOne() throws Exception {
        List<SshConnection> connections = new ArrayList<>();
        List<NodeRun> runs = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                SshConnection connection = node.connect("db" + i);
                connections.add(connection);
                runs.add(NodeRun.start(connection, "echo started; echo warming >&2; sleep 3; echo done", dir,
                        1 << 20, RunListener.NONE));
            }

            Map<Thread, StackTraceElement[]> threads = Thread.getAllStackTraces();
            assertThat(threads.values()).as("threads a run started")
                    .noneMatch(stack -> startedBy(stack, NodeRun.class));
            assertThat(threads.keySet()).as("keepalive threads")
                    .filteredOn(thread -> thread instanceof net.schmizz.keepalive.KeepAlive && thread.isAlive())
                    .isEmpty();
            assertThat(threads.keySet()).filteredOn(thread -> thread.getName().equals("baton-ssh-keepalive"))
                    .hasSizeLessThanOrEqualTo(1);

            for (NodeRun run : runs) {
                RunResult result = run.await();
                assertThat(result.exitStatus()).isZero();
                assertThat(result.stdout().text()).isEqualTo("started\ndone\n");
                assertThat(result.stderr().text()).isEqualTo("warming\n");
            }
        } finally {
            connections.forEach(SshConnection::close);
        }
    }

    /** Whether the thread's outermost frame outside the JDK is in {@code owner} (or a class nested in it). */
    private static boolean startedBy(StackTraceElement[] stack, Class<?> owner) {
        for (int i = stack.length - 1; i >= 0; i--) {
            String name = stack[i].getClassName();
            if (!name.startsWith("java.") && !name.startsWith("jdk.")) {
                return name.equals(owner.getName()) || name.startsWith(owner.getName() + "$");
            }
        }
        return false;
    }
}
