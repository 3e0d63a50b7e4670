package dev.baton.session;

import dev.baton.inventory.Node;
import dev.baton.ssh.NodeRun;
import dev.baton.ssh.RunOutcome;
import dev.baton.ssh.RunResult;
import dev.baton.ssh.SshConnection;
import dev.baton.step.ExecPlan;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Baton's own engine: each node over SSH from the laptop (a live session when the responder has one), a bounded
 * number at a time, each under the per-node deadline, its output hashed as it arrives so that equal outputs group.
 */
final class SshEngine implements FanOutRun.EngineRun {
    private static final Logger LOG = LoggerFactory.getLogger(SshEngine.class);

    private final FanOut.Connections connections;
    private final NodeRunning running;
    private final ExecPlan plan;
    private final Map<String, String> values;
    private final FanOut.Options options;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final Set<NodeRun> started = ConcurrentHashMap.newKeySet();
    private final Set<String> timedOut = ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;

    SshEngine(FanOut.Connections connections, NodeRunning running, ExecPlan plan, Map<String, String> values,
            FanOut.Options options, int nodeCount) {
        this.connections = connections;
        this.running = running;
        this.plan = plan;
        this.values = Map.copyOf(values);
        this.options = options;
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(Math.min(options.concurrency(), Math.max(1, nodeCount)),
                runnable -> daemon(runnable, "baton-fanout-" + count.incrementAndGet()));
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "baton-fanout-timer"));
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void start(FanOutRun run, List<Node> batch) {
        for (Node node : batch) {
            workers.execute(() -> runOn(run, node));
        }
    }

    @Override
    public void leftOut(Node node, String reason) {
        running.recordNotStarted(node, plan, reason, values);
    }

    @Override
    public void cancel() {
        cancelled = true;
        started.forEach(NodeRun::cancel);
    }

    @Override
    public void ended() {
        workers.shutdown();
        timer.shutdownNow();
    }

    private void runOn(FanOutRun run, Node node) {
        try {
            if (cancelled) {
                run.report(NodeOutcome.ended(node, NodeOutcome.Status.CANCELLED, "not started: the run was cancelled"));
                return;
            }
            run.report(run.outcome(node).with(NodeOutcome.Status.CONNECTING));
            Optional<SshConnection> live = connections.live(node);
            SshConnection connection;
            try {
                connection = live.isPresent() ? live.get() : connections.open(node);
            } catch (IOException | RuntimeException e) {
                String reason = FailureWords.of(e);
                run.report(NodeOutcome.ended(node, NodeOutcome.Status.UNREACHABLE, reason));
                running.recordNotStarted(node, plan, reason, values);
                return;
            }
            try {
                runOver(run, node, connection);
            } finally {
                if (live.isEmpty()) {
                    connection.close();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.report(NodeOutcome.ended(node, NodeOutcome.Status.CANCELLED, "interrupted"));
        } catch (RuntimeException | IOException e) {
            LOG.warn("Fan-out on {}: {}", node.name(), e.toString());
            run.report(NodeOutcome.ended(node, NodeOutcome.Status.UNREACHABLE, FailureWords.of(e)));
        } finally {
            // Whatever went wrong, the node ends: a run waiting for every node must not wait forever.
            if (!run.outcome(node).status().finished()) {
                run.report(NodeOutcome.ended(node, NodeOutcome.Status.FAILED, "stopped by an error in Baton"));
            }
        }
    }

    private void runOver(FanOutRun run, Node node, SshConnection connection) throws IOException, InterruptedException {
        if (cancelled) {
            run.report(NodeOutcome.ended(node, NodeOutcome.Status.CANCELLED, "not started: the run was cancelled"));
            return;
        }
        OutputDigest digest = new OutputDigest();
        run.report(run.outcome(node).with(NodeOutcome.Status.RUNNING));
        ScheduledFuture<?> timeout = timer.schedule(() -> {
            timedOut.add(node.name());
            digest.cancel();
        }, options.perNodeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        NodeRunning.Finished done;
        try {
            done = running.run(connection, plan, values, digest);
        } finally {
            timeout.cancel(false);
            digest.forget();
        }
        RunResult result = done.result();
        NodeOutcome.Status status = result.succeeded() ? NodeOutcome.Status.SUCCEEDED
                : timedOut.contains(node.name()) ? NodeOutcome.Status.TIMED_OUT
                : result.outcome() == RunOutcome.CANCELLED ? NodeOutcome.Status.CANCELLED
                : NodeOutcome.Status.FAILED;
        String reason = status == NodeOutcome.Status.TIMED_OUT ? "still running after "
                + options.perNodeTimeout().toSeconds() + " s: " + result.summary()
                : status == NodeOutcome.Status.SUCCEEDED ? "" : result.summary();
        String key = status + "|" + result.exitStatus() + "|" + result.exitSignal() + "|" + digest.hex();
        run.report(new NodeOutcome(node, status, result.exitStatus(), result.duration(), FanOutRun.firstLine(result),
                key, reason, result));
        done.recorded().exceptionally(failure -> {
            LOG.warn("Result of {} not recorded: {}", node.name(), failure.toString());
            return Optional.empty();
        });
    }

    /** Hashes what a node prints as it arrives, and holds its run so that Cancel reaches it. */
    private final class OutputDigest implements NodeRunning.Watcher {
        private final MessageDigest out = sha256();
        private final MessageDigest err = sha256();
        private NodeRun run;

        @Override
        public synchronized void started(NodeRun begun) {
            run = begun;
            started.add(begun);
            if (cancelled) {
                begun.cancel();
            }
        }

        synchronized void cancel() {
            if (run != null) {
                run.cancel();
            }
        }

        synchronized void forget() {
            if (run != null) {
                started.remove(run);
            }
        }

        @Override
        public void stdout(byte[] bytes, int offset, int length) {
            synchronized (out) {
                out.update(bytes, offset, length);
            }
        }

        @Override
        public void stderr(byte[] bytes, int offset, int length) {
            synchronized (err) {
                err.update(bytes, offset, length);
            }
        }

        String hex() {
            HexFormat hex = HexFormat.of();
            synchronized (out) {
                synchronized (err) {
                    return hex.formatHex(out.digest()) + ":" + hex.formatHex(err.digest());
                }
            }
        }

        private MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        }
    }
}
