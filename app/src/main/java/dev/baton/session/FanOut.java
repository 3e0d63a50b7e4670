package dev.baton.session;

import dev.baton.inventory.Node;
import dev.baton.runbook.Runbook;
import dev.baton.ssh.SshConnection;
import dev.baton.ssh.SshConnector;
import dev.baton.step.ExecPlan;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.concurrent.CompletableFuture;
import java.time.Instant;

/**
 * A step run on many nodes at once, for the window's results grid and {@code baton run --group}: exec
 * channels with bounded concurrency, an open connection reused where there is one, a timeout per node,
 * and one record in the incident (the run and its targets, then one result per node).
 */
public final class FanOut {
    /** Output of one node kept in memory; the rest spools to a private file, so a thousand nodes fit. */
    static final int MEMORY_PER_NODE = 32 * 1024;

    /**
     * @param concurrency    at most this many nodes connect or run at once
     * @param perNodeTimeout a node still running after this is cancelled (TERM, then KILL, then close)
     */
    public record Options(int concurrency, Duration perNodeTimeout, Rollout rollout) {
        public static final Options DEFAULT = new Options(32, Duration.ofMinutes(10));
        /** The most nodes at once: each holds a connection, a reading thread and its output streams. */
        public static final int MAX_CONCURRENCY = 256;

        public Options {
            if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
                throw new IllegalArgumentException("nodes at once must be between 1 and " + MAX_CONCURRENCY + ", not "
                        + concurrency);
            }
        }

        public Options(int concurrency, Duration perNodeTimeout) {
            this(concurrency, perNodeTimeout, Rollout.AT_ONCE);
        }

        public Options with(Rollout next) {
            return new Options(concurrency, perNodeTimeout, next);
        }
    }

    /** The canary has ended; {@code remaining} nodes wait for the responder's word. */
    public record CanaryDone(NodeOutcome canary, int remaining) {}

    /** Asked once the canary has ended whether the rest run; the run waits for the answer (off the caller's thread). */
    @FunctionalInterface
    public interface Checkpoint {
        /** Unattended ({@code --yes}): the rest run only if the canary succeeded. */
        Checkpoint CONTINUE_IF_SUCCEEDED = done -> CompletableFuture.completedFuture(
                done.canary().status() == NodeOutcome.Status.SUCCEEDED);

        CompletableFuture<Boolean> proceed(CanaryDone done);
    }

    /** Where a node's connection comes from. A connection this fan-out opened, it closes again. */
    public interface Connections {
        /** The node's connection if one is open now (a terminal's, say); never connects. */
        Optional<SshConnection> live(Node node);

        /** A new connection; unknown host keys are refused, nothing is asked (there may be forty). */
        SshConnection open(Node node) throws IOException;

        /** Every node gets a new connection from {@code connector}, closed when its run ends. */
        static Connections opening(SshConnector connector) {
            return reusing(node -> Optional.empty(), connector);
        }

        /** A node's open connection where {@code live} has one, else a new one from {@code connector}. */
        static Connections reusing(Function<Node, Optional<SshConnection>> live, SshConnector connector) {
            return new Connections() {
                @Override
                public Optional<SshConnection> live(Node node) {
                    return live.apply(node);
                }

                @Override
                public SshConnection open(Node node) throws IOException {
                    return connector.connect(node);
                }
            };
        }
    }

    /** Told of each node's change, on the fan-out's own threads. */
    @FunctionalInterface
    public interface Listener {
        void changed(NodeOutcome outcome);
    }

    private final Connections connections;
    private final Path spoolDirectory;
    private final Optional<IncidentSession> incident;
    private final AnsibleSettings ansible;

    public FanOut(Connections connections, Path spoolDirectory, Optional<IncidentSession> incident) {
        this(connections, spoolDirectory, incident, AnsibleSettings.ofUser());
    }

    /** @param ansible how the Ansible engine finds and runs {@code ansible} */
    public FanOut(Connections connections, Path spoolDirectory, Optional<IncidentSession> incident,
            AnsibleSettings ansible) {
        this.connections = connections;
        this.spoolDirectory = spoolDirectory;
        this.incident = incident;
        this.ansible = ansible;
    }

    /**
     * Starts the run on {@code nodes} through {@code engine}. With Ansible this first finds {@code ansible} and asks
     * it which hosts it would run on (about a second: call it off the UI thread); a refusal records nothing.
     *
     * @throws dev.baton.ansible.AnsibleMissing naming the package to install
     * @throws dev.baton.ansible.AnsibleRefused with Ansible's words (an inventory it rejects, no host matched)
     * @throws IOException when this incident was handed off: it runs nothing on nodes
     */
    public FanOutRun start(Runbook runbook, int step, ExecPlan plan, List<Node> nodes, Map<String, String> values,
            Options options, Engine engine, Listener listener) throws IOException {
        return start(runbook, step, plan, nodes, values, options, engine, listener, Checkpoint.CONTINUE_IF_SUCCEEDED);
    }

    /** As above; with a canary, {@code checkpoint} decides whether the rest run, through either engine. */
    public FanOutRun start(Runbook runbook, int step, ExecPlan plan, List<Node> nodes, Map<String, String> values,
            Options options, Engine engine, Listener listener, Checkpoint checkpoint) throws IOException {
        if (engine == Engine.SSH) {
            return start(runbook, step, plan, nodes, values, options, listener, checkpoint);
        }
        if (incident.isPresent()) {
            Optional<dev.baton.incident.IncidentEvent.HandoffExported> exported = incident.get().handedOff().join();
            if (exported.isPresent()) {
                throw new IOException("Not run: " + new IncidentSession.HandedOff(exported.get()).getMessage());
            }
        }
        AnsibleEngine.Prepared prepared = AnsibleEngine.prepare(ansible, nodes, plan, values, options, spoolDirectory);
        Runnable record = () -> incident.ifPresent(session -> session.stepRun(runbook, step, plan.command(),
                nodes.stream().map(Node::name).toList(), values, options.concurrency(), Engine.ANSIBLE.id(),
                prepared.command().version(), prepared.shownCommand()));
        if (prepared.preflighted()) {
            record.run();
        }
        // Without the preflight, Ansible's own run is asked: the run is recorded when Ansible starts its play, and a
        // refusal (inventory rejected, a host it does not know) throws here with nothing recorded.
        AnsibleEngine ansibleRun = new AnsibleEngine(prepared, plan, values, nodes, spoolDirectory, incident,
                prepared.preflighted() ? () -> { } : record);
        FanOutRun run = new FanOutRun(nodes, plan, values, options, listener, checkpoint, Engine.ANSIBLE, ansibleRun);
        run.start();
        ansibleRun.awaitAccepted();
        return run;
    }

    /** Starts the run on every node and returns at once; the run goes into the timeline first. */
    public FanOutRun start(Runbook runbook, int step, ExecPlan plan, List<Node> nodes, Map<String, String> values,
            Options options, Listener listener) {
        return start(runbook, step, plan, nodes, values, options, listener, Checkpoint.CONTINUE_IF_SUCCEEDED);
    }

    /** As above; with a canary, {@code checkpoint} decides whether the rest run. */
    public FanOutRun start(Runbook runbook, int step, ExecPlan plan, List<Node> nodes, Map<String, String> values,
            Options options, Listener listener, Checkpoint checkpoint) {
        incident.ifPresent(session -> session.stepRun(runbook, step, plan.command(),
                nodes.stream().map(Node::name).toList(), values, options.concurrency()));
        NodeRunning running = new NodeRunning(node -> connections.open(node), spoolDirectory, incident,
                MEMORY_PER_NODE);
        FanOutRun run = new FanOutRun(nodes, plan, values, options, listener, checkpoint, Engine.SSH,
                new SshEngine(connections, running, plan, values, options, nodes.size()));
        run.start();
        return run;
    }

    /** Puts the grouped summary into the notes; the future holds the Markdown block. */
    public CompletableFuture<String> capture(FanOutRun run) {
        IncidentSession session = incident.orElseThrow(() -> new IllegalStateException("no incident records runs"));
        return session.capture("fan-out", run.nodes().size() + " nodes", run.plan().command(),
                FanOutSummary.counts(run), Instant.now(), FanOutSummary.text(run), null);
    }

    /** The same step again on the nodes that did not succeed in {@code earlier}. */
    public FanOutRun retryFailed(Runbook runbook, int step, FanOutRun earlier, Options options, Listener listener) {
        return start(runbook, step, earlier.plan(), earlier.failedNodes(), earlier.values(), options, listener);
    }

    /** As {@link #retryFailed(Runbook, int, FanOutRun, Options, Listener)}, through the engine {@code earlier} used. */
    public FanOutRun retryFailed(Runbook runbook, int step, FanOutRun earlier, Options options, Engine engine,
            Listener listener) throws IOException {
        return start(runbook, step, earlier.plan(), earlier.failedNodes(), earlier.values(), options, engine, listener);
    }
}
