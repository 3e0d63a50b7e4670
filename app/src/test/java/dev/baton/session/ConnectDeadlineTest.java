package dev.baton.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.inventory.Node;
import dev.baton.ssh.InProcessSshServer;
import dev.baton.ssh.KnownHosts;
import dev.baton.ssh.SshConnector;
import dev.baton.ssh.SshPrompts;
import dev.baton.ssh.SshSettings;
import dev.baton.step.ExecPlan;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node is unreachable for reasons of the node: 64 nodes at once from a laptop whose own side of each handshake
 * (checking a long known_hosts) keeps its cores busy for longer than the connect timeout, all answer; a port that
 * accepts and then never says a word is still given up on, with the reason.
 */
class ConnectDeadlineTest {
    private static final List<String> ANSWERING = ManyNodesServer.addresses(2, 64);
    private static final String SILENT = "127.0.0.99";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final int HOSTS_KNOWN_BEFORE = 20_000;

    @TempDir
    static Path dir;
    static ManyNodesServer server;
    static Path key;
    static Path knownHosts;

    @BeforeAll
    static void startNodes() throws Exception {
        key = InProcessSshServer.generateClientKey(dir.resolve("keys"), "id_ed25519", "");
        server = ManyNodesServer.start(ANSWERING, InProcessSshServer.publicKeyOf(key), InProcessSshServer.newHostKey());
        knownHosts = ManyNodesServer.writeKnownHosts(dir.resolve("known_hosts"), othersHosts(), server.knownHosts());
        // A node's first handshake loads the in-process server's classes, in this JVM: a real node has them loaded.
        SshSettings patient = SshSettings.ofUser().withKnownHosts(new KnownHosts(ManyNodesServer.writeKnownHosts(
                dir.resolve("known_hosts_short"), server.knownHosts()))).withAgent(Optional.empty());
        new SshConnector(patient, SshPrompts.NONE, name -> Optional.empty()).connect(server.nodes(key).get(0)).close();
    }

    /**
     * A responder's known_hosts after years of on-call: thousands of hashed lines. The file is parsed once, but a
     * hashed name can only be compared by hashing the node's name with each line's salt: for every node, an HMAC
     * per line. That is this side's work, and with a fan-out of 64 it takes the laptop's cores for seconds.
     */
    private static String othersHosts() {
        String key = PublicKeyEntry.toString(server.hostKey());
        java.util.Random random = new java.util.Random(7);
        StringBuilder lines = new StringBuilder();
        byte[] salt = new byte[20];
        byte[] hash = new byte[20];
        for (int i = 0; i < HOSTS_KNOWN_BEFORE; i++) {
            random.nextBytes(salt);
            random.nextBytes(hash);
            lines.append("|1|").append(Base64.getEncoder().encodeToString(salt)).append('|')
                    .append(Base64.getEncoder().encodeToString(hash)).append(' ').append(key).append('\n');
        }
        return lines.toString();
    }

    @AfterAll
    static void stopNodes() throws IOException {
        server.close();
    }

    @Test
    void nodesWaitingForTheLaptopsCoresAreNotCalledUnreachableButASilentOneIs() throws Exception {
        SshSettings settings = SshSettings.ofUser().withKnownHosts(new KnownHosts(knownHosts))
                .withConnectTimeout(CONNECT_TIMEOUT).withAgent(Optional.empty());
        SshConnector connector = new SshConnector(settings, SshPrompts.NONE, name -> Optional.empty());
        FanOut fanOut = new FanOut(FanOut.Connections.opening(connector), dir.resolve("spool"), Optional.empty());
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName(SILENT))) {
            Thread acceptor = holdOpen(silent);
            List<Node> nodes = new ArrayList<>(server.nodes(key));
            nodes.add(ManyNodesServer.node(SILENT, silent.getLocalPort(), key));
            FanOutRun run = fanOut.start(null, 1, ExecPlan.of("echo up", Map.of()), nodes, Map.of(),
                    new FanOut.Options(nodes.size(), Duration.ofMinutes(2)), outcome -> { });
            assertThat(run.await(ManyNodesServer.patience())).isTrue();

            assertThat(run.outcomes()).filteredOn(o -> !o.name().equals("n99"))
                    .allSatisfy(o -> assertThat(o.status()).as(o.name() + ": " + o.reason())
                            .isEqualTo(NodeOutcome.Status.SUCCEEDED));
            NodeOutcome quiet = run.outcomes().stream().filter(o -> o.name().equals("n99")).findFirst().orElseThrow();
            assertThat(quiet.status()).isEqualTo(NodeOutcome.Status.UNREACHABLE);
            assertThat(quiet.reason()).startsWith("timeout: Cannot reach n99: ")
                    .contains(SILENT + ":" + silent.getLocalPort()).endsWith("(timed out).");
            silent.close();
            acceptor.join();
        }
    }

    private static Thread holdOpen(ServerSocket silent) {
        Thread acceptor = new Thread(() -> {
            List<Socket> held = new ArrayList<>();
            try {
                while (true) {
                    held.add(silent.accept());
                }
            } catch (IOException closed) {
                for (Socket socket : held) {
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // closing anyway
                    }
                }
            }
        }, "silent-node");
        acceptor.setDaemon(true);
        acceptor.start();
        return acceptor;
    }
}
