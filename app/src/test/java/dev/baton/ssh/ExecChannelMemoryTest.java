package dev.baton.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a node in flight costs the heap: a fan-out holds 256 channels at once. sshj gives every session channel two
 * 32 KB stream buffers that an exec channel, whose output goes straight to its spool, never fills.
 */
class ExecChannelMemoryTest {
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
    void openingAChannelAllocatesNoStreamBuffersAndTheChannelStillCarriesFullPackets() throws Exception {
        try (SshConnection connection = node.connect("db1")) {
            // The first channel loads and links classes; the second shows what a channel costs.
            ExecChannel.open(connection.client(), new Discarding()).close();
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long before = threads.getCurrentThreadAllocatedBytes();
            ExecChannel channel = ExecChannel.open(connection.client(), new Discarding());
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            try {
                assertThat(allocated).as("bytes allocated opening a channel").isLessThan(16 * 1024);
                assertThat(channel.getLocalMaxPacketSize()).isEqualTo(32 * 1024);
            } finally {
                channel.close();
            }

            // Output in packets of the full size arrives whole.
            RunResult result = NodeRun.run(connection, "head -c 300000 /dev/zero | tr '\\0' x", dir, RunListener.NONE);
            assertThat(result.exitStatus()).isZero();
            assertThat(result.stdout().size()).isEqualTo(300_000);
            assertThat(result.stdout().text()).isEqualTo("x".repeat(300_000));
        }
    }

    private static final class Discarding implements ExecChannel.Output {
        @Override
        public void stdout(byte[] bytes, int offset, int length) {}

        @Override
        public void stderr(byte[] bytes, int offset, int length) {}

        @Override
        public void ended() {}

        @Override
        public void failed(IOException error) {}
    }
}
