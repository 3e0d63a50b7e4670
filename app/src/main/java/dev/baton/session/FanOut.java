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
    public record Options(int concurrency, Duration perNodeTimeout) {
        public static final Options DEFAULT = new Options(32, Duration.ofMinutes(10));

        public Options {
            if (concurrency < 1) {
                throw new IllegalArgumentException("concurrency must be at least 1, not " + concurrency);
            }
        }
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
        if (engine == Engine.SSH) {
            return start(runbook, step, plan, nodes, values, options, listener);
        }
        if (incident.isPresent()) {
            Optional<dev.baton.incident.IncidentEvent.HandoffExported> exported = incident.get().handedOff().join();
            if (exported.isPresent()) {
                throw new IOException("Not run: " + new IncidentSession.HandedOff(exported.get()).getMessage());
            }
        }
        AnsibleEngine.Prepared prepared = AnsibleEngine.prepare(ansible, nodes, plan, values, options, spoolDirectory);
        incident.ifPresent(session -> session.stepRun(runbook, step, plan.command(),
                nodes.stream().map(Node::name).toList(), values, options.concurrency(), Engine.ANSIBLE.id(),
                prepared.command().version(), prepared.shownCommand()));
        FanOutRun run = new FanOutRun(nodes, plan, values, options, listener, Engine.ANSIBLE,
                new AnsibleEngine(prepared, plan, values, nodes, spoolDirectory, incident));
        run.start();
        return run;
    }

    /** Starts the run on every node and returns at once; the run goes into the timeline first. */
    public FanOutRun start(Runbook runbook, int step, ExecPlan plan, List<Node> nodes, Map<String, String> values,
            Options options, Listener listener) {
        incident.ifPresent(session -> session.stepRun(runbook, step, plan.command(),
                nodes.stream().map(Node::name).toList(), values, options.concurrency()));
        NodeRunning running = new NodeRunning(node -> connections.open(node), spoolDirectory, incident,
                MEMORY_PER_NODE);
        FanOutRun run = new FanOutRun(nodes, plan, values, options, connections, running, listener);
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
