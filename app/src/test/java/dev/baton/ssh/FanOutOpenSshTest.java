package dev.baton.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.inventory.Node;
import dev.baton.session.FanOut;
import dev.baton.session.FanOutRun;
import dev.baton.session.ManyNodesServer;
import dev.baton.session.NodeOutcome;
import dev.baton.session.OutputGroup;
import dev.baton.step.ExecPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fan-out over forty nodes of Debian's OpenSSH sshd, one loopback address each, with bad nodes among them. */
class FanOutOpenSshTest {
    private static final List<String> ADDRESSES = ManyNodesServer.addresses(2, 40);

    @TempDir
    static Path dir;
    /** sshd listens on at most 16 addresses (MAX_LISTEN_SOCKS), so forty nodes take several. */
    static final List<OpenSshServer> servers = new ArrayList<>();
    static final Map<String, Integer> portOf = new java.util.HashMap<>();
    private static final int ADDRESSES_PER_SSHD = 13;
    static Path clientKey;
    static Path knownHosts;

    @BeforeAll
    static void start() throws Exception {
        clientKey = InProcessSshServer.generateClientKey(dir.resolve("keys"), "id_ed25519", "");
        StringBuilder lines = new StringBuilder();
        for (int from = 0; from < ADDRESSES.size(); from += ADDRESSES_PER_SSHD) {
            List<String> slice = ADDRESSES.subList(from, Math.min(ADDRESSES.size(), from + ADDRESSES_PER_SSHD));
            List<String> config = new ArrayList<>(slice.stream().map(address -> "ListenAddress " + address).toList());
            // sshd's default starts refusing unauthenticated connections at 10 at once; a fan-out opens more.
            config.add("MaxStartups 200");
            OpenSshServer sshd = OpenSshServer.start(dir.resolve("sshd" + from), Path.of(clientKey + ".pub"),
                    config.toArray(String[]::new));
            servers.add(sshd);
            slice.forEach(address -> portOf.put(address, sshd.port()));
            // The node on 127.0.0.41 is listed with another key: it changed, as far as Baton can tell.
            lines.append(sshd.knownHostsLines(slice.stream().filter(a -> !a.equals("127.0.0.41")).toList()));
        }
        lines.append("[127.0.0.41]:").append(portOf.get("127.0.0.41"))
                .append(" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHQZ4mW2b5W0h2dFq4mCq0m3l0t8c7nB3m0h1x1rP5oE\n");
        knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, lines.toString());
    }

    @AfterAll
    static void stop() {
        servers.forEach(OpenSshServer::close);
    }

    @Test
    void fortyOpenSshNodesRunGroupedWithTheChangedKeyAndTheDeadAddressRefused() throws Exception {
        SshSettings settings = SshSettings.ofUser().withKnownHosts(new KnownHosts(knownHosts))
                .withConnectTimeout(Duration.ofSeconds(10)).withAgent(Optional.empty());
        SshConnector connector = new SshConnector(settings, SshPrompts.NONE, name -> Optional.empty());
        FanOut fanOut = new FanOut(FanOut.Connections.opening(connector), dir.resolve("spool"), Optional.empty());
        String user = System.getProperty("user.name");
        List<Node> nodes = Stream.concat(ADDRESSES.stream(), Stream.of("127.0.0.250"))
                .map(address -> Node.direct("n" + address.substring(address.lastIndexOf('.') + 1), address,
                        portOf.getOrDefault(address, servers.get(0).port()), user).withIdentityFiles(List.of(clientKey), true)).toList();
        ExecPlan plan = ExecPlan.of("uname -s", Map.of());
        FanOutRun run = fanOut.start(null, 1, plan, nodes, Map.of(), new FanOut.Options(16, Duration.ofMinutes(1)),
                outcome -> { });
        assertThat(run.await(Duration.ofSeconds(120))).isTrue();

        List<NodeOutcome> succeeded = run.outcomes().stream()
                .filter(o -> o.status() == NodeOutcome.Status.SUCCEEDED).toList();
        assertThat(succeeded).hasSize(39).allSatisfy(o -> assertThat(o.firstLine()).isEqualTo("Linux"));
        // The login shell's own start-up files may print to stderr on some nodes and not others (they
        // do on this machine): nodes are grouped exactly by what they printed, whatever that was.
        Map<String, Long> byOutput = succeeded.stream().collect(java.util.stream.Collectors.groupingBy(
                dev.baton.session.OutputDiff::outputOf, java.util.stream.Collectors.counting()));
        List<OutputGroup> succeededGroups = run.groups().stream()
                .filter(g -> g.representative().status() == NodeOutcome.Status.SUCCEEDED).toList();
        assertThat(succeededGroups).extracting(g -> (long) g.size())
                .containsExactlyInAnyOrderElementsOf(byOutput.values());
        NodeOutcome changed = run.outcomes().stream().filter(o -> o.name().equals("n41")).findFirst().orElseThrow();
        assertThat(changed.reason()).startsWith("host key:");
        NodeOutcome dead = run.outcomes().stream().filter(o -> o.name().equals("n250")).findFirst().orElseThrow();
        assertThat(dead.reason()).startsWith("refused:");
    }
}
