package dev.baton.ssh;

import static dev.baton.ssh.SshTestNodes.node;
import static dev.baton.ssh.SshTestNodes.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.inventory.Node;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What goes wrong on a real in-process SSH server, or grows too large: a closed port, an address that drops
 * every packet, a server killed mid-output, a hung command, output beyond the memory limit, a peer gone silent.
 */
class SshConnectionFaultsTest {
    @TempDir
    Path dir;

    private Path clientKey;
    private Path knownHosts;
    private InProcessSshServer server;

    /** Every test here trusts the server: what fails is the network, the server or the command, never the key. */
    @BeforeEach
    void startTrustedServer() throws Exception {
        clientKey = InProcessSshServer.generateClientKey(dir.resolve("keys"), "id_ed25519", "");
        server = InProcessSshServer.start(InProcessSshServer.publicKeyOf(clientKey));
        knownHosts = Files.writeString(dir.resolve("known_hosts"), server.knownHostsLine() + "\n");
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    private SshConnection connect(Node node) throws SshFailure {
        return new SshConnector(settings(knownHosts), SshPrompts.NONE, name -> Optional.empty()).connect(node);
    }

    @Test
    void aClosedPortIsUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        assertThatThrownBy(() -> connect(node("db1", closedPort, clientKey)))
                .isInstanceOfSatisfying(SshFailure.class, failure -> {
                    assertThat(failure.state()).isEqualTo(ConnectionState.UNREACHABLE);
                    assertThat(failure.getMessage()).contains("refused");
                });
    }

    @Test
    void anAddressThatDropsEveryPacketTimesOut() throws Exception {
        InetAddress address = InetAddress.getByName("127.0.0.66");
        List<Socket> filler = new ArrayList<>();
        try (ServerSocket blackHole = new ServerSocket(0, 1, address)) {
            // A listener that never accepts and whose queue is full drops further SYNs unanswered.
            while (true) {
                Socket socket = new Socket();
                filler.add(socket);
                try {
                    socket.connect(new InetSocketAddress(address, blackHole.getLocalPort()), 300);
                } catch (SocketTimeoutException dropped) {
                    break;
                }
            }
            Node node = Node.direct("ghost", "127.0.0.66", blackHole.getLocalPort(), InProcessSshServer.USER);
            SshSettings quick = settings(knownHosts).withConnectTimeout(Duration.ofSeconds(1));
            long start = System.nanoTime();

            assertThatThrownBy(() -> new SshConnector(quick, SshPrompts.NONE, name -> Optional.empty()).connect(node))
                    .isInstanceOfSatisfying(SshFailure.class, failure -> {
                        assertThat(failure.state()).isEqualTo(ConnectionState.UNREACHABLE);
                        assertThat(failure.getMessage()).contains("timed out");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        } finally {
            for (Socket socket : filler) {
                socket.close();
            }
        }
    }

    @Test
    void aServerKilledMidOutputGivesConnectionLostNeverSuccess() throws Exception {
        try (SshConnection connection = connect(node("db1", server.port(), clientKey))) {
            RunResult result = SshTestNodes.killedMidOutput(connection, dir, server::close);

            assertThat(result.succeeded()).isFalse();
            assertThat(result.stdout().size()).isPositive();
            result.stdout().discard();
        }
    }

    @Test
    void aHungCommandIsCancelledAndGoneFromTheServer() throws Exception {
        String marker = "sleep 6" + ProcessHandle.current().pid() % 100000;
        try (SshConnection connection = connect(node("db1", server.port(), clientKey))) {
            // exec: the in-process server stops the command's own process, not a shell's children.
            NodeRun run = NodeRun.start(connection, "exec " + marker, dir, 1 << 20, RunListener.NONE);
            waitUntil(() -> processesMatching(marker) > 0);

            run.cancel();
            RunResult result = run.await();

            assertThat(result.outcome()).isEqualTo(RunOutcome.CANCELLED);
            assertThat(result.succeeded()).isFalse();
            assertThat(result.summary()).startsWith("cancelled");
            waitUntil(() -> processesMatching(marker) == 0);
        }
    }

    @Test
    void outputBeyondTheMemoryLimitIsSpooledWithHeadAndTailKept() throws Exception {
        try (SshConnection connection = connect(node("db1", server.port(), clientKey))) {
            NodeRun run = NodeRun.start(connection, "echo first; head -c 3000000 /dev/zero; echo; echo last",
                    dir.resolve("spool"), 1 << 20, RunListener.NONE);
            RunResult result = run.await();

            OutputSpool out = result.stdout();
            assertThat(result.exitStatus()).isZero();
            assertThat(out.size()).isEqualTo(6 + 3_000_000 + 1 + 5);
            assertThat(out.isSpooled()).isTrue();
            assertThat(Files.size(out.spoolFile().orElseThrow())).isEqualTo(out.size());
            assertThat(Files.getPosixFilePermissions(out.spoolFile().orElseThrow()))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(new String(out.head(), 0, 6, StandardCharsets.UTF_8)).isEqualTo("first\n");
            assertThat(new String(out.tail(), StandardCharsets.UTF_8)).endsWith("\nlast\n");
            assertThat(out.text()).contains("bytes not shown");
            out.discard();
            assertThat(out.spoolFile().orElseThrow()).doesNotExist();
        }
    }

    @Test
    void aPeerThatGoesSilentIsDetectedByKeepalives() throws Exception {
        try (FreezableRelay relay = new FreezableRelay(server.port())) {
            Files.writeString(knownHosts, "[127.0.0.1]:" + relay.port() + " "
                    + org.apache.sshd.common.config.keys.PublicKeyEntry.toString(server.hostKey()) + "\n");
            SshSettings settings = settings(knownHosts).withKeepAlive(Duration.ofSeconds(1), 2);
            Node node = node("db1", relay.port(), clientKey);
            try (SshConnection connection = new SshConnector(settings, SshPrompts.NONE, name -> Optional.empty())
                    .connect(node)) {
                CountDownLatch lost = new CountDownLatch(1);
                List<String> reasons = new ArrayList<>();
                connection.onLost(reason -> {
                    reasons.add(reason);
                    lost.countDown();
                });

                relay.freeze();

                assertThat(lost.await(10, TimeUnit.SECONDS)).isTrue();
                assertThat(connection.isConnected()).isFalse();
                assertThat(reasons).singleElement().asString().contains("db1", "lost");
            }
        }
    }

    private static long processesMatching(String commandLine) {
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().orElse("").contains(commandLine))
                .count();
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met in time").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
