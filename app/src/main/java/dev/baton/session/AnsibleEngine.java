package dev.baton.session;

import dev.baton.ansible.AnsibleCommand;
import dev.baton.ansible.AnsibleInvocation;
import dev.baton.ansible.AnsibleProcess;
import dev.baton.ansible.AnsibleRefused;
import dev.baton.ansible.HostResult;
import dev.baton.ansible.UnreachableMessage;
import dev.baton.incident.Secrets;
import dev.baton.inventory.AnsibleProject;
import dev.baton.inventory.Node;
import dev.baton.ssh.OutputSpool;
import dev.baton.ssh.RunOutcome;
import dev.baton.ssh.RunResult;
import dev.baton.step.ExecPlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ansible engine: a fan-out's nodes through the team's own {@code ansible} ad-hoc command, each host's
 * result put into the same run (grid, groups, retry, capture, record) as Baton's own SSH would.
 */
final class AnsibleEngine implements FanOutRun.EngineRun {
    private static final Logger LOG = LoggerFactory.getLogger(AnsibleEngine.class);
    /** Host names that are plain names in an Ansible pattern: no {@code , : ! & ~ * ? [ ]}. */
    private static final Pattern PLAIN_HOST = Pattern.compile("[A-Za-z0-9_.@-]+");

    /**
     * Everything decided before anything runs.
     *
     * @param preflighted Ansible was asked which hosts it would run on ({@code --list-hosts}) and agreed; when false,
     *                    the run itself is Ansible's answer, and it is recorded only once Ansible starts the play
     */
    record Prepared(AnsibleCommand command, AnsibleInvocation invocation, String shownCommand, boolean preflighted) {}

    /** How long a run waits for Ansible to accept its inventory and hosts, as long as a question to it may take. */
    private static final Duration ACCEPT_TIMEOUT = Duration.ofSeconds(30);

    private final Prepared prepared;
    private final ExecPlan plan;
    private final Map<String, String> values;
    private final Path spoolDirectory;
    private final Optional<IncidentSession> incident;
    private final Map<String, Node> byName = new LinkedHashMap<>();
    private volatile boolean cancelled;
    private volatile AnsibleProcess process;
    /** Asking again why ssh gave up on hosts whose reason pipelining lost; null when none is under way. */
    private volatile SecondAttempt secondAttempt;
    private FanOutRun run;
    /** How many batches have started: they run one after another, never two at once. */
    private int batches;
    /** Done when Ansible starts the play; failed when it refused (exited first), or was not waited for longer. */
    private final java.util.concurrent.CompletableFuture<Void> acceptance = new java.util.concurrent.CompletableFuture<>();
    /** Records the run in the incident once Ansible accepted it, before any host's result. */
    private final Runnable onAccepted;

    /** @param onAccepted run once Ansible starts the play, before any result is recorded (not when preflighted) */
    AnsibleEngine(Prepared prepared, ExecPlan plan, Map<String, String> values, List<Node> nodes, Path spoolDirectory,
            Optional<IncidentSession> incident, Runnable onAccepted) {
        this.onAccepted = onAccepted;
        if (prepared.preflighted()) {
            acceptance.complete(null);
        }
        this.prepared = prepared;
        this.plan = plan;
        this.values = values;
        this.spoolDirectory = spoolDirectory;
        this.incident = incident;
        nodes.forEach(node -> byName.put(node.name(), node));
    }

    /**
     * Finds Ansible, the inventory the nodes come from and the callback to read results with. A run in batches, or
     * read from {@code --tree} files, first asks Ansible which hosts it would run on (a Python start, about a second
     * on a busy laptop; off the UI thread): a later batch must not find out then that a host is unknown, and without
     * the jsonl stream Baton cannot tell when Ansible accepted the hosts. A run on all nodes at once skips that
     * question: Ansible's own run refuses the same things before any host runs ({@link #awaitAccepted}).
     *
     * @throws dev.baton.ansible.AnsibleMissing naming the package, when Ansible is not installed
     * @throws AnsibleRefused with Ansible's words, when it rejects the inventory or matches no host
     */
    static Prepared prepare(AnsibleSettings settings, List<Node> nodes, ExecPlan plan, Map<String, String> values,
            FanOut.Options options, Path spoolDirectory) throws IOException {
        if (nodes.isEmpty()) {
            throw new AnsibleRefused("No node to run on.");
        }
        Set<String> sources = nodes.stream().map(Node::source).collect(Collectors.toCollection(
                java.util.LinkedHashSet::new));
        String source = sources.iterator().next();
        if (sources.size() > 1 || source.isBlank() || !Files.isRegularFile(Path.of(source))) {
            throw new AnsibleRefused("The Ansible engine runs nodes of one Ansible inventory file; these come from "
                    + (source.isBlank() ? "no inventory" : String.join(", ", sources))
                    + ". Choose nodes of one inventory, or the SSH engine.");
        }
        List<String> odd = nodes.stream().map(Node::name).filter(name -> !PLAIN_HOST.matcher(name).matches()).toList();
        if (!odd.isEmpty()) {
            throw new AnsibleRefused("These host names would be read as Ansible patterns, not names: "
                    + String.join(", ", odd) + ". Run them with the SSH engine.");
        }
        AnsibleCommand command = AnsibleCommand.locate(settings.path(), settings.environment());
        Path inventory = Path.of(source).toAbsolutePath();
        Path tree = settings.treeOnly() || !command.hasCallback(AnsibleCommand.JSONL_CALLBACK)
                ? privateFolder(spoolDirectory) : null;
        Path project = AnsibleProject.folderOf(inventory).orElse(null);
        Map<String, String> runEnvironment = new java.util.HashMap<>(System.getenv());
        runEnvironment.putAll(command.environment());
        // Ansible runs in the project folder, or else in Baton's own: the ansible.cfg it reads is found from there.
        Map<String, String> defaults = dev.baton.ansible.AnsibleConfigFile.forRun(runEnvironment,
                project != null ? project : Path.of("").toAbsolutePath()).batonDefaults(runEnvironment);
        AnsibleInvocation invocation = new AnsibleInvocation("all", inventory,
                nodes.stream().map(Node::name).toList(), Math.min(options.concurrency(), nodes.size()),
                options.perNodeTimeout(), plan.command(), project, tree, defaults);
        boolean preflight = tree != null || options.rollout().batches(nodes).size() > 1;
        if (preflight) {
            List<String> matched = command.listHosts(invocation);
            List<String> unknown = nodes.stream().map(Node::name).filter(name -> !matched.contains(name)).toList();
            if (!unknown.isEmpty()) {
                throw new AnsibleRefused("Ansible's inventory " + inventory + " has no host "
                        + String.join(", ", unknown) + "; nothing ran.");
            }
        }
        return new Prepared(command, invocation, invocation.shown(Secrets.redact(plan.command(), values)), preflight);
    }

    /**
     * Waits until Ansible has accepted the run (parsed the inventory, matched every host, started the play), which
     * is when the run was recorded. A refusal, an Ansible that could not start or did not accept within 30 s, leaves
     * nothing recorded and nothing running.
     *
     * @throws AnsibleRefused with Ansible's own words
     */
    void awaitAccepted() throws IOException {
        try {
            acceptance.get(ACCEPT_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return;
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof IOException refused ? refused : new IOException(e.getCause());
        } catch (java.util.concurrent.TimeoutException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            synchronized (acceptance) {
                if (acceptance.isDone() && !acceptance.isCompletedExceptionally()) {
                    return; // accepted just now: the run goes on and was recorded
                }
                acceptance.completeExceptionally(new IOException("Ansible did not start the run within "
                        + ACCEPT_TIMEOUT.toSeconds() + " s; it was stopped and nothing was recorded."));
            }
        }
        AnsibleProcess running = process;
        if (running != null) {
            running.cancel();
        }
        throw new IOException("Ansible did not start the run within " + ACCEPT_TIMEOUT.toSeconds()
                + " s (a slow inventory script?); it was stopped before any host ran and nothing was recorded.");
    }

    private boolean abandoned() {
        return acceptance.isCompletedExceptionally();
    }

    /** Ansible started the play: the run is recorded, then the results that follow on this thread. */
    private void accepted() {
        synchronized (acceptance) {
            if (acceptance.isDone()) {
                return;
            }
            onAccepted.run();
            acceptance.complete(null);
        }
    }

    /** Ansible ended without starting the play: the refusal in its own words, nothing reported or recorded. */
    private AnsibleRefused refusal(int exit, String diagnostics, List<String> hosts) {
        String words = diagnostics.isEmpty() ? "" : ": " + diagnostics;
        if (exit == 0 || diagnostics.contains("Could not match supplied host pattern")
                || diagnostics.contains("No hosts matched")) {
            return new AnsibleRefused("The pattern '" + prepared.invocation().pattern() + "' limited to "
                    + String.join(", ", hosts) + " matches no host of Ansible's inventory" + words);
        }
        return new AnsibleRefused("Ansible rejected the inventory or the pattern (exit " + exit + ")" + words);
    }

    private static Path privateFolder(Path parent) throws IOException {
        Files.createDirectories(parent);
        return Files.createTempDirectory(parent, "ansible-tree-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    @Override
    public void start(FanOutRun started, List<Node> batch) {
        this.run = started;
        for (Node node : batch) {
            started.report(NodeOutcome.waiting(node).with(NodeOutcome.Status.RUNNING));
        }
        List<String> names = batch.stream().map(Node::name).toList();
        AnsibleInvocation first = prepared.invocation();
        // This batch's hosts whose unreachable reason pipelining lost, with Ansible's words: asked again at its end.
        Map<String, String> lost = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
        AnsibleInvocation invocation;
        try {
            // A batch after the first gets a --tree folder of its own: each batch's is removed when it ends.
            Path tree = first.treeDirectory() == null ? null
                    : batches == 0 ? first.treeDirectory() : privateFolder(spoolDirectory);
            batches++;
            invocation = first.on(names, tree);
            process = AnsibleProcess.start(prepared.command(), invocation, new AnsibleProcess.Listener() {
                @Override
                public void host(HostResult result) {
                    hostEnded(result, lost);
                }

                @Override
                public void accepted() {
                    AnsibleEngine.this.accepted();
                }
            });
        } catch (IOException e) {
            if (!acceptance.isDone()) {
                acceptance.completeExceptionally(new IOException("Ansible could not be started: " + e.getMessage()
                        + "; nothing ran.", e));
                return;
            }
            String reason = "Ansible could not be started: " + e.getMessage();
            batch.forEach(node -> endUnreported(node, NodeOutcome.Status.FAILED, reason));
            return;
        }
        AnsibleProcess batchProcess = process;
        Thread waiter = new Thread(() -> awaitEnd(batchProcess, invocation, lost), "baton-ansible-wait");
        waiter.setDaemon(true);
        waiter.start();
    }

    @Override
    public void leftOut(Node node, String reason) {
        record(RunResult.notStarted(node.name(), plan.command(), reason));
    }

    @Override
    public void cancel() {
        cancelled = true;
        AnsibleProcess running = process;
        if (running == null) {
            return;
        }
        // TERM, then KILL after a grace period: not on the caller's (perhaps the UI's) thread.
        Thread stopper = new Thread(() -> {
            running.cancel();
            SecondAttempt asking = secondAttempt;
            if (asking != null) {
                asking.cancel();
            }
        }, "baton-ansible-cancel");
        stopper.setDaemon(true);
        stopper.start();
    }

    private void awaitEnd(AnsibleProcess process, AnsibleInvocation invocation, Map<String, String> lost) {
        int exit;
        try {
            exit = process.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (!acceptance.isDone()) {
            String diagnostics = process.diagnostics();
            acceptance.completeExceptionally(refusal(exit, diagnostics, invocation.limit()));
        }
        if (abandoned()) {
            if (invocation.treeDirectory() != null) {
                deleteTree(invocation.treeDirectory());
            }
            return;
        }
        Set<String> reported = process.reported();
        List<String> unreported = invocation.limit().stream().filter(name -> !reported.contains(name)).toList();
        if (cancelled && !unreported.isEmpty()) {
            run.engineNote("Ansible was stopped. The command may still be running on " + String.join(", ", unreported)
                    + ": Ansible reports a host only when its command ends.");
        }
        String diagnostics = process.diagnostics();
        for (String name : unreported) {
            Node node = byName.get(name);
            if (cancelled) {
                endUnreported(node, NodeOutcome.Status.CANCELLED,
                        "Ansible was stopped; the command may still be running on this host");
            } else {
                // Exit 4 is Ansible's "a host was unreachable"; anything else without a result is Ansible failing.
                endUnreported(node, exit == 4 ? NodeOutcome.Status.UNREACHABLE : NodeOutcome.Status.FAILED,
                        "Ansible ended (exit " + exit + ") without a result for this host"
                                + (diagnostics.isEmpty() ? "" : ": " + diagnostics));
            }
        }
        Path tree = invocation.treeDirectory();
        if (tree != null) {
            deleteTree(tree);
        }
        if (!lost.isEmpty()) {
            askAgain(invocation, copy(lost));
        }
    }

    private static Map<String, String> copy(Map<String, String> synchronizedMap) {
        synchronized (synchronizedMap) {
            return new LinkedHashMap<>(synchronizedMap);
        }
    }

    /**
     * Ansible lost ssh's words for these hosts to its broken pipe: asked once more, without pipelining, after the
     * batch's Ansible ended (one Python start for all of them, and every other host's result already shown). Each
     * host is recorded and shown once, with the second attempt's words and what the first said.
     */
    private void askAgain(AnsibleInvocation invocation, Map<String, String> first) {
        Path tree = null;
        Map<String, String> reasons;
        try {
            tree = invocation.treeDirectory() == null ? null : privateFolder(spoolDirectory);
            SecondAttempt attempt = new SecondAttempt(prepared.command(),
                    invocation.askingAgain(List.copyOf(first.keySet()), tree), SecondAttempt.TIMEOUT);
            secondAttempt = attempt;
            if (cancelled) {
                attempt.cancel();
            }
            run.engineNote((run.engineNote().isEmpty() ? "" : run.engineNote() + " ") + "With pipelining, Ansible lost"
                    + " ssh's words for why it could not reach " + String.join(", ", first.keySet()) + " to a broken"
                    + " pipe; Baton asked again without pipelining: " + attempt.shown() + ".");
            reasons = attempt.reasons(first);
        } catch (IOException e) {
            reasons = SecondAttempt.notMade(first, "Baton could not prepare it: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reasons = SecondAttempt.notMade(first, "Baton was interrupted while waiting for it");
        } finally {
            secondAttempt = null;
            if (tree != null) {
                deleteTree(tree);
            }
        }
        for (Map.Entry<String, String> host : reasons.entrySet()) {
            unreachable(byName.get(host.getKey()), host.getValue());
        }
    }

    private void unreachable(Node node, String reason) {
        record(RunResult.notStarted(node.name(), plan.command(), reason));
        run.report(NodeOutcome.ended(node, NodeOutcome.Status.UNREACHABLE, reason));
    }

    private void endUnreported(Node node, NodeOutcome.Status status, String reason) {
        RunResult result = new RunResult(node.name(), plan.command(), Instant.now(), Duration.ZERO,
                status == NodeOutcome.Status.CANCELLED ? RunOutcome.CANCELLED : RunOutcome.NOT_STARTED, null, null,
                OutputSpool.empty(), OutputSpool.empty(), reason);
        record(result);
        run.report(NodeOutcome.ended(node, status, reason));
    }

    private void hostEnded(HostResult host, Map<String, String> lost) {
        if (abandoned()) {
            return;
        }
        Node node = byName.get(host.host());
        if (node == null) {
            LOG.warn("Ansible reported host {}, which this run did not ask for", host.host());
            return;
        }
        if (host.ending() == HostResult.Ending.UNREACHABLE && prepared.invocation().pipelinedByBaton()
                && UnreachableMessage.lostSshsWords(host.message())) {
            // Shown as unreachable-to-be-explained; recorded once, when the second attempt has said why.
            lost.put(node.name(), host.message());
            run.report(new NodeOutcome(node, NodeOutcome.Status.RUNNING, null, Duration.ZERO, "", "",
                    "unreachable; asking ssh again why (pipelining lost its words)", null));
            return;
        }
        if (host.ending() == HostResult.Ending.UNREACHABLE) {
            unreachable(node, kindOf(host.message()) + host.message());
            return;
        }
        OutputSpool stdout = spool(node, "stdout", host.stdout());
        OutputSpool stderr = spool(node, "stderr", host.stderr());
        String note = host.ending() == HostResult.Ending.FAILED ? "Ansible: " + host.message() : "";
        RunResult result = new RunResult(node.name(), plan.command(), host.startedAt(), host.duration(),
                RunOutcome.COMPLETED, host.rc(), null, stdout, stderr, note);
        NodeOutcome.Status status = result.succeeded() ? NodeOutcome.Status.SUCCEEDED
                : host.message().contains("expected time frame") ? NodeOutcome.Status.TIMED_OUT
                : NodeOutcome.Status.FAILED;
        String reason = status == NodeOutcome.Status.SUCCEEDED ? ""
                : host.rc() != null ? result.summary() : "Ansible: " + host.message();
        String key = status + "|" + host.rc() + "|" + null + "|" + sha256(host.stdout()) + ":" + sha256(host.stderr());
        record(result);
        run.report(new NodeOutcome(node, status, host.rc(), host.duration(), FanOutRun.firstLine(result), key,
                reason, result));
    }

    /** Ansible's unreachable message sorted as Baton's own SSH sorts its failures, so alike nodes group alike. */
    static String kindOf(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("host key verification failed") || lower.contains("remote host identification")) {
            return "host key: ";
        }
        if (lower.contains("connection refused")) {
            return "refused: ";
        }
        if (lower.contains("permission denied")) {
            return "auth: ";
        }
        if (lower.contains("timed out") || lower.contains("timeout")) {
            return "timeout: ";
        }
        if (lower.contains("could not resolve")) {
            return "DNS: ";
        }
        return "";
    }

    private OutputSpool spool(Node node, String stream, String text) {
        OutputSpool spool = new OutputSpool(spoolDirectory, node.name() + "-" + stream, FanOut.MEMORY_PER_NODE);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            spool.write(bytes, 0, bytes.length);
        } catch (IOException e) {
            LOG.warn("Output of {} not kept whole: {}", node.name(), e.toString());
        }
        return spool;
    }

    private void record(RunResult result) {
        incident.ifPresent(session -> session.runResult(result, values).exceptionally(failure -> {
            LOG.warn("Result of {} not recorded: {}", result.node(), failure.toString());
            return null;
        }));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void deleteTree(Path tree) {
        try (var files = Files.list(tree)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(tree);
        } catch (IOException e) {
            LOG.warn("Ansible's result folder {} not removed: {}", tree, e.toString());
        }
    }
}
