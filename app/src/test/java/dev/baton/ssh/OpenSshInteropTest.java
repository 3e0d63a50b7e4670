package dev.baton.ssh;

import static dev.baton.ssh.SshTestNodes.settings;
import static org.assertj.core.api.Assertions.assertThat;

import com.techsenger.jeditermfx.core.TtyConnector;
import dev.baton.cli.BatonCommand;
import dev.baton.inventory.Node;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Baton against Debian's OpenSSH sshd on a loopback port: terminal, exec, CLI, faults and a jump host. */
class OpenSshInteropTest {
    @TempDir
    static Path dir;

    static Path clientKey;
    static Path knownHosts;
    static OpenSshServer sshd;

    @BeforeAll
    static void startSshd() throws Exception {
        clientKey = InProcessSshServer.generateClientKey(dir.resolve("keys"), "id_ed25519", "");
        sshd = OpenSshServer.start(dir.resolve("sshd"), Path.of(clientKey + ".pub"));
        knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, sshd.knownHostsLine() + "\n");
    }

    @AfterAll
    static void stopSshd() {
        sshd.close();
    }

    private static Node node(OpenSshServer server) {
        return Node.direct("interop", "127.0.0.1", server.port(), System.getProperty("user.name"))
                .withIdentityFiles(List.of(clientKey), true);
    }

    private static SshConnection connect() throws SshFailure {
        return new SshConnector(settings(knownHosts), SshPrompts.NONE, name -> Optional.empty()).connect(node(sshd));
    }

    @Test
    void aTerminalSessionRunsAStepOnARemotePty() throws Exception {
        try (SshConnection connection = connect(); SshShellSession shell = connection.openShell(100, 30)) {
            TtyConnector tty = shell.connector();
            tty.write("df -h -x tmpfs -x devtmpfs; echo \"term=$TERM cols=$(tput cols) sum=$((6*7))\"\r");

            String screen = readUntil(tty, "sum=42");

            assertThat(screen).contains("Filesystem", "term=xterm-256color cols=100 sum=42");

            tty.resize(new com.techsenger.jeditermfx.core.util.TermSize(83, 21));
            tty.write("echo \"size=$(stty size)\"\r");
            assertThat(readUntil(tty, "size=21 83")).contains("size=21 83");
        }
    }

    @Test
    void anRsaKeyInTheAgentSignsWithSha2ForOpenSsh() throws Exception {
        Path rsa = dir.resolve("keys").resolve("id_rsa_agent");
        OpenSshServer.run("ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", "", "-f", rsa.toString());
        Path authorized = dir.resolve("sshd").resolve("authorized_keys");
        Files.writeString(authorized, Files.readString(authorized) + Files.readString(Path.of(rsa + ".pub")));
        try (RealSshAgent agent = new RealSshAgent(dir.resolve("agent"))) {
            agent.add(rsa);
            Node viaAgent = Node.direct("interop", "127.0.0.1", sshd.port(), System.getProperty("user.name"));
            SshSettings withAgent = settings(knownHosts).withAgent(Optional.of(agent.agent()));

            try (SshConnection connection = new SshConnector(withAgent, SshPrompts.NONE, name -> Optional.empty())
                    .connect(viaAgent)) {
                assertThat(NodeRun.run(connection, "echo agent", dir, RunListener.NONE).stdout().text())
                        .isEqualTo("agent\n");
            }
            assertThat(sshd.log()).containsPattern("Accepted publickey for \\S+ from 127.0.0.1 port \\d+ ssh2: RSA SHA256:");
        }
    }

    @Test
    void execKeepsStdoutAndStderrApartWithTheRealExitStatus() throws Exception {
        try (SshConnection connection = connect()) {
            RunResult result = NodeRun.run(connection, "echo to-out; echo to-err >&2; exit 5", dir, RunListener.NONE);

            assertThat(result.outcome()).isEqualTo(RunOutcome.COMPLETED);
            assertThat(result.exitStatus()).isEqualTo(5);
            assertThat(result.stdout().text()).isEqualTo("to-out\n");
            assertThat(result.stderr().text()).isEqualTo("to-err\n");
        }
    }

    @Test
    void theCliRunsAShippedStepAndPassesTheExitStatusThrough() throws Exception {
        Path runbook = Path.of(System.getProperty("baton.runbooks"), "disk-full.md");
        String[] common = {"--node", System.getProperty("user.name") + "@127.0.0.1:" + sshd.port(),
                "--known-hosts", knownHosts.toString(), "--identity", clientKey.toString()};

        Cli step = Cli.run(concat(new String[] {"run", "--step", runbook + "#1"}, common));
        assertThat(step.status).as(step.err).isZero();
        assertThat(step.out).contains("Filesystem", "Inodes");

        Cli exit = Cli.run(concat(new String[] {"run", "--command", "echo bye; exit 7"}, common));
        assertThat(exit.status).isEqualTo(7);
        assertThat(exit.out).isEqualTo("bye\n");
    }

    @Test
    void theCliRefusesAnUnknownHostWithoutATerminalAndShowsTheFingerprint() throws Exception {
        Path empty = dir.resolve("empty_known_hosts");
        Cli result = Cli.run("run", "--command", "touch should-not-exist", "--node",
                System.getProperty("user.name") + "@127.0.0.1:" + sshd.port(), "--known-hosts", empty.toString(),
                "--identity", clientKey.toString());

        assertThat(result.status).isEqualTo(255);
        assertThat(result.err).contains("can't be established", "SHA256:", "not accepted");
        assertThat(sshd.log()).doesNotContain("Accepted publickey for " + System.getProperty("user.name")
                + " from 127.0.0.1 port " + "x");
    }

    @Test
    void theCliRefusesADestructiveStepWithoutConfirmation() throws Exception {
        Path marker = dir.resolve("marker-destructive");
        Files.writeString(marker, "keep");
        Cli result = Cli.run("run", "--command", "rm -rf " + marker, "--node",
                System.getProperty("user.name") + "@127.0.0.1:" + sshd.port(), "--known-hosts",
                knownHosts.toString(), "--identity", clientKey.toString());

        assertThat(result.status).isEqualTo(2);
        assertThat(result.err).contains("rm -rf " + marker, "destructive", "not run");
        assertThat(marker).exists();
    }

    @Test
    void aCancelledCommandIsReportedHonestly() throws Exception {
        String marker = "sleep 7" + ProcessHandle.current().pid() % 10000 + "1";
        try (SshConnection connection = connect()) {
            NodeRun run = NodeRun.start(connection, marker + "; echo never", dir, 1 << 20, RunListener.NONE);
            waitUntil(() -> processesMatching(marker) > 0);

            run.cancel();
            RunResult result = run.await();

            assertThat(result.outcome()).isEqualTo(RunOutcome.CANCELLED);
            assertThat(result.succeeded()).isFalse();
            assertThat(result.stdout().text()).doesNotContain("never");
            // sshd delivers signals to the session's process group, except for root sessions (no privilege
            // separation): then the command survives and the result must say it may.
            if (result.note().contains("may still be running")) {
                assertThat(processesMatching(marker)).isPositive();
                ProcessHandle.allProcesses()
                        .filter(process -> process.info().commandLine().orElse("").contains(marker))
                        .forEach(ProcessHandle::destroy);
            } else {
                assertThat(result.note()).contains("stopped on interop");
                waitUntil(() -> processesMatching(marker) == 0);
            }
        }
    }

    @Test
    void aNodeThatDiesMidOutputGivesConnectionLostExitUnknown() throws Exception {
        try (OpenSshServer doomed = OpenSshServer.start(dir.resolve("doomed"), Path.of(clientKey + ".pub"))) {
            Path hosts = dir.resolve("doomed_known_hosts");
            Files.writeString(hosts, doomed.knownHostsLine() + "\n");
            try (SshConnection connection = new SshConnector(settings(hosts), SshPrompts.NONE,
                    name -> Optional.empty()).connect(node(doomed))) {
                SshTestNodes.killedMidOutput(connection, dir, doomed::killSessions).stdout().discard();
            }
        }
    }

    @Test
    void aGigabyteOfOutputIsSpooledWithoutFillingTheHeap() throws Exception {
        long gigabyte = 1L << 30;
        try (SshConnection connection = connect()) {
            System.gc();
            long heapBefore = usedHeap();
            HeapWatch watch = new HeapWatch();
            NodeRun run = NodeRun.start(connection, "head -c " + gigabyte + " /dev/zero; echo done >&2",
                    dir.resolve("spool"), OutputSpool.DEFAULT_MEMORY_LIMIT, watch);
            RunResult result = run.await();

            assertThat(result.exitStatus()).isZero();
            assertThat(result.stdout().size()).isEqualTo(gigabyte);
            assertThat(result.stdout().isSpooled()).isTrue();
            // The file keeps its first 64 MB, so a node printing without end fills no disk; the rest is counted.
            assertThat(Files.size(result.stdout().spoolFile().orElseThrow())).isEqualTo(OutputSpool.DEFAULT_FILE_LIMIT);
            assertThat(result.stdout().dropped()).isEqualTo(gigabyte - OutputSpool.DEFAULT_FILE_LIMIT);
            assertThat(result.stderr().text()).isEqualTo("done\n");
            assertThat(Runtime.getRuntime().maxMemory()).as("run with -Xmx512m").isLessThanOrEqualTo(512L << 20);
            assertThat(watch.peak - heapBefore).as("live heap growth while streaming").isLessThan(64L << 20);
            result.stdout().discard();
        }
    }

    @Test
    void proxyJumpGoesThroughASecondSshd() throws Exception {
        try (OpenSshServer inner = OpenSshServer.start(dir.resolve("inner"), Path.of(clientKey + ".pub"))) {
            Path hosts = dir.resolve("jump_known_hosts");
            Files.write(hosts, List.of(sshd.knownHostsLine(), inner.knownHostsLine()));
            Node bastion = node(sshd);
            Node target = node(inner).withProxyJump(List.of("bastion"));
            SshConnector connector = new SshConnector(settings(hosts), SshPrompts.NONE,
                    name -> Optional.ofNullable(Map.of("bastion", bastion).get(name)));

            try (SshConnection connection = connector.connect(target)) {
                RunResult result = NodeRun.run(connection, "echo inner", dir, RunListener.NONE);
                assertThat(result.stdout().text()).isEqualTo("inner\n");
            }
            assertThat(inner.log()).contains("Accepted publickey");
            assertThat(sshd.log()).contains("Accepted publickey");
        }
    }

    private static final class HeapWatch implements RunListener {
        volatile long peak;
        private long chunks;

        @Override
        public void stdout(byte[] bytes, int offset, int length) {
            if (++chunks % 256 == 0) {
                peak = Math.max(peak, usedHeap());
            }
        }
    }

    /** Heap in use after the latest collection: what is live, not garbage waiting to be collected. */
    private static long usedHeap() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                used += pool.getCollectionUsage().getUsed();
            }
        }
        return used;
    }

    private record Cli(int status, String out, String err) {
        static Cli run(String... args) {
            PrintStream originalOut = System.out;
            PrintStream originalErr = System.err;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            try {
                System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
                System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
                int status = BatonCommand.commandLine(folder -> { }).execute(args);
                return new Cli(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
            } finally {
                System.setOut(originalOut);
                System.setErr(originalErr);
            }
        }
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    private static String readUntil(TtyConnector tty, String expected) throws Exception {
        StringBuilder seen = new StringBuilder();
        char[] buffer = new char[4096];
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!seen.toString().contains(expected)) {
            assertThat(System.nanoTime()).as("waiting for %s in: %s", expected, seen).isLessThan(deadline);
            if (tty.ready()) {
                int read = tty.read(buffer, 0, buffer.length);
                if (read < 0) {
                    break;
                }
                seen.append(buffer, 0, read);
            } else {
                Thread.sleep(20);
            }
        }
        return seen.toString();
    }

    private static long processesMatching(String commandLine) {
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().orElse("").contains(commandLine))
                .count();
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met in time").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
