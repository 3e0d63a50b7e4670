package dev.baton.handoff;

import dev.baton.ssh.SshSignature;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.incident.IncidentStore;
import dev.baton.incident.OpenIncident;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may sign a bundle, from an OpenSSH allowed_signers file: each file is judged by Baton and by
 * {@code ssh-keygen -Y verify -f FILE -I createdBy -n baton-handoff} on the same signed manifest, and
 * they must agree.
 */
class AllowedSignersTest {
    private static final String BY = "ana@example.com";

    @TempDir
    static Path dir;

    static Path signed;
    static Path unsigned;
    static String key;
    static String otherKey;

    @BeforeAll
    static void signABundle() throws Exception {
        Path keyFile = dir.resolve("id_ed25519");
        Path otherFile = dir.resolve("other_ed25519");
        for (Path file : List.of(keyFile, otherFile)) {
            Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "", "-f", file.toString())
                    .redirectErrorStream(true).start();
            assertThat(p.waitFor()).isZero();
        }
        key = Files.readString(Path.of(keyFile + ".pub")).strip();
        otherKey = Files.readString(Path.of(otherFile + ".pub")).strip();
        var keys = SshSignature.loadKeyPair(keyFile, null);
        signed = dir.resolve("signed.baton");
        unsigned = dir.resolve("unsigned.baton");
        try (OpenIncident incident = new IncidentStore(dir.resolve("data")).start("Signed", "", "", "ana", Instant.now())) {
            var plain = IncidentFixture.request("note", IncidentFixture.runbook(dir), incident, Set.of());
            BundleWriter.export(incident.folder(), new BundleWriter.Request(plain.note(), BY, plain.createdAt(), "test",
                    plain.state(), plain.runbookFiles(), Set.of(),
                    manifest -> SshSignature.sign(manifest, BundleManifest.SIGNATURE_NAMESPACE, keys)), signed);
            BundleWriter.export(incident.folder(), new BundleWriter.Request(plain.note(), BY, plain.createdAt(), "test",
                    plain.state(), plain.runbookFiles(), Set.of(), null), unsigned);
        }
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(signed))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (entry.getName().startsWith("manifest.json")) {
                    Files.write(dir.resolve(entry.getName()), zip.readAllBytes());
                }
            }
        }
    }

    @Test
    void batonAndSshKeygenAgreeOnWhoMaySign() throws Exception {
        List<Object[]> cases = List.of(
                new Object[] {BY + " " + key, true},
                new Object[] {"*@example.com " + key, true},
                new Object[] {"bob@example.com," + BY + " " + key, true},
                new Object[] {"bob@example.com " + key + "\n" + BY + " " + key, true},
                new Object[] {"# the on-call team\n\n" + BY + " " + key + " ana's laptop", true},
                new Object[] {BY + " namespaces=\"baton-handoff\" " + key, true},
                new Object[] {BY + " namespaces=\"git,baton-*\" " + key, true},
                new Object[] {BY + " valid-after=\"20200101Z\",valid-before=\"29991231Z\" " + key, true},
                new Object[] {"bob@example.com " + key, false},
                new Object[] {"ANA@example.com " + key, false},
                new Object[] {"!" + BY + ",*@example.com " + key, false},
                new Object[] {BY + " " + otherKey, false},
                new Object[] {BY + " namespaces=\"git,file\" " + key, false},
                new Object[] {BY + " valid-before=\"20200101Z\" " + key, false},
                new Object[] {BY + " valid-after=\"29990101\" " + key, false},
                new Object[] {BY + " cert-authority " + key, false},
                new Object[] {"", false},
                // Lines that cannot be read are skipped, as ssh-keygen skips them.
                new Object[] {BY + " namespaces=baton-handoff " + key, false},
                new Object[] {BY + " valid-after=\"2020\" " + key, false},
                new Object[] {"garbage\n" + BY + " garbage\n" + BY + " " + key, true},
                new Object[] {BY + " namespaces=x " + otherKey + "\n" + BY + " " + key, true});
        List<String> disagreements = new ArrayList<>();
        int n = 0;
        for (Object[] c : cases) {
            Path file = dir.resolve("allowed_signers-" + n++);
            Files.writeString(file, c[0] + "\n");
            boolean sshKeygen = sshKeygenAllows(file);
            boolean baton = batonAllows(file);
            if (sshKeygen != baton || baton != (boolean) c[1]) {
                disagreements.add(c[0] + ": ssh-keygen " + sshKeygen + ", Baton " + baton + ", expected " + c[1]);
            }
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void anUnsignedBundleIsRefusedOnlyWhenSignedOnesAreRequired() throws Exception {
        Path file = dir.resolve("allowed_signers-unsigned");
        Files.writeString(file, BY + " " + key + "\n");
        var verified = BundleReader.verify(unsigned);
        assertThat(new SignaturePolicy(false, Optional.of(file)).judge(verified).status())
                .isEqualTo(SignaturePolicy.Status.UNSIGNED);
        assertThatThrownBy(() -> new SignaturePolicy(true, Optional.of(file)).judge(verified))
                .isInstanceOf(BundleException.class).hasMessageContaining("unsigned");
        assertThatThrownBy(() -> new SignaturePolicy(true, Optional.empty()).judge(BundleReader.verify(signed)))
                .isInstanceOf(BundleException.class).hasMessageContaining("no allowed_signers file");
        assertThat(new SignaturePolicy(true, Optional.of(file)).judge(BundleReader.verify(signed)).text())
                .startsWith("signed by " + BY + " (ssh-ed25519 key SHA256:");
    }

    @Test
    void aRefusalNamesTheLinesThatCouldNotBeRead() throws Exception {
        Path file = dir.resolve("allowed_signers-typo");
        Files.writeString(file, "# team\n" + BY + " namespaces=baton-handoff " + key + "\n");
        assertThatThrownBy(() -> new SignaturePolicy(false, Optional.of(file)).judge(BundleReader.verify(signed)))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("does not allow to sign baton-handoff bundles as \"" + BY + "\"")
                .hasMessageContaining("allowed_signers-typo:2: option values are written in double quotes");
    }

    private static boolean batonAllows(Path allowedSigners) throws Exception {
        try {
            new SignaturePolicy(true, Optional.of(allowedSigners)).judge(BundleReader.verify(signed));
            return true;
        } catch (BundleException refused) {
            return false;
        }
    }

    private static boolean sshKeygenAllows(Path allowedSigners) throws Exception {
        Process p = new ProcessBuilder("ssh-keygen", "-Y", "verify", "-f", allowedSigners.toString(), "-I", BY, "-n",
                BundleManifest.SIGNATURE_NAMESPACE, "-s", dir.resolve("manifest.json.sig").toString())
                .redirectInput(dir.resolve("manifest.json").toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as(output).isTrue();
        return p.exitValue() == 0;
    }
}
