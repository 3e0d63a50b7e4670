package dev.baton.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.inventory.Node;
import dev.baton.session.Confirmation;
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

    GroupRun(PrintStream err, boolean json) {
        this.err = err;
        this.json = json;
    }

    /** @param plan a plan {@link RunCommand#refusal} found nothing against */
    int run(ExecPlan plan, Map<String, String> values, List<Node> nodes, String group, boolean yes,
            SshConnector connector, FanOut.Options options) throws InterruptedException, IOException {
        String where = Targets.describe(group, nodes);
        Confirmation confirmation = NodeRunning.confirmation(plan, nodes);
        err.println("baton run: on " + where + ", " + options.concurrency() + " at a time"
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
        FanOut fanOut = new FanOut(FanOut.Connections.opening(connector), OutputSpool.defaultDirectory(), Optional.empty());
        FanOut.Checkpoint checkpoint = yes ? FanOut.Checkpoint.CONTINUE_IF_SUCCEEDED : new TerminalCheckpoint(err);
        FanOutRun run = fanOut.start(null, 0, plan, nodes, values, options, outcome -> { }, checkpoint);
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
        if (json) {
            System.out.println(asJson(run));
        } else {
            System.out.print(Printable.lines(FanOutSummary.text(run)));
        }
        System.out.flush();
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

    private static String asJson(FanOutRun run) {
        ObjectMapper mapper = Printable.jsonMapper();
        ArrayNode nodes = mapper.createArrayNode();
        for (NodeOutcome outcome : run.outcomes()) {
            ObjectNode node = nodes.addObject();
            node.put("node", outcome.name());
            node.put("address", outcome.node().address());
            node.put("status", outcome.status().name().toLowerCase(java.util.Locale.ROOT));
            if (outcome.exit() != null) {
                node.put("exit", outcome.exit());
            } else {
                node.putNull("exit");
            }
            node.put("durationMs", outcome.duration().toMillis());
            node.put("reason", outcome.reason());
            node.put("stdout", outcome.result() == null ? "" : outcome.result().stdout().text());
            node.put("stderr", outcome.result() == null ? "" : outcome.result().stderr().text());
            node.put("sameOutputAs", run.groups().stream().filter(g -> g.members().contains(outcome))
                    .findFirst().map(g -> g.representative().name()).orElse(outcome.name()));
        }
        try {
            return mapper.writeValueAsString(nodes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a tree of text and numbers is always JSON", e);
        }
    }
}
