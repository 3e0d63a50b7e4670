package dev.baton.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.cli.BatonCommand;
import dev.baton.inventory.Node;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connect timeout bounds the whole handshake, not each read: servers that stall after the TCP
 * connect. The bound asserted is loose on purpose (the timeout is 3 s; without the deadline these
 * take a minute or more).
 */
class HandshakeTimeoutTest {
    private static final Duration GIVES_UP_WITHIN = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @Test
    void aServerSilentAfterItsBannerIsGivenUpOnWithinTheTimeout() throws Exception {
        try (StallingServer server = new StallingServer(false)) {
            assertGivesUpInTime(server.port());
        }
    }

    @Test
    void aServerTricklingItsBannerIsGivenUpOnWithinTheTimeout() throws Exception {
        try (StallingServer server = new StallingServer(true)) {
            assertGivesUpInTime(server.port());
        }
    }

    @Test
    void theCommandLinesConnectTimeoutBoundsTheHandshake() throws Exception {
        try (StallingServer server = new StallingServer(false)) {
            PrintStream originalErr = System.err;
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            long start = System.nanoTime();
            int status;
            try {
                System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
                status = BatonCommand.commandLine(folder -> { }).execute("run", "--command", "true", "--node",
                        "ops@127.0.0.1:" + server.port(), "--known-hosts", dir.resolve("known_hosts").toString(),
                        "--connect-timeout", "3");
            } finally {
                System.setErr(originalErr);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(GIVES_UP_WITHIN);
            assertThat(status).isEqualTo(255);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("within 3 s (timed out)");
        }
    }

    /** A responder typing a password for longer than the timeout still gets in: the clock stops while they do. */
    @Test
    void timeTheResponderTakesToAnswerDoesNotCount() throws Exception {
        Path key = InProcessSshServer.generateClientKey(dir.resolve("keys"), "id_ed25519", "");
        try (InProcessSshServer server = InProcessSshServer.start(InProcessSshServer.publicKeyOf(key))) {
            Path knownHosts = dir.resolve("known_hosts");
            java.nio.file.Files.writeString(knownHosts, server.knownHostsLine() + "\n");
            SshPrompts slowTypist = new SshPrompts() {
                @Override
                public HostKeyDecision unknownHostKey(HostKeyCheck check) {
                    return HostKeyDecision.REJECT;
                }

                @Override
                public Optional<char[]> passphrase(Path keyFile) {
                    return Optional.empty();
                }

                @Override
                public Optional<char[]> password(String user, String host) {
                    try {
                        // The responder takes longer to type than the whole timeout.
                        Thread.sleep(5_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Optional.of(InProcessSshServer.PASSWORD.toCharArray());
                }

                @Override
                public Optional<char[]> keyboardInteractive(String host, String instruction, String question,
                        boolean echo) {
                    return Optional.empty();
                }
            };
            SshSettings settings = SshTestNodes.settings(knownHosts).withConnectTimeout(Duration.ofSeconds(4));
            try (SshConnection connection = new SshConnector(settings, slowTypist, name -> Optional.empty())
                    .connect(SshTestNodes.node("db1", server.port(), null))) {
                assertThat(connection.isConnected()).isTrue();
            }
        }
    }

    private void assertGivesUpInTime(int port) {
        Node node = Node.direct("stall", "127.0.0.1", port, "ops");
        SshSettings settings = SshTestNodes.settings(dir.resolve("known_hosts")).withConnectTimeout(Duration.ofSeconds(3));
        long start = System.nanoTime();
        assertThatThrownBy(() -> new SshConnector(settings, SshPrompts.NONE, name -> Optional.empty()).connect(node))
                .isInstanceOfSatisfying(SshFailure.class, failure -> {
                    assertThat(failure.state()).isEqualTo(ConnectionState.UNREACHABLE);
                    assertThat(failure.getMessage()).contains("no SSH handshake with 127.0.0.1:" + port,
                            "within 3 s (timed out)");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(GIVES_UP_WITHIN);
    }

    /**
     * A loopback server that accepts and then stalls: either it sends its banner and nothing more, or it
     * sends a banner line one byte every 300 ms (each read is answered, the line never ends). It stops by
     * itself after a minute, or when closed.
     */
    private static final class StallingServer implements AutoCloseable {
        private final ServerSocket listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        private final List<Socket> accepted = new CopyOnWriteArrayList<>();
        private volatile boolean closed;

        StallingServer(boolean trickle) throws IOException {
            Thread acceptor = new Thread(() -> {
                while (!closed) {
                    try {
                        Socket socket = listener.accept();
                        accepted.add(socket);
                        Thread serve = new Thread(() -> serve(socket, trickle), "stalling-server-connection");
                        serve.setDaemon(true);
                        serve.start();
                    } catch (IOException stopped) {
                        return;
                    }
                }
            }, "stalling-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        private void serve(Socket socket, boolean trickle) {
            try (socket) {
                OutputStream out = socket.getOutputStream();
                if (!trickle) {
                    out.write("SSH-2.0-Stalling_1.0\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    InputStream in = socket.getInputStream();
                    // Reads what the client sends (its banner, its key exchange) and never answers.
                    while (in.read(new byte[4096]) >= 0) {
                        // Nothing to do.
                    }
                    return;
                }
                byte[] banner = ("SSH-2.0-" + "Trickle".repeat(25)).getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < banner.length && !closed; i++) {
                    out.write(banner[i]);
                    out.flush();
                    Thread.sleep(300);
                }
            } catch (IOException | InterruptedException gone) {
                // The client gave up, or the test is over.
            }
        }

        @Override
        public void close() throws IOException {
            closed = true;
            listener.close();
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }
}
