package dev.baton.ssh;

import static dev.baton.ssh.SshTestNodes.settings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.inventory.Node;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * known_hosts host patterns, each form tried by Baton and by OpenSSH's {@code ssh} in batch mode on the
 * same file against the same sshd: both must trust the key, or both refuse it.
 */
class KnownHostsInteropTest {
    @TempDir
    static Path dir;

    static Path clientKey;
    static OpenSshServer sshd;
    static String hostKey;

    @BeforeAll
    static void startSshd() throws Exception {
        clientKey = InProcessSshServer.generateClientKey(dir.resolve("keys"), "id_ed25519", "");
        sshd = OpenSshServer.start(dir.resolve("sshd"), Path.of(clientKey + ".pub"));
        String line = sshd.knownHostsLine();
        String[] words = line.split(" ");
        hostKey = words[1] + " " + words[2];
    }

    @AfterAll
    static void stopSshd() {
        sshd.close();
    }

    @Test
    void batonAndSshAgreeOnEveryPatternForm() throws Exception {
        String at = "[127.0.0.1]:" + sshd.port();
        // host field, and whether the key is trusted for 127.0.0.1 on sshd's port
        List<Object[]> cases = List.of(
                new Object[] {"*,!127.0.0.1," + "!" + at, false},
                new Object[] {at + ",!*", false},
                new Object[] {"!*", false},
                new Object[] {"!" + at, false},
                new Object[] {"!*.example.net," + at, true},
                new Object[] {"*", true},
                new Object[] {"[127.0.0.?]:" + sshd.port(), true},
                new Object[] {"?127.0.0.1]:" + sshd.port(), true},
                new Object[] {"[127.0.0.*]:*", true},
                new Object[] {"[127.*", true},
                new Object[] {"[127.0.0.2]:" + sshd.port() + "," + at, true},
                new Object[] {"[127.0.0.1]:" + sshd.port() + "0", false},
                new Object[] {"[127.0.0.1]:?", false},
                new Object[] {"[127.0.0.1]:22", false},
                // No line names [127.0.0.1]:port, so OpenSSH tries the bare name, which these list.
                new Object[] {"127.0.0.1", true},
                new Object[] {"127.0.0.*", true},
                new Object[] {"!" + at + ",127.0.0.1", true},
                new Object[] {"!" + at + ",*", true},
                new Object[] {"*,!127.0.0.1", true},
                new Object[] {"!127.0.0.1,*", true},
                new Object[] {"!127.0.0.1", false});
        List<String> disagreements = new ArrayList<>();
        int n = 0;
        for (Object[] c : cases) {
            Path file = dir.resolve("known_hosts-" + n++);
            Files.writeString(file, c[0] + " " + hostKey + "\n");
            boolean ssh = sshTrusts(file);
            boolean baton = batonTrusts(file);
            if (ssh != baton || ssh != (boolean) c[1]) {
                disagreements.add(c[0] + ": ssh " + (ssh ? "connects" : "refuses") + ", Baton "
                        + (baton ? "connects" : "refuses") + ", expected " + ((boolean) c[1] ? "connect" : "refuse"));
            }
        }
        assertThat(disagreements).isEmpty();
    }

    private static boolean batonTrusts(Path knownHosts) throws SshFailure {
        Node node = Node.direct("interop", "127.0.0.1", sshd.port(), System.getProperty("user.name"))
                .withIdentityFiles(List.of(clientKey), true);
        try (SshConnection connection = new SshConnector(settings(knownHosts), SshPrompts.NONE, name -> Optional.empty())
                .connect(node)) {
            return true;
        } catch (SshFailure e) {
            if (e.state() == ConnectionState.HOST_KEY_PROBLEM) {
                return false;
            }
            throw e;
        }
    }

    private static boolean sshTrusts(Path knownHosts) throws Exception {
        Process ssh = new ProcessBuilder("ssh", "-F", "/dev/null", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes",
                "-o", "UserKnownHostsFile=" + knownHosts, "-o", "GlobalKnownHostsFile=/dev/null", "-o", "CheckHostIP=no",
                "-o", "IdentitiesOnly=yes", "-o", "IdentityFile=" + clientKey, "-o", "ConnectTimeout=10",
                "-p", String.valueOf(sshd.port()), System.getProperty("user.name") + "@127.0.0.1", "true")
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        String output = new String(ssh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ssh.waitFor(30, TimeUnit.SECONDS)).isTrue();
        if (ssh.exitValue() == 0) {
            return true;
        }
        assertThat(output).as("ssh failed for another reason than the host key").contains("Host key verification failed");
        return false;
    }
}
