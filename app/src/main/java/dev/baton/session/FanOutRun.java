package dev.baton.session;

import dev.baton.inventory.Node;
import dev.baton.ssh.RunResult;
import dev.baton.step.ExecPlan;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** One fan-out under way: each node's outcome as it changes, progress, cancel, and the groups of same output. */
public final class FanOutRun {
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
    private final FanOut.Listener listener;
    private final FanOut.Checkpoint checkpoint;
    private volatile CompletableFuture<Boolean> waitingForResponder;
    private final Map<String, NodeOutcome> outcomes = new LinkedHashMap<>();
    /** Counts every change of {@link #outcomes}; guarded by this. */
    private long changes;
    private final CountDownLatch finished;
    private volatile boolean cancelled;
    private final Engine engine;
    private final EngineRun engineRun;
    private final Set<String> ended = ConcurrentHashMap.newKeySet();
    private volatile String engineNote = "";
    /** The batch the engine runs now: each of its nodes' ends counts down. */
    private volatile CountDownLatch batchEnds;

    /** What runs the nodes (Baton's own SSH, Ansible), reporting each node's outcome with {@link #report}. */
    interface EngineRun {
        /** Starts these nodes (all of the run's, or one batch of them) and returns at once. */
        void start(FanOutRun run, List<Node> batch);

        /** Records that this node was left out of the run (a stop after a canary or a failure), and why. */
        void leftOut(Node node, String reason);

        /** Stops what runs; the nodes not yet ended are reported as they end. */
        void cancel();

        /** Every node has ended: what the engine holds for the run can go. */
        default void ended() {
        }
    }

    FanOutRun(List<Node> nodes, ExecPlan plan, Map<String, String> values, FanOut.Options options,
            FanOut.Listener listener, FanOut.Checkpoint checkpoint, Engine engine, EngineRun engineRun) {
        this.checkpoint = checkpoint;
        this.engine = engine;
        this.engineRun = engineRun;
        // A node given twice runs once: its outcome, its end and its record are its name's.
        Map<String, Node> byName = new LinkedHashMap<>();
        nodes.forEach(node -> byName.putIfAbsent(node.name(), node));
        this.nodes = List.copyOf(byName.values());
        this.plan = plan;
        this.values = Map.copyOf(values);
        this.options = options;
        this.listener = listener;
        this.finished = new CountDownLatch(this.nodes.size());
        for (Node node : this.nodes) {
            outcomes.put(node.name(), NodeOutcome.waiting(node));
        }
    }

    void start() {
        List<List<Node>> batches = options.rollout().batches(nodes);
        if (batches.size() <= 1) {
            engineRun.start(this, nodes);
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
                batchEnds = batchDone;
                engineRun.start(this, batch);
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
        }
    }

    /** Whether the canary has ended and the run waits for the responder's word. */
    public boolean awaitingResponder() {
        return waitingForResponder != null;
    }

    private void leaveOut(List<Node> rest, NodeOutcome.Status status, String reason) {
        for (Node node : rest) {
            engineRun.leftOut(node, reason);
            report(NodeOutcome.ended(node, status, reason));
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

    /** A node's outcome from the engine; its end is counted once. */
    void report(NodeOutcome outcome) {
        update(outcome.name(), outcome);
        if (outcome.status().finished() && ended.add(outcome.name())) {
            finished.countDown();
            CountDownLatch batch = batchEnds;
            if (batch != null) {
                batch.countDown();
            }
            if (finished.getCount() == 0) {
                engineRun.ended();
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
        engineRun.cancel();
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

    synchronized NodeOutcome outcome(Node node) {
        return outcomes.get(node.name());
    }

    private void update(String name, NodeOutcome next) {
        synchronized (this) {
            outcomes.put(name, next);
            changes++;
        }
        listener.changed(next);
    }
}
