package dev.baton.cli;

import dev.baton.inventory.Node;
import dev.baton.session.Confirmation;
import dev.baton.session.Engine;
import dev.baton.session.FanOut;
import dev.baton.session.FanOutRun;
import dev.baton.session.FanOutSummary;
import dev.baton.session.NodeOutcome;
import dev.baton.session.NodeRunning;
import dev.baton.session.Targets;
import dev.baton.ssh.OutputSpool;
import dev.baton.ssh.SshConnector;
import dev.baton.step.ExecPlan;
import dev.baton.step.StepWarning;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code baton run --group}: the session's fan-out, printed as the window's grid groups it. Unknown host
 * keys are refused here (there is no asking forty questions on a terminal): connect to such a node alone
 * first.
 */
final class GroupRun {
    private final PrintStream err;
    private final boolean json;
    private final Optional<dev.baton.session.IncidentSession> incident;

    /** @param incident where the run and each node's result are recorded; empty when they are not */
    GroupRun(PrintStream err, boolean json, Optional<dev.baton.session.IncidentSession> incident) {
        this.err = err;
        this.json = json;
        this.incident = incident;
    }

    /** @param plan a plan {@link RunCommand#refusal} found nothing against */
    int run(dev.baton.runbook.Runbook runbook, int step, ExecPlan plan, Map<String, String> values, List<Node> nodes,
            String group, boolean yes, SshConnector connector, FanOut.Options options, Engine engine)
            throws InterruptedException, IOException {
        String where = Targets.describe(group, nodes);
        Confirmation confirmation = NodeRunning.confirmation(plan, nodes);
        err.println("baton run: on " + where + ", " + options.concurrency() + " at a time"
                + (engine == Engine.SSH ? "" : " through " + engine.label())
                + (options.rollout().equals(dev.baton.session.Rollout.AT_ONCE) ? "" : ", " + options.rollout().describe())
                + ", this will run:");
        plan.shownText().lines().forEach(line -> err.println("    " + Printable.of(line)));
        for (StepWarning warning : confirmation.warnings()) {
            err.println("baton run: warning: " + warning.kind().jsonName() + ": " + Printable.of(warning.detail()));
        }
        if (!confirmation.production().isEmpty()) {
            err.println("baton run: warning: " + Printable.of(confirmation.productionWords()));
        }
        if (!yes && !new ConsolePrompts(err).confirmNode(group != null ? group : nodes.size() + " nodes")) {
            err.println("baton run: not run (confirm by typing " + (group != null ? "the group name" : "the count")
                    + ", or pass --yes)");
            return RunCommand.REFUSED;
        }
        FanOut fanOut = new FanOut(FanOut.Connections.opening(connector), OutputSpool.defaultDirectory(), incident);
        FanOut.Checkpoint checkpoint = yes ? FanOut.Checkpoint.CONTINUE_IF_SUCCEEDED : new TerminalCheckpoint(err);
        FanOutRun run;
        try {
            run = fanOut.start(runbook, step, plan, nodes, values, options, engine, outcome -> { }, checkpoint);
        } catch (IOException refused) {
            // Ansible missing, an inventory it rejects, no host matched: nothing ran, nothing was recorded.
            err.println("baton run: " + Printable.lines(refused.getMessage()));
            return RunCommand.REFUSED;
        }
        Thread cancelOnInterrupt = new Thread(run::cancel, "baton-run-interrupt");
        Runtime.getRuntime().addShutdownHook(cancelOnInterrupt);
        while (!run.await(Duration.ofHours(1))) {
            err.println("baton run: " + run.progress());
        }
        try {
            Runtime.getRuntime().removeShutdownHook(cancelOnInterrupt);
        } catch (IllegalStateException shuttingDown) {
            // Interrupted: the hook is cancelling the run.
        }
        if (!run.engineNote().isEmpty()) {
            err.println("baton run: " + Printable.of(run.engineNote()));
        }
        if (json) {
            writeJson(run, System.out);
        } else {
            System.out.print(Printable.lines(FanOutSummary.text(run)));
        }
        System.out.flush();
        // Each result is recorded on the incident's thread, reading the output below: written before it is closed.
        if (incident.isPresent()) {
            try {
                incident.get().drain();
            } catch (Exception e) {
                err.println("baton run: the results were not all recorded: " + Printable.of(e.getMessage()));
            }
        }
        // Output that outgrew memory is named in what was printed ("full output in …"): its file is kept, under
        // the cache folder's runs, for the responder to read; the rest had no file.
        for (NodeOutcome outcome : run.outcomes()) {
            if (outcome.result() != null) {
                outcome.result().stdout().close();
                outcome.result().stderr().close();
            }
        }
        return exitStatus(run.outcomes());
    }

    static int exitStatus(List<NodeOutcome> outcomes) {
        if (outcomes.stream().anyMatch(o -> o.status() == NodeOutcome.Status.UNREACHABLE
                || o.result() != null && o.result().outcome() == dev.baton.ssh.RunOutcome.CONNECTION_LOST)) {
            return RunCommand.CONNECTION_FAILED;
        }
        return outcomes.stream().allMatch(o -> o.status() == NodeOutcome.Status.SUCCEEDED) ? 0 : 1;
    }

    /**
     * One JSON object per node, written as it goes: a thousand nodes' outputs are never one tree and one string
     * in memory at once.
     */
    private static void writeJson(FanOutRun run, java.io.OutputStream to) throws IOException {
        Map<String, String> sameAs = new java.util.HashMap<>();
        for (dev.baton.session.OutputGroup group : run.groups()) {
            group.members().forEach(member -> sameAs.put(member.name(), group.representative().name()));
        }
        try (com.fasterxml.jackson.core.JsonGenerator json = Printable.jsonMapper().getFactory().createGenerator(to)) {
            json.disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.useDefaultPrettyPrinter();
            json.writeStartArray();
            for (NodeOutcome outcome : run.outcomes()) {
                json.writeStartObject();
                json.writeStringField("node", outcome.name());
                json.writeStringField("address", outcome.node().address());
                json.writeStringField("status", outcome.status().name().toLowerCase(java.util.Locale.ROOT));
                json.writeStringField("engine", run.engine().id());
                if (outcome.exit() != null) {
                    json.writeNumberField("exit", outcome.exit());
                }
                json.writeNumberField("durationMs", outcome.duration().toMillis());
                json.writeStringField("reason", outcome.reason());
                json.writeStringField("stdout", outcome.result() == null ? "" : outcome.result().stdout().text());
                json.writeStringField("stderr", outcome.result() == null ? "" : outcome.result().stderr().text());
                json.writeStringField("sameOutputAs", sameAs.getOrDefault(outcome.name(), outcome.name()));
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        to.write('\n');
    }
}
