package dev.baton.cli;

import dev.baton.incident.IncidentStore;
import dev.baton.inventory.Inventory;
import dev.baton.session.Handoffs;
import dev.baton.inventory.InventoryLoader;
import dev.baton.inventory.Node;
import dev.baton.runbook.Step;
import dev.baton.ssh.KnownHosts;
import dev.baton.ssh.NodeRun;
import dev.baton.ssh.OutputSpool;
import dev.baton.ssh.RunOutcome;
import dev.baton.ssh.RunResult;
import dev.baton.ssh.SshConnection;
import dev.baton.ssh.SshConnector;
import dev.baton.ssh.SshFailure;
import dev.baton.ssh.SshSettings;
import dev.baton.step.ExecPlan;
import dev.baton.session.Confirmation;
import dev.baton.session.Engine;
import dev.baton.session.FanOut;
import dev.baton.session.Rollout;
import dev.baton.session.NodeRunning;
import dev.baton.session.Targets;
import dev.baton.ssh.SshPrompts;
import dev.baton.step.StepWarning;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "run",
        description = {"Run a runbook step (or a command) on nodes over SSH, as the console's \"Run on node…\" does.",
                "On one --node its stdout and stderr are passed through and its exit status is Baton's.",
                "On a --group (or several --node) the nodes run in parallel and the results are printed grouped:",
                "nodes with the same output once. Exit 0 when all succeeded, 1 when a command failed, 255 when a",
                "node could not be reached or the connection dropped, 2 when Baton refuses."})
final class RunCommand implements Callable<Integer> {
    static final int CONNECTION_FAILED = 255;
    static final int REFUSED = 2;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Where where;

    static final class Where {
        @Option(names = "--node", paramLabel = "NAME",
                description = "A node from the inventories, or user@host[:port]; repeatable.")
        List<String> nodes;

        @Option(names = "--group", paramLabel = "NAME",
                description = "Every node of an inventory group, or whose name matches a pattern such as 'web*'.")
        String group;
    }

    @Option(names = "--parallel", paramLabel = "N", description = "Nodes run at once on a group. Default: ${DEFAULT-VALUE}.")
    int parallel = FanOut.Options.DEFAULT.concurrency();

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "On a group, a node still running after this is stopped. Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds = FanOut.Options.DEFAULT.perNodeTimeout().toSeconds();

    @Option(names = "--engine", paramLabel = "ssh|ansible", description = {
            "How nodes are reached: Baton's own SSH, or",
            "the ansible command (ad-hoc shell, the project's ansible.cfg). Default: ansible for nodes whose inventory",
            "says baton_engine=ansible or lies beside an ansible.cfg, or whose group config.yaml's engines: sets to",
            "ansible; else ssh. --engine overrides both."})
    String engine;

    @Option(names = "--canary", description = {"On several nodes, run on one first and on the rest only after it",
            "(asked on the terminal; with --yes, only if it succeeded). Automatic for a destructive step",
            "or one its runbook marks `changes`."})
    boolean canary;

    @Option(names = "--batch", paramLabel = "N", description = "On several nodes, run in batches of N, one after another.")
    int batch;

    @Option(names = "--stop-on-failure", description = "A batch (or the canary) with a failure leaves the rest not run.")
    boolean stopOnFailure;

    @Option(names = "--json", description = "On a group, one JSON object per node instead of the grouped text.")
    boolean json;

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    static final class What {
        @Option(names = "--step", paramLabel = "FILE#N",
                description = "Step N of a runbook file (FILE#ANCHOR#N for a runbook that is a section of the file).")
        String step;

        @Option(names = "--command", paramLabel = "TEXT", description = "A command instead of a step.")
        String command;
    }

    @Option(names = "--inventory", paramLabel = "FILE",
            description = "ssh config or Ansible inventory (INI or YAML); repeatable. Default: ~/.ssh/config.")
    List<Path> inventories = new ArrayList<>();

    @Option(names = "--var", paramLabel = "NAME=VALUE", description = "A placeholder's value; repeatable.")
    Map<String, String> values = new LinkedHashMap<>();

    @Option(names = "--label", paramLabel = "NAME=VALUE", description = {"An alert label's value for a placeholder or",
            "a $NAME the step uses, quoted for the shell where it stands (refused where it cannot be); repeatable."})
    Map<String, String> labels = new LinkedHashMap<>();

    @Option(names = "--yes", description = "Run a destructive or hidden-Unicode step without asking. The text is still printed.")
    boolean yes;

    @Option(names = "--known-hosts", paramLabel = "FILE", description = "known_hosts file (default ~/.ssh/known_hosts).")
    Path knownHosts;

    @Option(names = "--identity", paramLabel = "FILE", description = "Private key to offer first; repeatable.")
    List<Path> identities = new ArrayList<>();

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", description = "Default: ${DEFAULT-VALUE}.")
    int connectTimeoutSeconds = 10;

    @Spec
    CommandSpec spec;

    /**
     * The inventory with the nodes the responder's current incident was handed over with: a node production on
     * the sender's side is confirmed as production here too.
     */
    private static Inventory withHandedOff(Inventory own, PrintStream err) {
        try {
            Handoffs.HandedOffNodes handed = Handoffs.currentHandedOffNodes(
                    new IncidentStore(IncidentStore.defaultDataDirectory()));
            handed.refused().forEach(problem -> err.println("baton run: " + Printable.of(problem)));
            return Handoffs.withHandedOff(own, handed.nodes());
        } catch (IOException e) {
            err.println("baton run: the current incident's handed-off nodes could not be read: "
                    + Printable.of(e.getMessage()));
            return own;
        }
    }

    @Override
    public Integer call() throws Exception {
        LoggingStart logging = LoggingStart.begin();
        PrintStream err = System.err;
        Step step;
        dev.baton.runbook.Runbook runbook = null;
        Path runbookFile = null;
        try {
            if (what.command != null) {
                step = commandStep(what.command);
            } else {
                StepReference reference = runnableStep(what.step);
                step = reference.step();
                runbook = reference.runbook();
                runbookFile = reference.file();
            }
        } catch (IllegalArgumentException | IOException e) {
            err.println("baton run: " + Printable.of(e.getMessage()));
            return REFUSED;
        }
        List<Path> files = inventories.isEmpty() && Files.exists(InventoryLoader.userSshConfig())
                ? List.of(InventoryLoader.userSshConfig()) : inventories;
        // The runbook folder's baton.yaml may not choose engines: EngineDefaults says so among the problems.
        Inventory inventory = dev.baton.session.EngineDefaults.apply(withHandedOff(InventoryLoader.load(files), err),
                System.getenv(), runbookFile == null ? null : dev.baton.session.QueryRunning.configFolder(runbookFile));
        inventory.problems().forEach(problem -> err.println("baton run: inventory: " + Printable.of(problem)));
        List<Node> targets;
        try {
            targets = where.group != null ? Targets.group(inventory, where.group)
                    : where.nodes.stream().map(name -> inventory.find(name)
                            .orElseGet(() -> Node.parseAddress(name, Node.localUser()))).toList();
        } catch (IllegalArgumentException e) {
            err.println("baton run: " + (where.group != null ? "--group " : "--node ") + Printable.of(e.getMessage()));
            return REFUSED;
        }
        targets = targets.stream().map(this::withIdentities).toList();
        Map<String, String> given = new LinkedHashMap<>(values);
        given.putAll(labels);
        ExecPlan plan = NodeRunning.plan(step, given, labels.keySet());
        String refusal = refusal(plan);
        if (!refusal.isEmpty()) {
            err.println("baton run: " + Printable.lines(refusal));
            return REFUSED;
        }
        Engine chosen;
        try {
            chosen = engine == null ? dev.baton.session.EngineChoice.forNodes(targets).engine() : Engine.parse(engine);
        } catch (dev.baton.session.UnknownEngineException e) {
            err.println("baton run: " + Printable.of(e.getMessage()));
            return REFUSED;
        } catch (IllegalArgumentException e) {
            err.println("baton run: --engine: " + Printable.of(e.getMessage()));
            return REFUSED;
        }
        logging.await();
        if (where.group != null || targets.size() > 1 || chosen == Engine.ANSIBLE) {
            if (parallel < 1 || parallel > FanOut.Options.MAX_CONCURRENCY || batch < 0) {
                err.println("baton run: --parallel is 1 to " + FanOut.Options.MAX_CONCURRENCY
                        + " and --batch at least 1");
                return REFUSED;
            }
            Rollout suggested = Rollout.forStep(plan, step.changes(), targets.size());
            Rollout rollout = new Rollout(suggested.canary() || canary, batch, stopOnFailure);
            try (RunRecording recording = RunRecording.open(new IncidentStore(IncidentStore.defaultDataDirectory()), err)) {
                int status = new GroupRun(err, json, recording.session()).run(runbook, step.number(), plan, given,
                        targets, where.group, yes, connector(inventory, SshPrompts.NONE),
                        new FanOut.Options(parallel, Duration.ofSeconds(timeoutSeconds), rollout), chosen);
                if (status != REFUSED) {
                    recording.await(java.util.concurrent.CompletableFuture.completedFuture(null));
                }
                return status;
            }
        }
        Node node = targets.get(0);

        ConsolePrompts prompts = new ConsolePrompts(err);
        Confirmation confirmation = NodeRunning.confirmation(plan, List.of(node));
        if (confirmation.needed()) {
            err.println("baton run: on " + Printable.of(node.name()) + " (" + Printable.of(node.address())
                    + ") this will run:");
            plan.shownText().lines().forEach(line -> err.println("    " + Printable.of(line)));
            for (StepWarning warning : confirmation.warnings()) {
                err.println("baton run: warning: " + warning.kind().jsonName() + ": " + Printable.of(warning.detail()));
            }
            if (!confirmation.production().isEmpty()) {
                err.println("baton run: warning: " + Printable.of(confirmation.productionWords()));
            }
        }
        if (confirmation.level() == Confirmation.Level.CONFIRM && !yes && !prompts.confirmNode(node.name())) {
            err.println("baton run: not run (confirm by typing the node name, or pass --yes)");
            return REFUSED;
        }

        // The run goes ahead from here: the connection opens while the incident does (EarlyConnection).
        try (EarlyConnection connecting = EarlyConnection.start(held -> connector(inventory, held), prompts, node);
                RunRecording recording = RunRecording.open(new IncidentStore(IncidentStore.defaultDataDirectory()), err)) {
            connecting.promptsMayShow();
            return runOnOne(node, plan, given, connecting, recording, runbook, step.number());
        }
    }

    private int runOnOne(Node node, ExecPlan plan, Map<String, String> given, EarlyConnection connecting,
            RunRecording recording, dev.baton.runbook.Runbook runbook, int stepNumber) throws Exception {
        PrintStream err = System.err;
        try (SshConnection connection = connecting.take()) {
            NodeRunning running = new NodeRunning(target -> connection, OutputSpool.defaultDirectory(), recording.session());
            running.announce(runbook, stepNumber, plan, List.of(node), given);
            PassThrough passThrough = new PassThrough(System.out, System.err);
            NodeRunning.Finished finished = running.run(node, plan, given, passThrough);
            RunResult result = finished.result();
            passThrough.stopCancelling();
            System.out.flush();
            recording.await(finished.recorded());
            result.stdout().discard();
            result.stderr().discard();
            if (result.outcome() != RunOutcome.COMPLETED || result.exitStatus() == null) {
                err.println("baton run: " + Printable.of(node.name()) + ": " + Printable.of(result.summary()));
                return CONNECTION_FAILED;
            }
            return result.exitStatus();
        } catch (SshFailure failure) {
            err.println("baton run: " + Printable.lines(failure.getMessage()));
            recording.session().ifPresent(session -> session.connectionFailed(node.name(), failure.state().label(),
                    failure.getMessage()));
            recording.await(java.util.concurrent.CompletableFuture.completedFuture(null));
            return CONNECTION_FAILED;
        }
    }

    /** Why the plan may not run (a value missing, an alert's value that cannot be quoted), or empty. */
    static String refusal(ExecPlan plan) {
        if (plan.refused()) {
            return plan.refusal();
        }
        if (!plan.missingPlaceholders().isEmpty()) {
            return "the step needs values for " + String.join(", ", plan.missingPlaceholders())
                    + " (give each with --var NAME=VALUE)";
        }
        return "";
    }

    private Node withIdentities(Node node) {
        if (identities.isEmpty()) {
            return node;
        }
        List<Path> keys = new ArrayList<>(identities);
        keys.addAll(node.identityFiles());
        return node.withIdentityFiles(keys, node.identitiesOnly());
    }

    private SshConnector connector(Inventory inventory, SshPrompts prompts) {
        SshSettings settings = SshSettings.ofUser().withConnectTimeout(Duration.ofSeconds(connectTimeoutSeconds));
        if (knownHosts != null) {
            settings = settings.withKnownHosts(new KnownHosts(knownHosts));
        }
        return new SshConnector(settings, prompts, inventory::find);
    }

    /** {@code FILE#N} or {@code FILE#ANCHOR#N}, refused when it is not something to run; its warnings hold what its runbook asks to confirm. */
    private static StepReference runnableStep(String reference) throws IOException {
        StepReference resolved = StepReference.resolve(reference);
        Step step = resolved.step();
        if (!step.runnable()) {
            throw new IllegalArgumentException(reference + " is a " + step.kind().name().toLowerCase(java.util.Locale.ROOT)
                    + " block, not a command to run");
        }
        if (!step.runsOnNodes()) {
            throw new IllegalArgumentException(reference + " opens " + step.session().client()
                    + " and types lines at its prompt: run it in a terminal (Run in Baton's window), not on nodes");
        }
        return resolved;
    }

    /** {@code --command TEXT}: a step of no runbook, so no runbook policy. */
    private static Step commandStep(String text) {
        return new Step(0, List.of(), "", "sh", dev.baton.runbook.StepKind.SHELL, text, List.of(), List.of(), 0);
    }

    /** The node's output straight through; Ctrl+C cancels the run on the node (TERM, then KILL, then close). */
    private static final class PassThrough implements NodeRunning.Watcher {
        private final PrintStream out;
        private final PrintStream err;
        private Thread cancelOnInterrupt;

        PassThrough(PrintStream out, PrintStream err) {
            this.out = out;
            this.err = err;
        }

        @Override
        public void started(NodeRun run) {
            cancelOnInterrupt = new Thread(run::cancel, "baton-run-interrupt");
            Runtime.getRuntime().addShutdownHook(cancelOnInterrupt);
        }

        void stopCancelling() {
            try {
                Runtime.getRuntime().removeShutdownHook(cancelOnInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // Interrupted: the hook is cancelling the run.
            }
        }

        @Override
        public void stdout(byte[] bytes, int offset, int length) {
            out.write(bytes, offset, length);
            out.flush();
        }

        @Override
        public void stderr(byte[] bytes, int offset, int length) {
            err.write(bytes, offset, length);
            err.flush();
        }
    }
}
