package dev.baton.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.incident.IncidentEvent;
import dev.baton.incident.IncidentStore;
import dev.baton.incident.TimelineEvent;
import dev.baton.inventory.Node;
import dev.baton.ssh.InProcessSshServer;
import dev.baton.ssh.KnownHosts;
import dev.baton.ssh.SshConnector;
import dev.baton.ssh.SshPrompts;
import dev.baton.ssh.SshSettings;
import dev.baton.step.ExecPlan;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A step on many nodes at once, against a real SSH server answering on twenty-odd loopback addresses. */
class FanOutTest {
    /** n2 … n21 answer; n22 is served too but known_hosts holds another key for it. */
    private static final List<String> ANSWERING = ManyNodesServer.addresses(2, 21);
    private static final String CHANGED_KEY = "127.0.0.22";
    private static final String NOTHING_LISTENS = "127.0.0.250";

    @TempDir
    static Path dir;
    static ManyNodesServer server;
    static Path key;
    static Path knownHosts;

    @BeforeAll
    static void startNodes() throws Exception {
        key = InProcessSshServer.generateClientKey(dir.resolve("keys"), "id_ed25519", "");
        server = ManyNodesServer.start(ANSWERING, InProcessSshServer.publicKeyOf(key), InProcessSshServer.newHostKey());
        List<String> trusted = ANSWERING.stream().filter(address -> !address.equals(CHANGED_KEY)).toList();
        knownHosts = ManyNodesServer.writeKnownHosts(dir.resolve("known_hosts"),
                ManyNodesServer.knownHosts(trusted, server.port(), server.hostKey()),
                ManyNodesServer.knownHosts(List.of(CHANGED_KEY), server.port(),
                        InProcessSshServer.newHostKey().getPublic()),
                ManyNodesServer.knownHosts(List.of(NOTHING_LISTENS), server.port(), server.hostKey()));
    }

    @AfterAll
    static void stopNodes() throws IOException {
        server.close();
    }

    private static FanOut.Connections fresh() {
        SshSettings settings = SshSettings.ofUser().withKnownHosts(new KnownHosts(knownHosts))
                .withConnectTimeout(Duration.ofSeconds(5)).withAgent(Optional.empty());
        SshConnector connector = new SshConnector(settings, SshPrompts.NONE, name -> Optional.empty());
        return FanOut.Connections.opening(connector);
    }

    private static List<Node> nodes() {
        List<Node> nodes = new ArrayList<>(server.nodes(key));
        nodes.add(ManyNodesServer.node(NOTHING_LISTENS, server.port(), key));
        return nodes;
    }

    static void until(Duration patience, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s", patience).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static NodeOutcome outcome(FanOutRun run, String name) {
        return run.outcomes().stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void manyNodesRunBoundedGroupedAndRecordedWhileBadNodesSayWhy() throws Exception {
        IncidentSession session = new IncidentSession(new IncidentStore(dir.resolve("data")), "ana");
        AtomicInteger busy = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        FanOut fanOut = new FanOut(fresh(), dir.resolve("spool"), Optional.of(session));
        ExecPlan plan = ExecPlan.of("case $NODE_ADDR in 127.0.0.5|127.0.0.6) echo 'disk 91%'; exit 1;; "
                + "*) sleep 0.2; echo 'disk 40%';; esac", Map.of());
        List<Node> nodes = nodes();
        FanOutRun run = fanOut.start(null, 2, plan, nodes, Map.of(), new FanOut.Options(4, Duration.ofSeconds(30)),
                outcome -> {
                    if (outcome.status() == NodeOutcome.Status.CONNECTING) {
                        mostAtOnce.accumulateAndGet(busy.incrementAndGet(), Math::max);
                    } else if (outcome.status().finished()) {
                        busy.decrementAndGet();
                    }
                });
        assertThat(run.await(ManyNodesServer.patience())).isTrue();

        FanOutRun.Progress progress = run.progress();
        assertThat(progress.total()).isEqualTo(22);
        assertThat(progress.done()).isEqualTo(22);
        assertThat(progress.failed()).isEqualTo(4);
        assertThat(mostAtOnce.get()).isBetween(2, 4);

        List<OutputGroup> groups = run.groups();
        assertThat(groups.get(0).size()).isEqualTo(18);
        assertThat(groups.get(0).label()).isEqualTo("18 nodes: same output, exit 0");
        assertThat(groups.get(0).representative().firstLine()).isEqualTo("disk 40%");
        assertThat(groups).anySatisfy(group -> {
            assertThat(group.members()).extracting(NodeOutcome::name).containsExactly("n5", "n6");
            assertThat(group.representative().exit()).isEqualTo(1);
            assertThat(group.representative().firstLine()).isEqualTo("disk 91%");
        });
        assertThat(outcome(run, "n22").status()).isEqualTo(NodeOutcome.Status.UNREACHABLE);
        assertThat(outcome(run, "n22").reason()).startsWith("host key:");
        assertThat(outcome(run, "n250").status()).isEqualTo(NodeOutcome.Status.UNREACHABLE);
        assertThat(outcome(run, "n250").reason()).startsWith("refused:");
        assertThat(run.failedNodes()).extracting(Node::name).containsExactlyInAnyOrder("n5", "n6", "n22", "n250");

        session.drain();
        List<TimelineEvent> events = session.snapshot().get().orElseThrow().events();
        assertThat(events).filteredOn(e -> e.typed() instanceof IncidentEvent.StepRun).singleElement()
                .satisfies(e -> assertThat(((IncidentEvent.StepRun) e.typed()).concurrency()).isEqualTo(4));
        List<IncidentEvent.RunResult> results = events.stream().map(TimelineEvent::typed)
                .filter(IncidentEvent.RunResult.class::isInstance).map(IncidentEvent.RunResult.class::cast).toList();
        assertThat(results).hasSize(22);
        assertThat(results).filteredOn(r -> r.target().equals("n250")).singleElement()
                .satisfies(r -> assertThat(r.outcome()).isEqualTo("NOT_STARTED"));

        String notes = fanOut.capture(run).get();
        assertThat(notes).contains("22 nodes: 18 succeeded, 2 failed, 2 unreachable", "18 nodes: same output, exit 0",
                "disk 40%", "disk 91%", "n250", "refused");
        session.close();
    }

    /** A host that accepts the connection and then says nothing holds up only itself, for its connect timeout. */
    @Test
    void aHostThatAcceptsAndHangsTimesOutAloneWhileTheOthersRun() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50,
                java.net.InetAddress.getByName("127.0.0.23"))) {
            Thread acceptor = new Thread(() -> {
                List<java.net.Socket> held = new ArrayList<>();
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException closed) {
                    held.forEach(socket -> {
                        try {
                            socket.close();
                        } catch (IOException ignored) {
                            // closing anyway
                        }
                    });
                }
            }, "silent-host");
            acceptor.setDaemon(true);
            acceptor.start();
            List<Node> nodes = new ArrayList<>(server.nodes(key).subList(0, 3));
            nodes.add(ManyNodesServer.node("127.0.0.23", silent.getLocalPort(), key));
            FanOut fanOut = new FanOut(fresh(), dir.resolve("spool"), Optional.empty());
            FanOutRun run = fanOut.start(null, 1, ExecPlan.of("echo up", Map.of()), nodes, Map.of(),
                    FanOut.Options.DEFAULT, outcome -> { });
            assertThat(run.await(ManyNodesServer.patience())).isTrue();
            assertThat(outcome(run, "n23").status()).isEqualTo(NodeOutcome.Status.UNREACHABLE);
            assertThat(outcome(run, "n23").reason()).startsWith("timeout:");
            assertThat(run.outcomes()).filteredOn(o -> !o.name().equals("n23")).extracting(NodeOutcome::status)
                    .containsOnly(NodeOutcome.Status.SUCCEEDED);
        }
    }

    @Test
    void aNodeGivenTwiceRunsOnceAndTheRunEnds() throws Exception {
        FanOut fanOut = new FanOut(fresh(), dir.resolve("spool"), Optional.empty());
        Node n1 = server.nodes(key).get(0);
        Node n2 = server.nodes(key).get(1);
        FanOutRun run = fanOut.start(null, 1, ExecPlan.of("echo up", Map.of()), List.of(n1, n2, n1), Map.of(),
                FanOut.Options.DEFAULT, outcome -> { });
        assertThat(run.await(ManyNodesServer.patience())).isTrue();
        assertThat(run.nodes()).containsExactly(n1, n2);
        assertThat(run.outcomes()).extracting(NodeOutcome::name).containsExactly(n1.name(), n2.name());
        assertThat(run.progress().finished()).isTrue();
    }

    @Test
    void retryFailedRunsAgainOnJustThoseNodes() throws Exception {
        FanOut fanOut = new FanOut(fresh(), dir.resolve("spool"), Optional.empty());
        ExecPlan plan = ExecPlan.of("case $NODE_ADDR in 127.0.0.3) exit 2;; *) echo ok;; esac", Map.of());
        List<Node> some = server.nodes(key).subList(0, 5);
        FanOutRun first = fanOut.start(null, 1, plan, some, Map.of(), FanOut.Options.DEFAULT, outcome -> { });
        assertThat(first.await(ManyNodesServer.patience())).isTrue();
        assertThat(first.failedNodes()).extracting(Node::name).containsExactly("n3");

        FanOutRun again = fanOut.retryFailed(null, 1, first, FanOut.Options.DEFAULT, outcome -> { });
        assertThat(again.await(ManyNodesServer.patience())).isTrue();
        assertThat(again.outcomes()).extracting(NodeOutcome::name).containsExactly("n3");
        assertThat(again.outcomes().get(0).exit()).isEqualTo(2);
    }

    @Test
    void cancelStopsWhatRunsAndStartsNoMore() throws Exception {
        FanOut fanOut = new FanOut(fresh(), dir.resolve("spool"), Optional.empty());
        ExecPlan plan = ExecPlan.of("echo started; sleep 600", Map.of());
        List<Node> nodes = server.nodes(key).subList(0, 6);
        AtomicInteger running = new AtomicInteger();
        FanOutRun run = fanOut.start(null, 1, plan, nodes, Map.of(), new FanOut.Options(2, Duration.ofMinutes(10)),
                outcome -> {
                    if (outcome.status() == NodeOutcome.Status.RUNNING) {
                        running.incrementAndGet();
                    }
                });
        until(Duration.ofSeconds(30), () -> running.get() == 2);
        run.cancel();
        assertThat(run.await(Duration.ofSeconds(30))).isTrue();
        assertThat(run.outcomes()).extracting(NodeOutcome::status).containsOnly(NodeOutcome.Status.CANCELLED);
        assertThat(running.get()).as("no node started after Cancel").isEqualTo(2);
    }

    @Test
    void aNodeStillRunningAfterItsTimeoutIsStoppedAndSaysSo() throws Exception {
        FanOut fanOut = new FanOut(fresh(), dir.resolve("spool"), Optional.empty());
        ExecPlan plan = ExecPlan.of("case $NODE_ADDR in 127.0.0.4) sleep 600;; *) echo quick;; esac", Map.of());
        FanOutRun run = fanOut.start(null, 1, plan, server.nodes(key).subList(0, 3), Map.of(),
                new FanOut.Options(3, Duration.ofSeconds(2)), outcome -> { });
        assertThat(run.await(ManyNodesServer.patience())).isTrue();
        assertThat(outcome(run, "n4").status()).isEqualTo(NodeOutcome.Status.TIMED_OUT);
        assertThat(outcome(run, "n4").reason()).startsWith("still running after 2 s");
        assertThat(outcome(run, "n2").status()).isEqualTo(NodeOutcome.Status.SUCCEEDED);
    }
}
