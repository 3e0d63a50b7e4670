package dev.baton.session;

import dev.baton.incident.Secrets;
import dev.baton.incident.TimelineEvent;
import dev.baton.inventory.Node;
import dev.baton.runbook.Runbook;
import dev.baton.ssh.NodeRun;
import dev.baton.ssh.OutputSpool;
import dev.baton.ssh.RunListener;
import dev.baton.ssh.RunResult;
import dev.baton.ssh.SshConnection;
import dev.baton.step.ExecPlan;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a step over exec on nodes, for the window's "Run on node…" and {@code baton run}: the plan, the
 * confirmation rule, the connection, the run, and (when an incident is open in this session) the record
 * of each result with its whole output kept in the incident folder.
 */
public final class NodeRunning {
    /** Where a node's connection comes from: the window reuses its open sessions, the CLI opens one. */
    @FunctionalInterface
    public interface Connections {
        SshConnection to(Node node) throws IOException;
    }

    /** Hears a run's output as it arrives (on the run's threads) and is handed the run to cancel it. */
    public interface Watcher extends RunListener {
        default void started(NodeRun run) {}
    }

    /** A run that ended; {@code recorded} completes with its timeline event (empty when nothing records). */
    public record Finished(RunResult result, CompletableFuture<Optional<TimelineEvent>> recorded) {}

    private final Connections connections;
    private final Path spoolDirectory;
    private final Optional<IncidentSession> incident;
    private final int memoryLimit;

    public NodeRunning(Connections connections, Path spoolDirectory, Optional<IncidentSession> incident) {
        this(connections, spoolDirectory, incident, OutputSpool.DEFAULT_MEMORY_LIMIT);
    }

    /** @param memoryLimit output of one run kept in memory; beyond it, it spools to a private file */
    public NodeRunning(Connections connections, Path spoolDirectory, Optional<IncidentSession> incident,
            int memoryLimit) {
        this.connections = connections;
        this.spoolDirectory = spoolDirectory;
        this.incident = incident;
        this.memoryLimit = memoryLimit;
    }

    public static ExecPlan plan(String stepText, Map<String, String> values) {
        return ExecPlan.of(stepText, values);
    }

    /** As {@link #plan(String, Map)}, the values named in {@code literal} (an alert's labels) quoted for the shell. */
    public static ExecPlan plan(String stepText, Map<String, String> values, java.util.Set<String> literal) {
        return ExecPlan.of(stepText, values, literal);
    }

    /** As {@link #plan(String, Map, java.util.Set)} for a runbook's step, with what its runbook asks to confirm. */
    public static ExecPlan plan(dev.baton.runbook.Step step, Map<String, String> values, java.util.Set<String> literal) {
        return ExecPlan.of(step.command(), values, literal, dev.baton.step.ConfirmPolicy.declared(step.warnings()));
    }

    /** What the responder must see before {@code plan} runs on {@code nodes}. */
    public static Confirmation confirmation(ExecPlan plan, List<Node> nodes) {
        return Confirmation.of(plan, nodes.size(), nodes.stream().filter(Node::production).map(Node::name).toList());
    }

    /** The responder agreed: the run on these nodes goes into the timeline before any of them starts. */
    public void announce(Runbook runbook, int step, ExecPlan plan, List<Node> nodes, Map<String, String> values) {
        incident.ifPresent(session -> session.stepRun(runbook, step, plan.command(),
                nodes.stream().map(Node::name).toList(), values, null));
    }

    /**
     * Connects (or reuses the connection), runs the planned command and waits for its end. Blocks: call
     * it off the UI thread, once per node.
     *
     * @throws IOException when the node cannot be reached; nothing ran
     */
    public Finished run(Node node, ExecPlan plan, Map<String, String> values, Watcher watcher)
            throws IOException, InterruptedException {
        refuseIfHandedOff(); // before connecting: a handed-off copy does not even reach the node
        return run(connections.to(node), plan, values, watcher);
    }

    /** As {@link #run(Node, ExecPlan, Map, Watcher)}, on a connection the caller holds. */
    public Finished run(SshConnection connection, ExecPlan plan, Map<String, String> values, Watcher watcher)
            throws IOException, InterruptedException {
        refuseIfHandedOff();
        NodeRun run = NodeRun.start(connection, plan.command(), spoolDirectory, memoryLimit, watcher);
        watcher.started(run);
        RunResult result = run.await();
        CompletableFuture<Optional<TimelineEvent>> recorded = incident
                .map(session -> session.runResult(result, values).thenApply(Optional::of))
                .orElseGet(() -> CompletableFuture.completedFuture(Optional.empty()));
        return new Finished(result, recorded);
    }

    /**
     * A copy handed off to someone else runs nothing on a node, whichever button or key asked: refused before
     * the command is sent, as a run that did not start.
     */
    private void refuseIfHandedOff() throws IOException {
        if (incident.isEmpty()) {
            return;
        }
        Optional<dev.baton.incident.IncidentEvent.HandoffExported> exported = incident.get().handedOff().join();
        if (exported.isPresent()) {
            throw new IOException("Not run: " + new IncidentSession.HandedOff(exported.get()).getMessage());
        }
    }

    /** A node that could not be reached: recorded as a run that did not start, with the reason. */
    public CompletableFuture<Optional<TimelineEvent>> recordNotStarted(Node node, ExecPlan plan, String reason,
            Map<String, String> values) {
        return incident.map(session -> session.runResult(RunResult.notStarted(node.name(), plan.command(), reason),
                values).thenApply(Optional::of)).orElseGet(() -> CompletableFuture.completedFuture(Optional.empty()));
    }

    /**
     * Puts a recorded run into the notes: the future holds the Markdown block, which links the whole
     * output kept when the run was recorded.
     */
    public CompletableFuture<String> capture(RunResult result, Map<String, String> values, TimelineEvent recorded) {
        IncidentSession session = incident.orElseThrow(() -> new IllegalStateException("no incident records runs"));
        String output = result.stdout().text() + (result.stderr().size() == 0 ? ""
                : "\n── stderr ──\n" + result.stderr().text());
        String wholeOutput = recorded.typed() instanceof dev.baton.incident.IncidentEvent.RunResult run
                ? run.stdout() : null;
        return session.capture("exec", result.node(), Secrets.redact(result.command(), values), result.summary(),
                result.startedAt(), output, wholeOutput);
    }
}
