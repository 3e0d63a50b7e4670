package dev.baton.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.ansible.AnsibleMissing;
import dev.baton.ansible.AnsibleRefused;
import dev.baton.inventory.Inventory;
import dev.baton.inventory.InventoryLoader;
import dev.baton.inventory.Node;
import dev.baton.session.AnsibleSettings;
import dev.baton.session.Engine;
import dev.baton.session.FanOut;
import dev.baton.session.FanOutRun;
import dev.baton.session.NodeOutcome;
import dev.baton.session.OutputGroup;
import dev.baton.session.Targets;
import dev.baton.step.ExecPlan;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Ansible engine against Debian's ansible and Debian's OpenSSH sshd on loopback addresses, host key checking
 * on with a known_hosts the test owns: two healthy nodes, one where the step fails, one whose key changed, one
 * whose port is closed.
 */
class AnsibleEngineOpenSshTest {
    /** Fails on 127.0.0.3 only, with a line on stderr; says the same on every other node. */
    private static final String STEP = "case \"$SSH_CONNECTION\" in *' 127.0.0.3 '*) echo 'broken here' >&2; exit 3;;"
            + " esac; echo 'all well'; echo '{{ not jinja }} chdir=/nowhere'";

    @TempDir
    static Path dir;
    static OpenSshServer sshd;
    static Path clientKey;
    static Path knownHosts;
    static Path inventoryFile;
    static Map<String, String> ansibleEnvironment;
    static int closedPort;

    @BeforeAll
    static void start() throws Exception {
        clientKey = InProcessSshServer.generateClientKey(dir.resolve("keys"), "id_ed25519", "");
        sshd = OpenSshServer.start(dir.resolve("sshd"), Path.of(clientKey + ".pub"), "ListenAddress 127.0.0.2",
                "ListenAddress 127.0.0.3", "ListenAddress 127.0.0.4", "ListenAddress 127.0.0.6", "MaxStartups 100");
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.5"))) {
            closedPort = probe.getLocalPort();
        }
        knownHosts = dir.resolve("known_hosts");
        // 127.0.0.4 is listed with another key: it changed since the responder last connected.
        Files.writeString(knownHosts, sshd.knownHostsLines(List.of("127.0.0.2", "127.0.0.3", "127.0.0.6"))
                + "[127.0.0.4]:" + sshd.port()
                + " ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHQZ4mW2b5W0h2dFq4mCq0m3l0t8c7nB3m0h1x1rP5oE\n");
        inventoryFile = dir.resolve("inventory.ini");
        Files.writeString(inventoryFile, String.join("\n",
                "[fleet]",
                "ok1 ansible_host=127.0.0.2",
                "ok2 ansible_host=127.0.0.6",
                "bad ansible_host=127.0.0.3",
                "changed ansible_host=127.0.0.4",
                "dead ansible_host=127.0.0.5 ansible_port=" + closedPort,
                "[fleet:vars]",
                "ansible_port=" + sshd.port(),
                "ansible_user=" + System.getProperty("user.name"),
                "ansible_ssh_private_key_file=" + clientKey,
                "ansible_python_interpreter=/usr/bin/python3",
                "ansible_ssh_common_args='-o UserKnownHostsFile=" + knownHosts
                        + " -o StrictHostKeyChecking=yes -o IdentitiesOnly=yes -o BatchMode=yes'",
                "baton_engine=ansible", ""));
        Files.createDirectories(dir.resolve("remote-tmp"));
        // Ansible keeps its own files in the test's folder, not in ~/.ansible; no ssh master outlives a run.
        ansibleEnvironment = Map.of("ANSIBLE_HOME", dir.resolve("ansible-home").toString(),
                "ANSIBLE_LOCAL_TEMP", dir.resolve("ansible-tmp").toString(),
                "ANSIBLE_REMOTE_TEMP", dir.resolve("remote-tmp").toString(),
                "ANSIBLE_SSH_ARGS", "-o ControlMaster=no",
                "ANSIBLE_SSH_RETRIES", "0");
    }

    @AfterAll
    static void stop() {
        if (sshd != null) {
            sshd.close();
        }
    }

    private static AnsibleSettings settings() {
        return new AnsibleSettings(System.getenv("PATH"), ansibleEnvironment, false);
    }

    private static List<Node> fleet() {
        Inventory inventory = InventoryLoader.load(List.of(inventoryFile));
        assertThat(inventory.problems()).isEmpty();
        return Targets.group(inventory, "fleet");
    }

    private static FanOutRun runThroughAnsible(AnsibleSettings settings, List<Node> nodes, String step)
            throws Exception {
        FanOut fanOut = new FanOut(FanOut.Connections.opening(null), dir.resolve("spool"), Optional.empty(), settings);
        return fanOut.start(null, 1, ExecPlan.of(step, Map.of()), nodes, Map.of(), FanOut.Options.DEFAULT,
                Engine.ANSIBLE, outcome -> { });
    }

    private static NodeOutcome outcome(FanOutRun run, String name) {
        return run.outcomes().stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void inventoryWithBatonEngineAnsibleMakesAnsibleTheDefault() {
        assertThat(Engine.defaultFor(fleet())).isEqualTo(Engine.ANSIBLE);
    }

    @Test
    void eachHostLandsInTheGridWithItsOutputExitAndAnsiblesOwnMessage() throws Exception {
        FanOutRun run = runThroughAnsible(settings(), fleet(), STEP);
        assertThat(run.await(Duration.ofSeconds(120))).isTrue();
        assertResults(run);
    }

    @Test
    void withoutTheJsonlCallbackResultsComeFromTreeFiles() throws Exception {
        FanOutRun run = runThroughAnsible(settings().withTreeOnly(), fleet(), STEP);
        assertThat(run.await(Duration.ofSeconds(120))).isTrue();
        assertResults(run);
    }

    /**
     * As with Debian's ansible-core alone: Ansible no longer finds the collections Debian's {@code ansible} package
     * installs, so the jsonl callback is missing; Baton notices and reads {@code --tree} files instead.
     */
    @Test
    void withOnlyAnsibleCoreTheMissingCallbackIsNoticedAndTreeFilesAreRead() throws Exception {
        Map<String, String> coreOnly = new java.util.HashMap<>(ansibleEnvironment);
        coreOnly.put("ANSIBLE_COLLECTIONS_SCAN_SYS_PATH", "False");
        dev.baton.session.IncidentSession session = new dev.baton.session.IncidentSession(
                new dev.baton.incident.IncidentStore(dir.resolve("core-only-data")), "ana");
        FanOut fanOut = new FanOut(FanOut.Connections.opening(null), dir.resolve("spool"), Optional.of(session),
                new AnsibleSettings(System.getenv("PATH"), coreOnly, false));
        FanOutRun run = fanOut.start(null, 1, ExecPlan.of(STEP, Map.of()), fleet(), Map.of(), FanOut.Options.DEFAULT,
                Engine.ANSIBLE, outcome -> { });
        assertThat(run.await(Duration.ofSeconds(120))).isTrue();
        assertResults(run);
        session.drain();
        assertThat(session.snapshot().get().orElseThrow().events().stream().map(dev.baton.incident.TimelineEvent::typed)
                .filter(dev.baton.incident.IncidentEvent.StepRun.class::isInstance)
                .map(e -> ((dev.baton.incident.IncidentEvent.StepRun) e).engineCommand()))
                .singleElement().asString().contains("--tree ");
        session.close();
    }

    private static void assertResults(FanOutRun run) throws Exception {
        assertThat(run.engine()).isEqualTo(Engine.ANSIBLE);
        NodeOutcome ok = outcome(run, "ok1");
        assertThat(ok.status()).isEqualTo(NodeOutcome.Status.SUCCEEDED);
        assertThat(ok.exit()).isZero();
        assertThat(ok.firstLine()).isEqualTo("all well");
        // Neither templated by Jinja nor taken as the shell module's chdir option, and not stripped of its newline.
        assertThat(ok.result().stdout().text()).isEqualTo("all well\n{{ not jinja }} chdir=/nowhere\n");
        NodeOutcome bad = outcome(run, "bad");
        assertThat(bad.status()).isEqualTo(NodeOutcome.Status.FAILED);
        assertThat(bad.exit()).isEqualTo(3);
        assertThat(bad.result().stderr().text()).isEqualTo("broken here\n");
        assertThat(bad.reason()).startsWith("exit 3");
        assertSaysTheChangedKey(outcome(run, "changed"));
        assertSaysRefused(outcome(run, "dead"));
        assertThat(run.groups()).extracting(OutputGroup::size).containsExactly(2, 1, 1, 1);
    }

    /**
     * ssh's own words, always: with pipelining Ansible may lose them to its broken pipe (its ssh plugin writes the
     * module into ssh's stdin while ssh gives up), and Baton then asks again without pipelining.
     */
    private static void assertSaysTheChangedKey(NodeOutcome changed) {
        assertThat(changed.status()).isEqualTo(NodeOutcome.Status.UNREACHABLE);
        assertThat(changed.reason()).startsWith("host key: ").contains("Host key verification failed")
                .doesNotContain("attempt reached");
    }

    private static void assertSaysRefused(NodeOutcome dead) {
        assertThat(dead.status()).isEqualTo(NodeOutcome.Status.UNREACHABLE);
        assertThat(dead.reason()).startsWith("refused: ").contains("Connection refused")
                .doesNotContain("attempt reached");
    }

    /**
     * Many hosts ssh gives up on while Ansible writes a large module into its stdin: the race in Ansible's ssh plugin
     * that reports "Broken pipe" instead of ssh's words is likely here, and every host must still say why ssh gave up.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "results from {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"jsonl", "tree"})
    void everyHostSshGivesUpOnSaysWhyEvenWhenAnsibleLostSshsWordsToABrokenPipe(String results) throws Exception {
        Path inventory = dir.resolve("racing-" + results + ".ini");
        StringBuilder hosts = new StringBuilder("[racing]\nok1 ansible_host=127.0.0.2\n");
        for (int i = 1; i <= 10; i++) {
            hosts.append("changed").append(i).append(" ansible_host=127.0.0.4\n");
            hosts.append("dead").append(i).append(" ansible_host=127.0.0.5 ansible_port=").append(closedPort)
                    .append('\n');
        }
        Files.writeString(inventory, hosts + Files.readString(inventoryFile).substring(
                Files.readString(inventoryFile).indexOf("[fleet:vars]")).replace("[fleet:vars]", "[racing:vars]"));
        List<Node> nodes = Targets.group(InventoryLoader.load(List.of(inventory)), "racing");
        // 100 KB of a no-op argument: the module Ansible writes into each ssh's stdin outlasts the pipe's buffer.
        String step = ": '" + "x".repeat(100_000) + "'; echo all well";
        dev.baton.session.IncidentSession session = new dev.baton.session.IncidentSession(
                new dev.baton.incident.IncidentStore(dir.resolve("racing-data-" + results)), "ana");
        FanOut fanOut = new FanOut(FanOut.Connections.opening(null), dir.resolve("spool"), Optional.of(session),
                results.equals("tree") ? settings().withTreeOnly() : settings());
        FanOutRun run = fanOut.start(null, 1, ExecPlan.of(step, Map.of()), nodes, Map.of(),
                FanOut.Options.DEFAULT, Engine.ANSIBLE, outcome -> { });
        assertThat(run.await(Duration.ofSeconds(180))).isTrue();
        assertThat(outcome(run, "ok1").status()).isEqualTo(NodeOutcome.Status.SUCCEEDED);
        for (int i = 1; i <= 10; i++) {
            assertSaysTheChangedKey(outcome(run, "changed" + i));
            assertSaysRefused(outcome(run, "dead" + i));
        }
        assertThat(run.groups()).extracting(OutputGroup::size).containsExactly(10, 10, 1);
        session.drain();
        assertThat(session.snapshot().get().orElseThrow().events().stream().map(dev.baton.incident.TimelineEvent::typed)
                .filter(dev.baton.incident.IncidentEvent.RunResult.class::isInstance)
                .map(dev.baton.incident.IncidentEvent.RunResult.class::cast)
                .filter(result -> !result.target().equals("ok1"))
                .map(result -> result.target() + " " + result.summary()))
                .as("each recorded once, as shown")
                .containsExactlyInAnyOrderElementsOf(run.outcomes().stream().filter(o -> !o.name().equals("ok1"))
                        .map(o -> o.name() + " not started: " + o.reason()).toList());
        session.close();
    }

    @Test
    void theSameStepThroughBothEnginesGivesTheSameGridGroups() throws Exception {
        List<Node> nodes = fleet();
        SshSettings direct = SshSettings.ofUser().withKnownHosts(new KnownHosts(knownHosts))
                .withConnectTimeout(Duration.ofSeconds(10)).withAgent(Optional.empty());
        FanOut fanOut = new FanOut(FanOut.Connections.opening(new SshConnector(direct, SshPrompts.NONE,
                name -> Optional.empty())), dir.resolve("spool"), Optional.empty(), settings());
        ExecPlan plan = ExecPlan.of(STEP, Map.of());
        FanOutRun throughSsh = fanOut.start(null, 1, plan, nodes, Map.of(), FanOut.Options.DEFAULT, Engine.SSH,
                outcome -> { });
        FanOutRun throughAnsible = fanOut.start(null, 1, plan, nodes, Map.of(), FanOut.Options.DEFAULT,
                Engine.ANSIBLE, outcome -> { });
        assertThat(throughSsh.await(Duration.ofSeconds(120))).isTrue();
        assertThat(throughAnsible.await(Duration.ofSeconds(120))).isTrue();
        assertThat(throughSsh.engine()).isEqualTo(Engine.SSH);
        assertThat(gridGroups(throughAnsible)).isEqualTo(gridGroups(throughSsh))
                .containsExactlyInAnyOrder("SUCCEEDED exit 0: ok1, ok2", "FAILED exit 3: bad",
                        "UNREACHABLE exit null: changed", "UNREACHABLE exit null: dead");
    }

    /** Each group as the grid shows it: how its nodes ended, and which nodes. */
    private static Set<String> gridGroups(FanOutRun run) {
        return run.groups().stream().map(group -> group.representative().status() + " exit "
                + group.representative().exit() + ": " + group.members().stream().map(NodeOutcome::name).sorted()
                .collect(Collectors.joining(", "))).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void aCanaryThroughAnsibleRunsOneHostFirstAndTheRestOnlyWhenTheResponderSaysSo() throws Exception {
        Path marks = Files.createDirectories(dir.resolve("canary-marks"));
        List<Node> healthy = fleet().stream().filter(node -> node.name().startsWith("ok")).toList();
        String step = "touch " + marks + "/$(echo $SSH_CONNECTION | cut -d' ' -f3)";
        FanOut.Options canaryFirst = FanOut.Options.DEFAULT.with(new dev.baton.session.Rollout(true, 0, false));

        dev.baton.session.IncidentSession session = new dev.baton.session.IncidentSession(
                new dev.baton.incident.IncidentStore(dir.resolve("canary-data")), "ana");
        FanOut fanOut = new FanOut(FanOut.Connections.opening(null), dir.resolve("spool"), Optional.of(session),
                settings());
        java.util.concurrent.CompletableFuture<Boolean> answer = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture<FanOut.CanaryDone> asked = new java.util.concurrent.CompletableFuture<>();
        FanOutRun stopped = fanOut.start(null, 1, ExecPlan.of(step, Map.of()), healthy, Map.of(), canaryFirst,
                Engine.ANSIBLE, outcome -> { }, done -> {
                    asked.complete(done);
                    return answer;
                });
        FanOut.CanaryDone canary = asked.get(120, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(canary.canary().status()).isEqualTo(NodeOutcome.Status.SUCCEEDED);
        try (var made = Files.list(marks)) {
            assertThat(made.toList()).as("only the canary ran").hasSize(1);
        }
        answer.complete(false);
        assertThat(stopped.await(Duration.ofSeconds(30))).isTrue();
        NodeOutcome rest = stopped.outcomes().stream().filter(o -> !o.name().equals(canary.canary().name()))
                .findFirst().orElseThrow();
        assertThat(rest.status()).isEqualTo(NodeOutcome.Status.NOT_RUN);
        assertThat(rest.reason()).contains("stopped after the canary on " + canary.canary().name());
        session.drain();
        assertThat(session.snapshot().get().orElseThrow().events().stream().map(dev.baton.incident.TimelineEvent::typed)
                .filter(dev.baton.incident.IncidentEvent.RunResult.class::isInstance)).as("both nodes recorded")
                .hasSize(2);

        FanOutRun continued = fanOut.start(null, 1, ExecPlan.of(step, Map.of()), healthy, Map.of(), canaryFirst,
                Engine.ANSIBLE, outcome -> { }, done -> java.util.concurrent.CompletableFuture.completedFuture(true));
        assertThat(continued.await(Duration.ofSeconds(120))).isTrue();
        assertThat(continued.outcomes()).allSatisfy(o -> assertThat(o.status()).isEqualTo(NodeOutcome.Status.SUCCEEDED));
        assertThat(marks.resolve("127.0.0.2")).exists();
        assertThat(marks.resolve("127.0.0.6")).exists();
    }

    @Test
    void cancelStopsAnsiblesProcessGroupAndSaysWhereTheCommandMayStillRun() throws Exception {
        Path marks = Files.createDirectories(dir.resolve("marks"));
        List<Node> healthy = fleet().stream().filter(node -> node.name().startsWith("ok")).toList();
        dev.baton.session.IncidentSession session = new dev.baton.session.IncidentSession(
                new dev.baton.incident.IncidentStore(dir.resolve("cancel-data")), "ana");
        FanOut fanOut = new FanOut(FanOut.Connections.opening(null), dir.resolve("spool"), Optional.of(session),
                settings());
        FanOutRun run = fanOut.start(null, 1, ExecPlan.of("touch " + marks
                + "/$(echo $SSH_CONNECTION | cut -d' ' -f3); sleep 20", Map.of()), healthy, Map.of(),
                FanOut.Options.DEFAULT, Engine.ANSIBLE, outcome -> { });
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!(Files.exists(marks.resolve("127.0.0.2")) && Files.exists(marks.resolve("127.0.0.6")))) {
            assertThat(System.nanoTime()).as("the step started on both nodes").isLessThan(deadline);
            Thread.sleep(50);
        }
        assertThat(run.outcomes()).allSatisfy(o -> assertThat(o.status()).isEqualTo(NodeOutcome.Status.RUNNING));
        run.cancel();
        assertThat(run.await(Duration.ofSeconds(15))).isTrue();
        assertThat(run.outcomes()).allSatisfy(o -> {
            assertThat(o.status()).isEqualTo(NodeOutcome.Status.CANCELLED);
            assertThat(o.reason()).contains("may still be running");
        });
        assertThat(run.engineNote()).contains("ok1").contains("ok2").contains("may still be running");
        session.drain();
        assertThat(session.snapshot().get().orElseThrow().events().stream().map(dev.baton.incident.TimelineEvent::typed)
                .filter(dev.baton.incident.IncidentEvent.RunResult.class::isInstance)
                .map(dev.baton.incident.IncidentEvent.RunResult.class::cast))
                .hasSize(2).allSatisfy(result -> {
                    assertThat(result.outcome()).isEqualTo("CANCELLED");
                    assertThat(result.summary()).contains("may still be running");
                });
        session.close();
        assertThat(ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse(""))
                .filter(line -> line.contains(inventoryFile.toString()))).isEmpty();
    }

    @Test
    void theIncidentRecordsTheEngineItsVersionAndItsCommandLineWithSecretsMasked() throws Exception {
        dev.baton.session.IncidentSession session = new dev.baton.session.IncidentSession(
                new dev.baton.incident.IncidentStore(dir.resolve("data")), "ana");
        FanOut fanOut = new FanOut(FanOut.Connections.opening(null), dir.resolve("spool"), Optional.of(session),
                settings());
        Map<String, String> values = Map.of("api_token", "s3cr3t-value");
        List<Node> healthy = fleet().stream().filter(node -> node.name().startsWith("ok")).toList();
        FanOutRun run = fanOut.start(null, 1, ExecPlan.of("echo <api_token> | wc -c", values), healthy, values,
                FanOut.Options.DEFAULT, Engine.ANSIBLE, outcome -> { });
        assertThat(run.await(Duration.ofSeconds(120))).isTrue();
        assertThat(run.outcomes()).allSatisfy(o -> assertThat(o.firstLine()).isEqualTo("13"));
        session.drain();
        List<dev.baton.incident.IncidentEvent> events = session.snapshot().get().orElseThrow().events().stream()
                .map(dev.baton.incident.TimelineEvent::typed).toList();
        assertThat(events).filteredOn(dev.baton.incident.IncidentEvent.StepRun.class::isInstance).singleElement()
                .satisfies(e -> {
                    dev.baton.incident.IncidentEvent.StepRun started = (dev.baton.incident.IncidentEvent.StepRun) e;
                    assertThat(started.engine()).isEqualTo("ansible");
                    assertThat(started.engineVersion()).startsWith("ansible [core ");
                    assertThat(started.engineCommand()).startsWith("ansible all -i " + inventoryFile)
                            .contains("--limit ok1,ok2", "-m shell", "<api_token: not recorded>")
                            .doesNotContain("s3cr3t");
                });
        assertThat(events).filteredOn(dev.baton.incident.IncidentEvent.RunResult.class::isInstance).hasSize(2);
        session.close();
    }

    /**
     * Quotes of every kind, a shell substitution, Jinja, module option words, a Unicode line separator, a combining
     * mark and a character beyond the BMP: the node's shell prints them back exactly. (Control characters never
     * reach an engine: the step's plan strips them, as for a terminal.)
     */
    @Test
    void aHostileStepReachesTheNodeExactlyAsWritten() throws Exception {
        String hostile = "it's \"quoted\" $HOME `id` \\n {{x y}} {% raw %} {%endraw%} chdir=/ creates=/x"
                + " sep\u2028 e\u0301 \uD83D\uDE00 end";
        List<Node> one = fleet().stream().filter(node -> node.name().equals("ok1")).toList();
        FanOutRun run = runThroughAnsible(settings(), one, "cat <<'BATON_END'\n" + hostile + "\nBATON_END");
        assertThat(run.await(Duration.ofSeconds(120))).isTrue();
        NodeOutcome ok = outcome(run, "ok1");
        assertThat(ok.status()).as(ok.reason()).isEqualTo(NodeOutcome.Status.SUCCEEDED);
        assertThat(hex(ok.result().stdout().text())).isEqualTo(hex(hostile + "\n"));
    }

    /** Code points in hex, so that a difference in an invisible character shows. */
    private static List<String> hex(String text) {
        return text.codePoints().mapToObj(Integer::toHexString).toList();
    }

    @Test
    void withoutAnsibleOnThePathTheMessageNamesThePackage() {
        assertThatThrownBy(() -> runThroughAnsible(new AnsibleSettings("", ansibleEnvironment, false), fleet(), "true"))
                .isInstanceOf(AnsibleMissing.class).hasMessageContaining("'ansible' package");
    }

    @Test
    void anInventoryAnsibleRejectsIsRefusedWithAnsiblesWords() throws Exception {
        Path broken = dir.resolve("broken.ini");
        Files.writeString(broken, "[fleet\nok1 ansible_host=127.0.0.2\n");
        Node node = new Node("ok1", "127.0.0.2", sshd.port(), "root", List.of(), false, List.of(), Duration.ZERO, 3,
                false, List.of("fleet"), broken.toString());
        assertThatThrownBy(() -> runThroughAnsible(settings(), List.of(node), "true"))
                .isInstanceOf(AnsibleRefused.class).hasMessageContaining("Ansible rejected the inventory")
                .hasMessageContaining("No inventory was parsed");
    }

    @Test
    void nodesOfNoAnsibleInventoryAreRefusedBeforeAnsibleIsAsked() {
        Node typed = Node.direct("root@127.0.0.2:" + sshd.port(), "127.0.0.2", sshd.port(), "root");
        assertThatThrownBy(() -> runThroughAnsible(new AnsibleSettings("", ansibleEnvironment, false), List.of(typed),
                "true")).isInstanceOf(AnsibleRefused.class).hasMessageContaining("one Ansible inventory file");
    }

    @Test
    void aHostAnsiblesInventoryDoesNotHaveIsRefused() {
        Node ghost = new Node("ghost", "127.0.0.9", 22, "root", List.of(), false, List.of(), Duration.ZERO, 3,
                false, List.of("fleet"), inventoryFile.toString());
        assertThatThrownBy(() -> runThroughAnsible(settings(), List.of(ghost), "true"))
                .isInstanceOf(AnsibleRefused.class).hasMessageContaining("matches no host");
    }

    /** An {@code ansible} on a PATH of its own that logs each start (its pipelining setting and arguments). */
    private static AnsibleSettings logging(Path log) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("logged-" + log.getFileName()));
        Path wrapper = bin.resolve("ansible");
        Files.writeString(wrapper, "#!/bin/sh\necho \"pipelining=${ANSIBLE_PIPELINING-unset} $*\" >> '" + log
                + "'\nexec /usr/bin/ansible \"$@\"\n");
        assertThat(wrapper.toFile().setExecutable(true)).isTrue();
        Files.createSymbolicLink(bin.resolve("ansible-doc"), Path.of("/usr/bin/ansible-doc"));
        return new AnsibleSettings(bin + ":" + System.getenv("PATH"), ansibleEnvironment, false);
    }

    private static List<String> runsLogged(Path log) throws Exception {
        return Files.readAllLines(log).stream().filter(line -> !line.endsWith(" --version")).toList();
    }

    /**
     * A run on every node at once starts one Python, Ansible's run itself, instead of a {@code --list-hosts} and then
     * the run; with the jsonl stream and no word on pipelining from the team, it pipelines.
     */
    @Test
    void aRunAtOnceStartsAnsibleOnceWithPipeliningWhereTheTeamSaysNothing() throws Exception {
        Path log = dir.resolve("at-once.log");
        FanOutRun run = runThroughAnsible(logging(log), fleet(), STEP);
        assertThat(run.await(Duration.ofSeconds(120))).isTrue();
        assertResults(run);
        List<String> runs = runsLogged(log);
        assertThat(runs.get(0)).startsWith("pipelining=True all -i ").contains(" -m shell ")
                .doesNotContain("--list-hosts");
        // Then, only when pipelining lost ssh's words for an unreachable host, a ping without it on such hosts alone.
        assertThat(runs.subList(1, runs.size())).allSatisfy(line -> assertThat(line)
                .startsWith("pipelining=False all -i ").contains(" -m ping ").doesNotContain(" -m shell")
                .matches(".* --limit (changed|dead)(,(changed|dead))? .*")).hasSizeLessThan(2);
    }

    @Test
    void theTeamsAnsibleCfgDecidesPipelining() throws Exception {
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.writeString(project.resolve("ansible.cfg"), "[ssh_connection]\npipelining = False\n");
        Path inventory = Files.copy(inventoryFile, project.resolve("hosts.ini"));
        List<Node> nodes = Targets.group(InventoryLoader.load(List.of(inventory)), "fleet");
        Path log = dir.resolve("team-cfg.log");
        FanOutRun run = runThroughAnsible(logging(log), nodes, STEP);
        assertThat(run.await(Duration.ofSeconds(120))).isTrue();
        assertResults(run);
        assertThat(runsLogged(log)).singleElement().asString().startsWith("pipelining=unset ");
    }

    /**
     * Without the question before the run, Ansible's run must still refuse a host its inventory lacks before any
     * host runs (a warning and a run on the others would be the default), and nothing is recorded.
     */
    @Test
    void aHostAnsibleDoesNotKnowBesideKnownOnesStopsTheRunBeforeAnyHostRunsAndRecordsNothing() throws Exception {
        Path mark = dir.resolve("ran-beside-ghost");
        Node ghost = new Node("ghost", "127.0.0.9", 22, "root", List.of(), false, List.of(), Duration.ZERO, 3,
                false, List.of("fleet"), inventoryFile.toString());
        List<Node> nodes = new java.util.ArrayList<>(fleet().subList(0, 2));
        nodes.add(ghost);
        dev.baton.session.IncidentSession session = new dev.baton.session.IncidentSession(
                new dev.baton.incident.IncidentStore(dir.resolve("ghost-data")), "ana");
        FanOut fanOut = new FanOut(FanOut.Connections.opening(null), dir.resolve("spool"), Optional.of(session),
                settings());
        assertThatThrownBy(() -> fanOut.start(null, 1, ExecPlan.of("touch '" + mark + "'", Map.of()), nodes,
                Map.of(), FanOut.Options.DEFAULT, Engine.ANSIBLE, outcome -> { }))
                .isInstanceOf(AnsibleRefused.class).hasMessageContaining("ghost");
        session.drain();
        assertThat(mark).doesNotExist();
        assertThat(session.snapshot().get()).isEmpty();
        session.close();
    }
}
