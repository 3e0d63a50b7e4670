package dev.baton.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.ansible.AnsibleCommand;
import dev.baton.ansible.AnsibleInvocation;
import dev.baton.ssh.InProcessSshServer;
import dev.baton.ssh.OpenSshServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second connection attempt Baton makes when pipelining lost ssh's words for an unreachable host: Debian's
 * ansible against Debian's OpenSSH sshd, and against a port that accepts and then says nothing (ssh waits there).
 */
class SecondAttemptOpenSshTest {
    private static final String LOST = "Data could not be sent to remote host \"%s\". Make sure this host can be"
            + " reached over ssh: [Errno 32] Broken pipe. [Errno 32] Broken pipe";

    @TempDir
    static Path dir;
    static OpenSshServer sshd;
    static ServerSocket silent;
    static final List<Socket> held = new CopyOnWriteArrayList<>();
    static Path inventory;
    /** The same hosts, reached through an ssh that loses the module Ansible pipelines into it (see {@link #start}). */
    static Path losingInventory;
    static Map<String, String> environment;
    static AnsibleCommand ansible;

    @BeforeAll
    static void start() throws Exception {
        Path clientKey = InProcessSshServer.generateClientKey(dir.resolve("keys"), "id_ed25519", "");
        // sftp: without pipelining Ansible copies the module with sftp (its own ssh, not the losing one below).
        sshd = OpenSshServer.start(dir.resolve("sshd"), Path.of(clientKey + ".pub"), "ListenAddress 127.0.0.2",
                "Subsystem sftp internal-sftp");
        silent = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.7"));
        Thread accepting = new Thread(() -> {
            try {
                while (true) {
                    held.add(silent.accept());
                }
            } catch (IOException closed) {
                // The test ended.
            }
        }, "silent-port");
        accepting.setDaemon(true);
        accepting.start();
        Path knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, sshd.knownHostsLines(List.of("127.0.0.2")));
        inventory = dir.resolve("inventory.ini");
        Files.writeString(inventory, String.join("\n",
                "[fleet]",
                "up ansible_host=127.0.0.2 ansible_port=" + sshd.port(),
                "silent ansible_host=127.0.0.7 ansible_port=" + silent.getLocalPort(),
                "[fleet:vars]",
                "ansible_user=" + System.getProperty("user.name"),
                "ansible_ssh_private_key_file=" + clientKey,
                "ansible_python_interpreter=/usr/bin/python3",
                "ansible_ssh_common_args='-o UserKnownHostsFile=" + knownHosts
                        + " -o StrictHostKeyChecking=yes -o IdentitiesOnly=yes -o BatchMode=yes'", ""));
        // An ssh that closes its stdin at once and execs the real ssh a moment later: Ansible's pipelined write fails
        // while "ssh" still runs, so it always reports only its broken pipe (the race of its ssh plugin, made sure).
        // Without pipelining nothing is written into ssh's stdin and it is the real ssh, as a second attempt needs.
        Path losingSsh = dir.resolve("losing-ssh");
        Files.writeString(losingSsh, "#!/bin/sh\nexec 0<&-\nsleep 0.5\nexec /usr/bin/ssh \"$@\" </dev/null\n");
        assertThat(losingSsh.toFile().setExecutable(true)).isTrue();
        losingInventory = dir.resolve("losing.ini");
        Files.writeString(losingInventory, Files.readString(inventory).replace("[fleet]", "[losing]")
                .replace("up ansible_host", "up-lost ansible_host").replace("silent ansible_host", "silent-lost ansible_host")
                .replace("[fleet:vars]", "up-piped ansible_host=127.0.0.2 ansible_port=" + sshd.port()
                        + " ansible_ssh_transfer_method=piped\n[losing:vars]\nansible_ssh_executable=" + losingSsh));
        Files.createDirectories(dir.resolve("remote-tmp"));
        // ssh waits for the silent port's greeting for two minutes: only Cancel or Baton's timeout ends it sooner.
        environment = Map.of(
                "ANSIBLE_HOME", dir.resolve("ansible-home").toString(),
                "ANSIBLE_LOCAL_TEMP", dir.resolve("ansible-tmp").toString(),
                "ANSIBLE_REMOTE_TEMP", dir.resolve("remote-tmp").toString(),
                "ANSIBLE_SSH_ARGS", "-o ControlMaster=no",
                "ANSIBLE_SSH_RETRIES", "0",
                "ANSIBLE_TIMEOUT", "120");
        ansible = AnsibleCommand.locate(System.getenv("PATH"), environment);
    }

    @AfterAll
    static void stop() throws IOException {
        if (sshd != null) {
            sshd.close();
        }
        for (Socket socket : held) {
            socket.close();
        }
        silent.close();
    }

    private static SecondAttempt attempt(String host, Duration timeout) {
        AnsibleInvocation run = new AnsibleInvocation("all", inventory, List.of(host), 5, Duration.ZERO, "true", null,
                null, Map.of("ANSIBLE_PIPELINING", "True"));
        return new SecondAttempt(ansible, run.askingAgain(List.of(host), null), timeout);
    }

    @Test
    void aHostTheSecondAttemptReachesIsSaidReachableAndThatTheStepDidNotRunThere() throws Exception {
        String first = LOST.formatted("127.0.0.2");
        Map<String, String> reasons = attempt("up", SecondAttempt.TIMEOUT).reasons(Map.of("up", first));
        assertThat(reasons.get("up")).startsWith("reachable: a second connection attempt, without pipelining")
                .contains("ANSIBLE_PIPELINING=False ansible all -i " + inventory + " --limit up -m ping")
                .contains("reached this host", "the step did not run on it; retry it")
                .endsWith("The run's own attempt reported only Ansible's broken pipe: " + first);
    }

    @Test
    void cancelStopsTheSecondAttemptAndItsSshAndSaysSo() throws Exception {
        SecondAttempt attempt = attempt("silent", SecondAttempt.TIMEOUT);
        int before = held.size();
        CompletableFuture<Map<String, String>> reasons = CompletableFuture.supplyAsync(() -> {
            try {
                return attempt.reasons(Map.of("silent", LOST.formatted("127.0.0.7")));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (held.size() == before) {
            assertThat(System.nanoTime()).as("ssh connected to the silent port").isLessThan(deadline);
            Thread.sleep(20);
        }
        assertThat(running()).as("ssh waits for the greeting").isNotEmpty();
        attempt.cancel();
        assertThat(reasons.get(15, TimeUnit.SECONDS).get("silent")).startsWith("broken pipe: Data could not be sent")
                .contains("gave none: it was stopped by Cancel");
        awaitNoneRunning();
    }

    @Test
    void aSecondAttemptThatDoesNotAnswerInTimeIsStoppedAndSaysSo() throws Exception {
        Map<String, String> reasons = attempt("silent", Duration.ofSeconds(3))
                .reasons(Map.of("silent", LOST.formatted("127.0.0.7")));
        assertThat(reasons.get("silent")).startsWith("broken pipe: Data could not be sent")
                .contains("gave none: it did not answer within 3 s and was stopped");
        awaitNoneRunning();
    }

    private static FanOutRun runLosingSshsWords(String host, Path mark) throws Exception {
        List<dev.baton.inventory.Node> nodes = Targets.group(dev.baton.inventory.InventoryLoader.load(
                List.of(losingInventory)), "losing").stream().filter(node -> node.name().equals(host)).toList();
        assertThat(nodes).hasSize(1);
        FanOut fanOut = new FanOut(FanOut.Connections.opening(null), dir.resolve("spool"), java.util.Optional.empty(),
                new AnsibleSettings(System.getenv("PATH"), environment, false));
        // More than a pipe holds, so that Ansible is still writing when the losing ssh closes its stdin.
        String step = ": '" + "x".repeat(100_000) + "'; touch '" + mark + "'";
        return fanOut.start(null, 1, dev.baton.step.ExecPlan.of(step, Map.of()), nodes, Map.of(),
                FanOut.Options.DEFAULT, Engine.ANSIBLE, outcome -> { });
    }

    @Test
    void throughTheEngineAHostReachedOnTheSecondAttemptIsUnreachableAndSaysTheStepDidNotRun() throws Exception {
        Path mark = dir.resolve("ran-on-up");
        FanOutRun run = runLosingSshsWords("up-lost", mark);
        assertThat(run.await(Duration.ofSeconds(120))).isTrue();
        NodeOutcome up = run.outcomes().get(0);
        assertThat(up.status()).isEqualTo(NodeOutcome.Status.UNREACHABLE);
        assertThat(up.reason()).startsWith("reachable: a second connection attempt, without pipelining")
                .contains("--limit up-lost -m ping", "the step did not run on it; retry it", "Broken pipe");
        assertThat(run.engineNote()).contains("lost ssh's words", "up-lost", "-m ping");
        assertThat(mark).doesNotExist();
    }

    /** Copying the module through ssh's stdin ("piped", where sftp and scp are missing) loses the words again. */
    @Test
    void aSecondAttemptThatLosesSshsWordsTooIsNotTakenForSshsWords() throws Exception {
        FanOutRun run = runLosingSshsWords("up-piped", dir.resolve("ran-on-piped"));
        assertThat(run.await(Duration.ofSeconds(120))).isTrue();
        NodeOutcome piped = run.outcomes().get(0);
        assertThat(piped.status()).isEqualTo(NodeOutcome.Status.UNREACHABLE);
        assertThat(piped.reason()).startsWith("broken pipe: Data could not be sent")
                .contains("gave none: Ansible's broken pipe again (Data could not be sent")
                .doesNotContain("ssh's words from a second connection attempt");
    }

    @Test
    void throughTheEngineCancelStopsTheSecondAttemptToo() throws Exception {
        int before = held.size();
        FanOutRun run = runLosingSshsWords("silent-lost", dir.resolve("ran-on-silent"));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!run.engineNote().contains("asked again") || held.size() == before) {
            assertThat(System.nanoTime()).as("the second attempt's ssh waits on the silent port")
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
        assertThat(run.outcomes().get(0).status()).isEqualTo(NodeOutcome.Status.RUNNING);
        run.cancel();
        assertThat(run.await(Duration.ofSeconds(15))).isTrue();
        assertThat(run.outcomes().get(0).status()).isEqualTo(NodeOutcome.Status.UNREACHABLE);
        assertThat(run.outcomes().get(0).reason()).startsWith("broken pipe: Data could not be sent")
                .contains("gave none: it was stopped by Cancel");
        awaitNoneRunning();
    }

    /** Ansible's or ssh's processes of this test, still running. */
    private static List<String> running() {
        String port = String.valueOf(silent.getLocalPort());
        return ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse(""))
                .filter(line -> line.contains(inventory.toString()) || line.contains(losingInventory.toString())
                        || line.contains("127.0.0.7") && line.contains(port))
                .toList();
    }

    private static void awaitNoneRunning() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!running().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(running()).as("no ansible or ssh of the second attempt left").isEmpty();
    }
}
