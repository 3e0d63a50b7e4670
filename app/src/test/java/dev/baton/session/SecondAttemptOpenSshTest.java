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
    static AnsibleCommand ansible;

    @BeforeAll
    static void start() throws Exception {
        Path clientKey = InProcessSshServer.generateClientKey(dir.resolve("keys"), "id_ed25519", "");
        sshd = OpenSshServer.start(dir.resolve("sshd"), Path.of(clientKey + ".pub"), "ListenAddress 127.0.0.2");
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
        Files.createDirectories(dir.resolve("remote-tmp"));
        // ssh waits for the silent port's greeting for two minutes: only Cancel or Baton's timeout ends it sooner.
        ansible = AnsibleCommand.locate(System.getenv("PATH"), Map.of(
                "ANSIBLE_HOME", dir.resolve("ansible-home").toString(),
                "ANSIBLE_LOCAL_TEMP", dir.resolve("ansible-tmp").toString(),
                "ANSIBLE_REMOTE_TEMP", dir.resolve("remote-tmp").toString(),
                "ANSIBLE_SSH_ARGS", "-o ControlMaster=no",
                "ANSIBLE_SSH_RETRIES", "0",
                "ANSIBLE_TIMEOUT", "120"));
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

    /** Ansible's or ssh's processes of this test, still running. */
    private static List<String> running() {
        String port = String.valueOf(silent.getLocalPort());
        return ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse(""))
                .filter(line -> line.contains(inventory.toString()) || line.contains("127.0.0.7") && line.contains(port))
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
