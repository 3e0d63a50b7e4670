package dev.baton.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.inventory.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Baton offers the ciphers OpenSSH offers by default, and no old ones: a server that wants 3DES is refused. */
class CipherChoiceTest {
    @TempDir
    Path dir;

    /** Connects to a sshd with that configuration; true when the connection is up. */
    private boolean connects(String... sshdConfig) throws Exception {
        Path key = InProcessSshServer.generateClientKey(dir.resolve("keys"), "id_ed25519", "");
        OpenSshServer sshd = OpenSshServer.start(dir.resolve("sshd"), Path.of(key + ".pub"), sshdConfig);
        try {
            Path knownHosts = dir.resolve("known_hosts");
            Files.writeString(knownHosts, sshd.knownHostsLine() + "\n");
            SshSettings settings = SshSettings.ofUser().withKnownHosts(new KnownHosts(knownHosts))
                    .withConnectTimeout(Duration.ofSeconds(10)).withAgent(Optional.empty());
            Node node = Node.direct("ciphers", "127.0.0.1", sshd.port(), System.getProperty("user.name"))
                    .withIdentityFiles(List.of(key), true);
            try (SshConnection connection = new SshConnector(settings, SshPrompts.NONE, name -> Optional.empty())
                    .connect(node)) {
                return connection.isConnected();
            }
        } finally {
            sshd.close();
        }
    }

    @Test
    void aServerOfferingOnlyTripleDesIsRefused() {
        assertThatThrownBy(() -> connects("Ciphers 3des-cbc")).isInstanceOf(SshFailure.class);
    }

    @Test
    void eachOfOpenSshsDefaultCiphersIsSpoken() throws Exception {
        for (String cipher : List.of("chacha20-poly1305@openssh.com", "aes256-gcm@openssh.com", "aes128-ctr")) {
            Path here = Files.createDirectories(dir.resolve(cipher.replace('@', '-')));
            CipherChoiceTest one = new CipherChoiceTest();
            one.dir = here;
            assertThat(one.connects("Ciphers " + cipher)).as(cipher).isTrue();
        }
    }
}
