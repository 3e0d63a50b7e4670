package dev.baton.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.inventory.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Security;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connections to Debian's OpenSSH on the JDK's own providers: BouncyCastle's is never registered for what
 * OpenSSH offers by default, and ECDSA and RSA keys (host and user), hashed known_hosts entries and a changed
 * host key behave as before. Each test class runs in a JVM of its own, so no other test registered it here
 * (chacha20-poly1305, which registers it, is spoken in {@link CipherChoiceTest}).
 */
class JdkCryptoOpenSshTest {
    @TempDir
    Path dir;

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    private Path key(String type) throws Exception {
        Path key = Files.createDirectories(dir.resolve("keys")).resolve("id_" + type);
        run("ssh-keygen", "-q", "-t", type, "-N", "", "-C", "baton-test", "-f", key.toString());
        return key;
    }

    /** Connects as {@code userKey} to an sshd started with {@code sshdConfig}, trusting {@code knownHosts}. */
    private boolean connects(Path userKey, Path knownHosts, OpenSshServer sshd) throws Exception {
        SshSettings settings = SshSettings.ofUser().withKnownHosts(new KnownHosts(knownHosts))
                .withConnectTimeout(Duration.ofSeconds(10)).withAgent(Optional.empty());
        Node node = Node.direct("jdk", "127.0.0.1", sshd.port(), System.getProperty("user.name"))
                .withIdentityFiles(List.of(userKey), true);
        try (SshConnection connection = new SshConnector(settings, SshPrompts.NONE, name -> Optional.empty())
                .connect(node)) {
            return connection.isConnected();
        }
    }

    @Test
    void openSshsDefaultsNeedNoBouncyCastleProvider() throws Exception {
        Path userKey = key("ed25519");
        OpenSshServer sshd = OpenSshServer.start(dir.resolve("sshd"), Path.of(userKey + ".pub"));
        try {
            Path knownHosts = Files.writeString(dir.resolve("known_hosts"), sshd.knownHostsLine() + "\n");
            assertThat(connects(userKey, knownHosts, sshd)).isTrue();
            assertThat(Security.getProvider("BC")).isNull();
        } finally {
            sshd.close();
        }
    }

    @Test
    void ecdsaHostKeyInAHashedEntryAndEcdsaAndRsaUserKeys() throws Exception {
        Path ecdsaHost = dir.resolve("ssh_host_ecdsa_key");
        run("ssh-keygen", "-q", "-t", "ecdsa", "-N", "", "-f", ecdsaHost.toString());
        for (String type : List.of("ecdsa", "rsa")) {
            Path userKey = key(type);
            OpenSshServer sshd = OpenSshServer.start(dir.resolve("sshd-" + type), Path.of(userKey + ".pub"),
                    "HostKey " + ecdsaHost, "HostKeyAlgorithms ecdsa-sha2-nistp256");
            try {
                Path knownHosts = dir.resolve("known_hosts-" + type);
                Files.writeString(knownHosts, "[127.0.0.1]:" + sshd.port() + " "
                        + Files.readString(Path.of(ecdsaHost + ".pub")).strip() + "\n");
                run("ssh-keygen", "-H", "-f", knownHosts.toString());
                assertThat(Files.readString(knownHosts)).as("hashed").startsWith("|1|");
                assertThat(connects(userKey, knownHosts, sshd)).as(type).isTrue();
            } finally {
                sshd.close();
            }
        }
        assertThat(Security.getProvider("BC")).isNull();
    }

    @Test
    void anEcdsaHostKeyOtherThanTheKnownOneIsRefused() throws Exception {
        Path knownEcdsa = dir.resolve("known_ecdsa_key");
        Path servedEcdsa = dir.resolve("served_ecdsa_key");
        run("ssh-keygen", "-q", "-t", "ecdsa", "-N", "", "-f", knownEcdsa.toString());
        run("ssh-keygen", "-q", "-t", "ecdsa", "-N", "", "-f", servedEcdsa.toString());
        Path userKey = key("ed25519");
        OpenSshServer sshd = OpenSshServer.start(dir.resolve("sshd"), Path.of(userKey + ".pub"),
                "HostKey " + servedEcdsa, "HostKeyAlgorithms ecdsa-sha2-nistp256");
        try {
            Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "[127.0.0.1]:" + sshd.port() + " "
                    + Files.readString(Path.of(knownEcdsa + ".pub")).strip() + "\n");
            assertThatThrownBy(() -> connects(userKey, knownHosts, sshd)).isInstanceOf(SshFailure.class);
        } finally {
            sshd.close();
        }
    }
}
