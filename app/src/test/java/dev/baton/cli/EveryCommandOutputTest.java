package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.alerts.AlertFixtures;
import dev.baton.alerts.AlertmanagerServer;
import dev.baton.query.PrometheusServer;
import dev.baton.ssh.InProcessSshServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every command of {@code baton}, in its main modes (text, --json, the ways it fails), against real servers on
 * loopback: what it prints on stdout and stderr ends with a line feed, never says "null", and holds no log line
 * of a library (a timestamped "WARN …" or a stack trace). Each command runs in-process as the launcher builds it,
 * with System.out and System.err captured as well, where the node's output and the logs go.
 */
class EveryCommandOutputTest {
    private static final Pattern LOG_LINE = Pattern.compile(
            "(?m)^(\\d\\d:\\d\\d:\\d\\d[.,]\\d{3} .*(TRACE|DEBUG|INFO|WARN|ERROR)|\\s+at [\\w.$]+\\(|SLF4J:|"
                    + "[\\w.]+(Exception|Error)(:|$))");
    private static final String[] PROPERTIES = {"baton.data", "baton.config-home", "baton.cache"};

    @TempDir
    static Path dir;
    private static final List<String> saved = new ArrayList<>();
    private static AlertmanagerServer alertmanager;
    private static PrometheusServer prometheus;
    private static InProcessSshServer node;
    private static Path runbooks;
    private static Path key;
    private static Path knownHosts;
    private static int closedPort;

    @BeforeAll
    static void start() throws Exception {
        for (String property : PROPERTIES) {
            saved.add(System.getProperty(property));
            System.setProperty(property, dir.resolve(property).toString());
        }
        runbooks = AlertFixtures.runbookFolder(dir);
        Files.writeString(runbooks.resolve("uptime.md"), """
                # Uptime

                ```bash
                uptime
                ```
                """);
        Files.createDirectories(dir.resolve("broken"));
        Files.writeString(dir.resolve("broken/links.md"), "# Links\n\nSee [the other one](missing.md).\n");
        Files.writeString(dir.resolve("alert.json"), "{\"status\": \"firing\", \"alerts\": [" + AlertFixtures.alert(
                "PaymentsPodRestarting", "warning", "payments", "api-7f9c", "node-3:9100")
                .replace("{\"labels\"", "{\"status\": \"firing\", \"labels\"") + "]}");
        Files.writeString(dir.resolve("malformed.json"), "{\"labels\": {\"alertname\": \"X\",}");
        Files.createDirectories(dir.resolve("sources"));
        Files.writeString(dir.resolve("sources/baton.yaml"), "prometheus:\n  - name: team\n    url: http://127.0.0.1:9/\n");
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        key = InProcessSshServer.generateClientKey(dir.resolve("keys"), "id_ed25519", "");
        node = InProcessSshServer.start(InProcessSshServer.publicKeyOf(key));
        knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, node.knownHostsLine() + "\n");
        alertmanager = AlertmanagerServer.start(dir.resolve("am"));
        alertmanager.post("[" + AlertFixtures.alert("PaymentsPodRestarting", "warning", "payments", "api-7f9c",
                "node-3:9100") + "," + AlertFixtures.alert("LedgerDown", "critical", "ledger", "ledger-0",
                "node-5:9100") + "]");
        alertmanager.awaitContaining("/api/v2/alerts/groups", "LedgerDown");
        alertmanager.awaitContaining("/api/v2/alerts/groups", "PaymentsPodRestarting");
        prometheus = PrometheusServer.start(dir.resolve("prometheus"));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable server : new AutoCloseable[] {node, alertmanager, prometheus}) {
            if (server != null) {
                server.close();
            }
        }
        for (int i = 0; i < saved.size(); i++) {
            if (saved.get(i) == null) {
                System.clearProperty(PROPERTIES[i]);
            } else {
                System.setProperty(PROPERTIES[i], saved.get(i));
            }
        }
    }

    /** One invocation; {@code exit} null when any exit status will do. */
    private record Invocation(Integer exit, String... args) {}

    private static Invocation ok(String... args) {
        return new Invocation(0, args);
    }

    private static Invocation fails(int exit, String... args) {
        return new Invocation(exit, args);
    }

    private static List<Invocation> invocations() {
        String nodeAddress = InProcessSshServer.USER + "@127.0.0.1:" + node.port();
        String closedNode = InProcessSshServer.USER + "@127.0.0.1:" + closedPort;
        String am = alertmanager.url().toString();
        String prom = prometheus.url().toString();
        String rb = runbooks.toString();
        Path incidentData = dir.resolve("incidents");
        Path bundle = dir.resolve("handoff.baton");
        return List.of(
                ok("--help"), ok("--version"), ok("help"), ok("help", "run"), fails(2, "no-such-command"),
                ok("inspect", rb), ok("inspect", "--json", rb), new Invocation(null, "inspect", dir.resolve("nowhere").toString()),
                ok("lint", rb), fails(1, "lint", dir.resolve("broken").toString()),
                ok("search", "--dir", rb, "pod"), fails(1, "search", "--dir", rb, "zzyzx"),
                ok("alert", "--dir", rb, "PaymentsPodRestarting"), fails(1, "alert", "--dir", rb, "LedgerDown"),
                new Invocation(null, "alert", "--dir", rb, "--url", "https://wiki.example.com/nothing"),
                new Invocation(null, "alert", "--dir", rb),
                ok("alerts", "--dir", rb, "--alertmanager", am), ok("alerts", "--json", "--dir", rb, "--alertmanager", am),
                fails(1, "alerts", "--dir", rb, "--alertmanager", "http://127.0.0.1:" + closedPort),
                fails(1, "alerts", "--json", "--dir", rb, "--alertmanager", "http://127.0.0.1:" + closedPort),
                fails(2, "alerts", "--alertmanager", "ftp://example.com"),
                ok("open-alert", dir.resolve("alert.json").toString(), "--dir", rb, "--data", incidentData.toString()),
                fails(1, "open-alert", dir.resolve("malformed.json").toString(), "--data", incidentData.toString()),
                fails(1, "open-alert", dir.resolve("absent.json").toString(), "--data", incidentData.toString()),
                run(0, "--command", "echo hello", "--node", nodeAddress),
                run(3, "--command", "echo partly; exit 3", "--node", nodeAddress),
                run(0, "--step", runbooks.resolve("uptime.md") + "#1", "--node", nodeAddress),
                run(0, "--command", "echo hello", "--node", nodeAddress, "--node", nodeAddress),
                run(0, "--json", "--command", "echo hello", "--node", nodeAddress, "--node", nodeAddress),
                run(255, "--command", "echo hello", "--node", closedNode),
                run(255, "--json", "--command", "echo hello", "--node", closedNode, "--node", nodeAddress),
                run(2, "--step", runbooks.resolve("uptime.md") + "#9", "--node", nodeAddress),
                fails(2, "run", "--command", "echo hello"),
                new Invocation(null, "timeline"),
                ok("timeline", "verify", incidentData.resolve("incidents").toString() + "/" + "ID"),
                fails(2, "timeline", "verify", dir.resolve("nowhere").toString()),
                new Invocation(null, "incident"),
                ok("incident", "report", incidentData.resolve("incidents").toString() + "/ID"),
                ok("incident", "report", incidentData.resolve("incidents").toString() + "/ID", "--format", "md"),
                new Invocation(null, "incident", "report", dir.resolve("nowhere").toString()),
                fails(2, "incident", "log", "no-such-incident"),
                new Invocation(null, "incident", "share", "no-such-incident", "--remote", dir.resolve("remote.git").toString()),
                ok("incident", "list"), ok("incident", "list", "--json"),
                fails(1, "incident", "list", "--remote", dir.resolve("no-remote.git").toString()),
                fails(1, "incident", "list", "--json", "--remote", dir.resolve("no-remote.git").toString()),
                fails(2, "incident", "handoff", "no-such-incident", "--to", "bob", "--note", "over to you",
                        "--remote", dir.resolve("remote.git").toString(), "--identity", key.toString()),
                fails(2, "incident", "take-over", "no-such-incident", "--remote", dir.resolve("remote.git").toString(),
                        "--identity", key.toString()),
                new Invocation(null, "history"),
                new Invocation(null, "history", "search", "echo"),
                new Invocation(null, "history", "search", "--json", "echo"),
                fails(1, "history", "search", "zzyzx"),
                fails(1, "history", "last", "NeverFired"), fails(1, "history", "last", "--json", "NeverFired"),
                fails(1, "history", "steps", "no/such-runbook"),
                fails(2, "history", "search", "--since", "not-a-date", "echo"),
                new Invocation(null, "bundle"),
                ok("bundle", "export", incidentData.resolve("incidents").toString() + "/ID", "-o", bundle.toString(),
                        "--note", "Pending: nothing", "--inventory", dir.resolve("none").toString()),
                ok("bundle", "verify", bundle.toString()), ok("bundle", "show", bundle.toString()),
                ok("bundle", "import", bundle.toString()),
                fails(1, "bundle", "verify", dir.resolve("absent.baton").toString()),
                ok("query", "--prometheus", prom, "--instant", "vector(1)"),
                ok("query", "--prometheus", prom, "--instant", "--json", "vector(1)"),
                ok("query", "--prometheus", prom, "--since", "1m", "--json", "vector(1)"),
                fails(1, "query", "--prometheus", prom, "rate(up[5m]"),
                fails(1, "query", "--prometheus", "http://127.0.0.1:" + closedPort, "--json", "up"),
                new Invocation(null, "sources"),
                ok("sources", "approve", dir.resolve("sources").toString()),
                fails(1, "sources", "approve", dir.resolve("nowhere").toString()));
    }

    /** {@code baton run ARGS}, with the test node's known host and key, confirmed. */
    private static Invocation run(int exit, String... args) {
        return new Invocation(exit, Stream.of(Stream.of("run"), Stream.of(args), Stream.of("--known-hosts",
                knownHosts.toString(), "--identity", key.toString(), "--yes")).flatMap(s -> s).toArray(String[]::new));
    }

    @TestFactory
    Stream<DynamicTest> everyCommandEndsItsOutputWithALineFeedAndNeverSaysNull() {
        List<Invocation> invocations = invocations();
        Set<String> covered = new TreeSet<>();
        invocations.forEach(invocation -> covered.add(invocation.args()[0]));
        Set<String> commands = new TreeSet<>(BatonCommand.commandLine((folder, inventories) -> { }).getSubcommands().keySet());
        assertThat(covered).as("every command has its invocations here").containsAll(commands);
        return invocations.stream().map(invocation -> DynamicTest.dynamicTest(
                String.join(" ", invocation.args()).replace(dir.toString(), "DIR"), () -> check(invocation)));
    }

    private static void check(Invocation invocation) throws Exception {
        String[] args = invocation.args().clone();
        for (int i = 0; i < args.length; i++) {
            args[i] = args[i].replace("/ID", "/" + incidentId());
        }
        Output output = Output.of(args);
        String shown = "exit " + output.exit() + "\n--- stdout\n" + output.out() + "\n--- stderr\n" + output.err();
        if (invocation.exit() != null) {
            assertThat(output.exit()).as(shown).isEqualTo(invocation.exit());
        }
        assertThat(output.out() + output.err()).as("says something: " + shown).isNotBlank();
        if (!output.out().isEmpty()) {
            assertThat(output.out()).as(shown).endsWith("\n");
        }
        if (!output.err().isEmpty()) {
            assertThat(output.err()).as(shown).endsWith("\n");
        }
        assertThat(output.out() + output.err()).as(shown).doesNotContainPattern("\\bnull\\b");
        assertThat(output.err()).as(shown).doesNotContainPattern(LOG_LINE)
                .as("a path is not its own explanation: " + shown).doesNotContainPattern("(/\\S+): \\1\n");
        assertThat(output.out()).as(shown).doesNotContainPattern(LOG_LINE);
    }

    /** The incident open-alert started (the bundle and timeline commands work on it), or a name that is none. */
    private static String incidentId() throws Exception {
        Path incidents = dir.resolve("incidents/incidents");
        if (!Files.isDirectory(incidents)) {
            return "none";
        }
        try (Stream<Path> folders = Files.list(incidents)) {
            return folders.map(p -> p.getFileName().toString()).filter(name -> !name.startsWith(".")).findFirst()
                    .orElse("none");
        }
    }

    /** What one run printed: on picocli's writers and on System.out and System.err, in that order. */
    private record Output(int exit, String out, String err) {
        static Output of(String... args) {
            PrintStream originalOut = System.out;
            PrintStream originalErr = System.err;
            ByteArrayOutputStream systemOut = new ByteArrayOutputStream();
            ByteArrayOutputStream systemErr = new ByteArrayOutputStream();
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            try {
                System.setOut(new PrintStream(systemOut, true, StandardCharsets.UTF_8));
                System.setErr(new PrintStream(systemErr, true, StandardCharsets.UTF_8));
                CommandLine cl = BatonCommand.commandLine((folder, inventories) -> {
                    throw new AssertionError("a command line run must not open the window");
                }, args);
                cl.setOut(new PrintWriter(out, true));
                cl.setErr(new PrintWriter(err, true));
                int exit = cl.execute(args);
                return new Output(exit, out + systemOut.toString(StandardCharsets.UTF_8),
                        err + systemErr.toString(StandardCharsets.UTF_8));
            } finally {
                System.setOut(originalOut);
                System.setErr(originalErr);
            }
        }
    }
}
