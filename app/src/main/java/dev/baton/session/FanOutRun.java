package dev.baton.session;

import dev.baton.inventory.Node;
import dev.baton.ssh.NodeRun;
import dev.baton.ssh.RunOutcome;
import dev.baton.ssh.RunResult;
import dev.baton.ssh.SshConnection;
import dev.baton.step.ExecPlan;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One fan-out under way: each node's outcome as it changes, progress, cancel, and the groups of same output. */
public final class FanOutRun {
    private static final Logger LOG = LoggerFactory.getLogger(FanOutRun.class);
    private static final int FIRST_LINE_BYTES = 512;

    /** How far the run has come. */
    public record Progress(int total, int done, int failed, int running) {
        public boolean finished() {
            return done == total;
        }

        @Override
        public String toString() {
            return done + " of " + total + " done, " + failed + " failed, " + running + " running";
        }
    }

    private final List<Node> nodes;
    private final ExecPlan plan;
    private final Map<String, String> values;
    private final FanOut.Options options;
    private final FanOut.Connections connections;
    private final NodeRunning running;
    private final FanOut.Listener listener;
    private final FanOut.Checkpoint checkpoint;
    private volatile CompletableFuture<Boolean> waitingForResponder;
    private final Map<String, NodeOutcome> outcomes = new LinkedHashMap<>();
    /** Counts every change of {@link #outcomes}; guarded by this. */
    private long changes;
    private final Set<NodeRun> started = ConcurrentHashMap.newKeySet();
    private final Set<String> timedOut = ConcurrentHashMap.newKeySet();
    private final CountDownLatch finished;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private volatile boolean cancelled;
    private final Engine engine;
    /** Runs the nodes when the engine is not Baton's own SSH; null for SSH, which runs below. */
    private final EngineRun external;
    private final Set<String> ended = ConcurrentHashMap.newKeySet();
    private volatile String engineNote = "";
    /** The batch an engine of its own runs now: each of its nodes' ends counts down. */
    private volatile CountDownLatch batchEnds;

    /** A run through an engine other than Baton's own SSH, which reports each node with {@link #report}. */
    interface EngineRun {
        /** Starts these nodes (all of the run's, or one batch of them) and returns at once. */
        void start(FanOutRun run, List<Node> batch);

        /** Records that this node was left out of the run (a stop after a canary or a failure), and why. */
        void leftOut(Node node, String reason);

        /** Stops what runs; the nodes not yet ended are reported as they end. */
        void cancel();
    }

    FanOutRun(List<Node> nodes, ExecPlan plan, Map<String, String> values, FanOut.Options options,
            FanOut.Connections connections, NodeRunning running, FanOut.Listener listener,
            FanOut.Checkpoint checkpoint) {
        this(nodes, plan, values, options, connections, running, listener, checkpoint, Engine.SSH, null);
    }

    FanOutRun(List<Node> nodes, ExecPlan plan, Map<String, String> values, FanOut.Options options,
            FanOut.Listener listener, FanOut.Checkpoint checkpoint, Engine engine, EngineRun external) {
        this(nodes, plan, values, options, null, null, listener, checkpoint, engine, external);
    }

    private FanOutRun(List<Node> nodes, ExecPlan plan, Map<String, String> values, FanOut.Options options,
            FanOut.Connections connections, NodeRunning running, FanOut.Listener listener,
            FanOut.Checkpoint checkpoint, Engine engine, EngineRun external) {
        this.checkpoint = checkpoint;
        this.engine = engine;
        this.external = external;
        this.nodes = List.copyOf(nodes);
        this.plan = plan;
        this.values = Map.copyOf(values);
        this.options = options;
        this.connections = connections;
        this.running = running;
        this.listener = listener;
        this.finished = new CountDownLatch(this.nodes.size());
        AtomicInteger count = new AtomicInteger();
        // An engine of its own (Ansible) runs the nodes itself: no workers, no timer here.
        this.workers = external != null ? null : Executors.newFixedThreadPool(
                Math.min(options.concurrency(), Math.max(1, nodes.size())),
                runnable -> daemon(runnable, "baton-fanout-" + count.incrementAndGet()));
        this.timer = external != null ? null : Executors.newSingleThreadScheduledExecutor(
                runnable -> daemon(runnable, "baton-fanout-timer"));
        for (Node node : this.nodes) {
            outcomes.put(node.name(), NodeOutcome.waiting(node));
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    void start() {
        List<List<Node>> batches = options.rollout().batches(nodes);
        if (batches.size() <= 1) {
            if (external != null) {
                external.start(this, nodes);
                return;
            }
            for (Node node : nodes) {
                workers.execute(() -> runOn(node));
            }
            workers.shutdown();
            return;
        }
        Thread stages = new Thread(() -> runInBatches(batches), "baton-fanout-batches");
        stages.setDaemon(true);
        stages.start();
    }

    /**
     * One batch after another through the same workers: after the canary the responder (or the checkpoint) says
     * whether the rest run; with stop on failure, a batch with a failure leaves the rest not run, and says why.
     */
    private void runInBatches(List<List<Node>> batches) {
        try {
            int ran = 0;
            for (int i = 0; i < batches.size(); i++) {
                List<Node> batch = batches.get(i);
                CountDownLatch batchDone = new CountDownLatch(batch.size());
                if (external != null) {
                    batchEnds = batchDone;
                    external.start(this, batch);
                } else {
                    for (Node node : batch) {
                        workers.execute(() -> {
                            try {
                                runOn(node);
                            } finally {
                                batchDone.countDown();
                            }
                        });
                    }
                }
                batchDone.await();
                ran += batch.size();
                List<Node> rest = nodes.subList(ran, nodes.size());
                if (rest.isEmpty()) {
                    return;
                }
                Optional<NodeOutcome> failure = batch.stream().map(this::outcome).filter(NodeOutcome::failed)
                        .findFirst();
                if (cancelled) {
                    leaveOut(rest, NodeOutcome.Status.CANCELLED, "not started: the run was cancelled");
                    return;
                }
                if (options.rollout().stopOnFailure() && failure.isPresent()) {
                    leaveOut(rest, NodeOutcome.Status.NOT_RUN, "not run (stopped after failure on "
                            + failure.get().name() + ")");
                    return;
                }
                if (i == 0 && options.rollout().canary()) {
                    NodeOutcome canary = outcome(batch.get(0));
                    CompletableFuture<Boolean> answer = checkpoint.proceed(new FanOut.CanaryDone(canary, rest.size()));
                    waitingForResponder = answer;
                    if (cancelled) {
                        answer.complete(false);
                    }
                    boolean proceed = answer.exceptionally(failed -> false).join();
                    waitingForResponder = null;
                    if (!proceed || cancelled) {
                        leaveOut(rest, cancelled ? NodeOutcome.Status.CANCELLED : NodeOutcome.Status.NOT_RUN,
                                cancelled ? "not started: the run was cancelled"
                                        : canary.failed() ? "not run (stopped after failure on " + canary.name() + ")"
                                        : "not run (stopped after the canary on " + canary.name() + ")");
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (workers != null) {
                workers.shutdown();
            }
        }
    }

    /** Whether the canary has ended and the run waits for the responder's word. */
    public boolean awaitingResponder() {
        return waitingForResponder != null;
    }

    private void leaveOut(List<Node> rest, NodeOutcome.Status status, String reason) {
        for (Node node : rest) {
            if (external != null) {
                external.leftOut(node, reason);
                report(ended(node, status, reason));
                continue;
            }
            update(node.name(), ended(node, status, reason));
            running.recordNotStarted(node, plan, reason, values);
            finished.countDown();
        }
        if (finished.getCount() == 0 && timer != null) {
            timer.shutdownNow();
        }
    }

    public ExecPlan plan() {
        return plan;
    }

    /** Which engine runs the nodes: Baton's own SSH or Ansible. */
    public Engine engine() {
        return engine;
    }

    /** What the engine wants the responder to know about the run (after Cancel: where it may still run). */
    public String engineNote() {
        return engineNote;
    }

    void engineNote(String note) {
        engineNote = note;
    }

    /** A node's outcome from an engine; its end is counted once. */
    void report(NodeOutcome outcome) {
        update(outcome.name(), outcome);
        if (outcome.status().finished() && ended.add(outcome.name())) {
            finished.countDown();
            CountDownLatch batch = batchEnds;
            if (batch != null) {
                batch.countDown();
            }
        }
    }

    public Map<String, String> values() {
        return values;
    }

    public FanOut.Options options() {
        return options;
    }

    public List<Node> nodes() {
        return nodes;
    }

    /** How many times a node's outcome changed so far: a view redraws only when this moved. */
    public synchronized long changes() {
        return changes;
    }

    /** Every node's outcome now, in the order the nodes were given. */
    public synchronized List<NodeOutcome> outcomes() {
        return List.copyOf(outcomes.values());
    }

    public synchronized Progress progress() {
        int done = 0;
        int failed = 0;
        int busy = 0;
        for (NodeOutcome outcome : outcomes.values()) {
            if (outcome.status().finished()) {
                done++;
                failed += outcome.failed() ? 1 : 0;
            } else if (outcome.status() != NodeOutcome.Status.WAITING) {
                busy++;
            }
        }
        return new Progress(outcomes.size(), done, failed, busy);
    }

    /** Nodes that ended any way but exit 0. */
    public List<Node> failedNodes() {
        return outcomes().stream().filter(NodeOutcome::failed).map(NodeOutcome::node).toList();
    }

    /** Finished nodes with the same ending and output together, the largest group first. */
    public List<OutputGroup> groups() {
        Map<String, List<NodeOutcome>> byKey = new LinkedHashMap<>();
        for (NodeOutcome outcome : outcomes()) {
            if (outcome.status().finished()) {
                byKey.computeIfAbsent(outcome.outputKey(), key -> new ArrayList<>()).add(outcome);
            }
        }
        return byKey.values().stream().map(OutputGroup::new)
                .sorted((a, b) -> Integer.compare(b.size(), a.size())).toList();
    }

    /** Stops what runs (TERM, then KILL, then close) and starts no more. */
    public void cancel() {
        cancelled = true;
        started.forEach(NodeRun::cancel);
        if (external != null) {
            external.cancel();
        }
        CompletableFuture<Boolean> asking = waitingForResponder;
        if (asking != null) {
            asking.complete(false);
        }
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Waits for every node to end; false when {@code timeout} passed first. */
    public boolean await(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runOn(Node node) {
        try {
            if (cancelled) {
                update(node.name(), ended(node, NodeOutcome.Status.CANCELLED, "not started: the run was cancelled"));
                return;
            }
            update(node.name(), outcome(node).with(NodeOutcome.Status.CONNECTING));
            Optional<SshConnection> live = connections.live(node);
            SshConnection connection;
            try {
                connection = live.isPresent() ? live.get() : connections.open(node);
            } catch (IOException | RuntimeException e) {
                String reason = FailureWords.of(e);
                update(node.name(), ended(node, NodeOutcome.Status.UNREACHABLE, reason));
                running.recordNotStarted(node, plan, reason, values);
                return;
            }
            try {
                run(node, connection);
            } finally {
                if (live.isEmpty()) {
                    connection.close();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            update(node.name(), ended(node, NodeOutcome.Status.CANCELLED, "interrupted"));
        } catch (RuntimeException | IOException e) {
            LOG.warn("Fan-out on {}: {}", node.name(), e.toString());
            update(node.name(), ended(node, NodeOutcome.Status.UNREACHABLE, FailureWords.of(e)));
        } finally {
            finished.countDown();
            if (finished.getCount() == 0) {
                timer.shutdownNow();
            }
        }
    }

    private void run(Node node, SshConnection connection) throws IOException, InterruptedException {
        if (cancelled) {
            update(node.name(), ended(node, NodeOutcome.Status.CANCELLED, "not started: the run was cancelled"));
            return;
        }
        OutputDigest digest = new OutputDigest();
        update(node.name(), outcome(node).with(NodeOutcome.Status.RUNNING));
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
        update(node.name(), new NodeOutcome(node, status, result.exitStatus(), result.duration(), firstLine(result),
                key, reason, result));
        done.recorded().exceptionally(failure -> {
            LOG.warn("Result of {} not recorded: {}", node.name(), failure.toString());
            return Optional.empty();
        });
    }

    static String firstLine(RunResult result) {
        String line = firstLine(result.stdout());
        return line.isEmpty() ? firstLine(result.stderr()) : line;
    }

    private static String firstLine(dev.baton.ssh.OutputSpool output) {
        try (InputStream in = output.open()) {
            String head = new String(in.readNBytes(FIRST_LINE_BYTES), StandardCharsets.UTF_8);
            return head.lines().filter(line -> !line.isBlank()).findFirst().orElse("").strip();
        } catch (IOException e) {
            return "";
        }
    }

    private NodeOutcome ended(Node node, NodeOutcome.Status status, String reason) {
        return new NodeOutcome(node, status, null, Duration.ZERO, "", status + "|" + FailureWords.kind(reason),
                reason, null);
    }

    private synchronized NodeOutcome outcome(Node node) {
        return outcomes.get(node.name());
    }

    private void update(String name, NodeOutcome next) {
        synchronized (this) {
            outcomes.put(name, next);
            changes++;
        }
        listener.changed(next);
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
