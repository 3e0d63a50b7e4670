package dev.baton.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.handoff.BundleManifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Manifest signatures against OpenSSH's own ssh-keygen -Y, both ways. */
class SshSignatureTest {
    private static final String NAMESPACE = BundleManifest.SIGNATURE_NAMESPACE;
    private static final byte[] MANIFEST = "{\"format\":\"baton-handoff\",\"version\":1}\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"ed25519", "rsa", "ecdsa"})
    void batonSignsWhatSshKeygenVerifies(String type) throws Exception {
        Path key = keygen(type, "");
        String signature = SshSignature.sign(MANIFEST, NAMESPACE, SshSignature.loadKeyPair(key, null));
        assertThat(signature).startsWith("-----BEGIN SSH SIGNATURE-----\n").endsWith("-----END SSH SIGNATURE-----\n");

        assertThat(sshKeygenVerifies(key, MANIFEST, signature, NAMESPACE)).isTrue();
        assertThat(sshKeygenVerifies(key, "{\"changed\":1}".getBytes(StandardCharsets.UTF_8), signature, NAMESPACE)).isFalse();
        assertThat(sshKeygenVerifies(key, MANIFEST, signature, "file")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ed25519", "rsa", "ecdsa"})
    void sshKeygenSignsWhatBatonVerifies(String type) throws Exception {
        Path key = keygen(type, "");
        Path message = dir.resolve("manifest.json");
        Files.write(message, MANIFEST);
        run(List.of("ssh-keygen", "-Y", "sign", "-f", key.toString(), "-n", NAMESPACE, message.toString()), null);
        String signature = Files.readString(dir.resolve("manifest.json.sig"));

        SshSignature.Verified verified = SshSignature.verify(MANIFEST, NAMESPACE, signature);
        assertThat(verified.fingerprint()).isEqualTo(sshKeygenFingerprint(key));
        assertThat(verified.publicKeyLine()).isEqualTo(Files.readString(Path.of(key + ".pub")).split(" ")[0] + " "
                + Files.readString(Path.of(key + ".pub")).split(" ")[1]);

        assertThatThrownBy(() -> SshSignature.verify("{\"changed\":1}".getBytes(StandardCharsets.UTF_8), NAMESPACE, signature))
                .hasMessageContaining("changed after signing, or signed by another key");
        assertThatThrownBy(() -> SshSignature.verify(MANIFEST, "git", signature))
                .hasMessageContaining("made for \"baton-handoff\", not for \"git\"");
    }

    @Test
    void garbledSignaturesAreRefusedWithAReason() throws Exception {
        String signature = SshSignature.sign(MANIFEST, NAMESPACE, SshSignature.loadKeyPair(keygen("ed25519", ""), null));
        assertThatThrownBy(() -> SshSignature.verify(MANIFEST, NAMESPACE, "hello"))
                .hasMessageContaining("no BEGIN/END SSH SIGNATURE");
        String body = signature.lines().skip(1).limit(1).findFirst().orElseThrow();
        String flipped = signature.replace(body, body.substring(0, 20) + (body.charAt(20) == 'A' ? 'B' : 'A')
                + body.substring(21));
        assertThatThrownBy(() -> SshSignature.verify(MANIFEST, NAMESPACE, flipped))
                .isInstanceOf(SshSignature.BadSignatureException.class);
    }

    @Test
    void aKeyInSshAgentSignsAndItsPrivateHalfNeverLeavesTheAgent() throws Exception {
        Path key = keygen("ed25519", "");
        Path socket = dir.resolve("agent.sock");
        Process agent = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("agent.out").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Files.exists(socket) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            ProcessBuilder add = new ProcessBuilder("ssh-add", key.toString()).redirectErrorStream(true);
            add.environment().put("SSH_AUTH_SOCK", socket.toString());
            assertThat(add.start().waitFor()).isZero();
            Files.delete(key);

            SshAgent client = new SshAgent(socket);
            String signature = SshSignature.sign(MANIFEST, NAMESPACE, client, client.identities().get(0));
            assertThat(sshKeygenVerifies(key, MANIFEST, signature, NAMESPACE)).isTrue();
        } finally {
            agent.destroy();
        }
    }

    @Test
    void anEncryptedKeyWithTheWrongPassphraseSaysSo() throws Exception {
        Path key = keygen("ed25519", "right horse");
        KeyPair keys = SshSignature.loadKeyPair(key, "right horse".toCharArray());
        assertThat(SshSignature.verify(MANIFEST, NAMESPACE, SshSignature.sign(MANIFEST, NAMESPACE, keys))).isNotNull();
        assertThatThrownBy(() -> SshSignature.loadKeyPair(key, "wrong".toCharArray()))
                .isInstanceOf(IOException.class).hasMessageContaining("passphrase is missing or wrong");
    }

    private Path keygen(String type, String passphrase) throws Exception {
        Path key = dir.resolve("id_" + type + "_" + System.nanoTime());
        run(List.of("ssh-keygen", "-q", "-t", type, "-N", passphrase, "-C", "ana@baton", "-f", key.toString()), null);
        return key;
    }

    private boolean sshKeygenVerifies(Path key, byte[] message, String signature, String namespace) throws Exception {
        Path signers = dir.resolve("allowed_signers");
        Files.writeString(signers, "ana@baton " + Files.readString(Path.of(key + ".pub")));
        Path sig = dir.resolve("sig-" + System.nanoTime());
        Files.writeString(sig, signature);
        return run(List.of("ssh-keygen", "-Y", "verify", "-f", signers.toString(), "-I", "ana@baton", "-n", namespace,
                "-s", sig.toString()), message) == 0;
    }

    private String sshKeygenFingerprint(Path key) throws Exception {
        Process process = new ProcessBuilder("ssh-keygen", "-l", "-E", "sha256", "-f", key + ".pub").start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return out.split(" ")[1];
    }

    private int run(List<String> command, byte[] stdin) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        }
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }
}
