package dev.baton.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** known_hosts verdicts as OpenSSH gives them, including the cases sshj's own verifier gets wrong. */
class KnownHostsTest {
    @TempDir
    Path dir;

    private final KeyPair serverKey = InProcessSshServer.newHostKey();
    private final KeyPair otherKey = InProcessSshServer.newHostKey();

    private KnownHosts file(String... lines) throws Exception {
        Path path = dir.resolve("known_hosts");
        Files.write(path, List.of(lines), StandardCharsets.US_ASCII);
        return new KnownHosts(path);
    }

    private String entry(String hosts, KeyPair key) {
        return hosts + " " + PublicKeyEntry.toString(key.getPublic());
    }

    /** A fan-out checks a thousand nodes' keys against the same file: it is parsed once, and read again once edited. */
    @Test
    void anUnchangedFileIsParsedOnceForManyChecksFromManyThreadsAndAnEditCountsAtOnce() throws Exception {
        KnownHosts knownHosts = file(entry("db1.example.net", serverKey));
        knownHosts.add("db2.example.net", 22, serverKey.getPublic()); // a hashed line, as ssh writes them
        Path path = dir.resolve("known_hosts");
        Files.setLastModifiedTime(path, FileTime.from(Instant.now().minus(Duration.ofMinutes(5))));
        int before = knownHosts.parses();

        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<HostKeyStatus>> verdicts = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String host = i % 2 == 0 ? "db1.example.net" : "db2.example.net";
                verdicts.add(threads.submit(() -> knownHosts.check(host, 22, serverKey.getPublic()).status()));
            }
            for (Future<HostKeyStatus> verdict : verdicts) {
                assertThat(verdict.get()).isEqualTo(HostKeyStatus.TRUSTED);
            }
        } finally {
            threads.shutdown();
        }
        assertThat(knownHosts.parses() - before).isEqualTo(1);

        Files.write(path, List.of(entry("db1.example.net", otherKey)), StandardCharsets.US_ASCII);
        assertThat(knownHosts.check("db1.example.net", 22, serverKey.getPublic()).status())
                .isEqualTo(HostKeyStatus.CHANGED);
        assertThat(knownHosts.check("db2.example.net", 22, serverKey.getPublic()).status())
                .isEqualTo(HostKeyStatus.UNKNOWN);
    }

    /**
     * A fan-out often starts right after its known_hosts was written (a provisioning script, a benchmark): while the
     * file is that young each check reads it again, yet parses it only when its bytes changed, even an edit that
     * keeps its size and modification time.
     */
    @Test
    void aFileWrittenJustNowIsParsedOnceForManyChecksAndASameSizeEditInTheSameTickCounts() throws Exception {
        Path path = dir.resolve("known_hosts");
        FileTime now = FileTime.from(Instant.now().plus(Duration.ofMinutes(5))); // young for the whole test
        KnownHosts knownHosts = file(entry("db1.example.net", serverKey), entry("db2.example.net", serverKey));
        Files.setLastModifiedTime(path, now);
        int before = knownHosts.parses();

        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<HostKeyStatus>> verdicts = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String host = i % 2 == 0 ? "db1.example.net" : "db2.example.net";
                verdicts.add(threads.submit(() -> knownHosts.check(host, 22, serverKey.getPublic()).status()));
            }
            for (Future<HostKeyStatus> verdict : verdicts) {
                assertThat(verdict.get()).isEqualTo(HostKeyStatus.TRUSTED);
            }
        } finally {
            threads.shutdown();
        }
        assertThat(knownHosts.parses() - before).isEqualTo(1);

        long size = Files.size(path);
        Files.write(path, List.of(entry("db1.example.net", otherKey), entry("db2.example.net", serverKey)),
                StandardCharsets.US_ASCII);
        Files.setLastModifiedTime(path, now);
        assertThat(Files.size(path)).isEqualTo(size);
        assertThat(knownHosts.check("db1.example.net", 22, serverKey.getPublic()).status())
                .isEqualTo(HostKeyStatus.CHANGED);
        assertThat(knownHosts.check("db2.example.net", 22, serverKey.getPublic()).status())
                .isEqualTo(HostKeyStatus.TRUSTED);
        assertThat(knownHosts.parses() - before).isEqualTo(2);
    }

    @Test
    void aListedKeyIsTrustedAndAnUnlistedHostIsUnknown() throws Exception {
        KnownHosts knownHosts = file("# team hosts", entry("db1.example.net,10.0.0.5", serverKey));

        assertThat(knownHosts.check("db1.example.net", 22, serverKey.getPublic()).status())
                .isEqualTo(HostKeyStatus.TRUSTED);
        assertThat(knownHosts.check("10.0.0.5", 22, serverKey.getPublic()).deciding()).containsExactly(2);
        HostKeyCheck unknown = knownHosts.check("db2.example.net", 22, serverKey.getPublic());
        assertThat(unknown.status()).isEqualTo(HostKeyStatus.UNKNOWN);
        assertThat(unknown.fingerprint()).startsWith("SHA256:").doesNotEndWith("=");
    }

    @Test
    void aDifferentKeyOfTheSameTypeIsChangedAndNamesTheOffendingLine() throws Exception {
        KnownHosts knownHosts = file(entry("db1.example.net", otherKey));

        HostKeyCheck check = knownHosts.check("DB1.example.net", 22, serverKey.getPublic());

        assertThat(check.status()).isEqualTo(HostKeyStatus.CHANGED);
        assertThat(check.describe()).contains("REMOTE HOST IDENTIFICATION HAS CHANGED", "known_hosts:1",
                check.fingerprint(), "ssh-keygen -R");
    }

    @Test
    void aPortOtherThan22IsLookedUpInBrackets() throws Exception {
        KnownHosts knownHosts = file(entry("[db1.example.net]:2222", serverKey));

        assertThat(knownHosts.check("db1.example.net", 2222, serverKey.getPublic()).status())
                .isEqualTo(HostKeyStatus.TRUSTED);
        assertThat(knownHosts.check("db1.example.net", 22, serverKey.getPublic()).status())
                .isEqualTo(HostKeyStatus.UNKNOWN);
    }

    @Test
    void aRevokedKeyAloneIsRevokedNotChanged() throws Exception {
        KnownHosts knownHosts = file("@revoked " + entry("db1.example.net", serverKey));

        HostKeyCheck check = knownHosts.check("db1.example.net", 22, serverKey.getPublic());

        assertThat(check.status()).isEqualTo(HostKeyStatus.REVOKED);
        assertThat(check.describe()).contains("revoked", "known_hosts:1");
    }

    @Test
    void aRevokedKeyStaysRevokedBesideAPlainLineInEitherOrder() throws Exception {
        String plain = entry("db1.example.net", serverKey);
        String revoked = "@revoked " + entry("*", serverKey);

        assertThat(file(plain, revoked).check("db1.example.net", 22, serverKey.getPublic()).status())
                .isEqualTo(HostKeyStatus.REVOKED);
        assertThat(file(revoked, plain).check("db1.example.net", 22, serverKey.getPublic()).status())
                .isEqualTo(HostKeyStatus.REVOKED);
    }

    @Test
    void aKeyOfAnotherTypeIsUnknownAndSaysWhichTypesAreKnown() throws Exception {
        Path ed25519 = InProcessSshServer.generateClientKey(dir, "host_ed25519", "");
        String edLine = "db1.example.net " + Files.readString(Path.of(ed25519 + ".pub")).strip();
        KnownHosts knownHosts = file(edLine);

        HostKeyCheck check = knownHosts.check("db1.example.net", 22, serverKey.getPublic());

        assertThat(check.status()).isEqualTo(HostKeyStatus.UNKNOWN);
        assertThat(check.otherKeyTypes()).containsExactly("ssh-ed25519");
        assertThat(knownHosts.knownKeyTypes("db1.example.net", 22)).containsExactly("ssh-ed25519");
    }

    @Test
    void entriesHashedByOpenSshAreRead() throws Exception {
        KnownHosts knownHosts = file(entry("[db1.example.net]:2222", serverKey));
        hashWithSshKeygen(knownHosts.file());
        assertThat(Files.readString(knownHosts.file())).startsWith("|1|").doesNotContain("db1");

        assertThat(knownHosts.check("db1.example.net", 2222, serverKey.getPublic()).status())
                .isEqualTo(HostKeyStatus.TRUSTED);
        assertThat(knownHosts.check("db1.example.net", 2222, otherKey.getPublic()).status())
                .isEqualTo(HostKeyStatus.CHANGED);
    }

    @Test
    void addedKeysAreHashedAndFoundByOpenSsh() throws Exception {
        KnownHosts knownHosts = file("# kept");

        knownHosts.add("db1.example.net", 2222, serverKey.getPublic());

        String text = Files.readString(knownHosts.file());
        assertThat(text).startsWith("# kept\n|1|").doesNotContain("db1");
        assertThat(knownHosts.check("db1.example.net", 2222, serverKey.getPublic()).status())
                .isEqualTo(HostKeyStatus.TRUSTED);
        Process find = new ProcessBuilder("ssh-keygen", "-F", "[db1.example.net]:2222", "-f",
                knownHosts.file().toString()).redirectErrorStream(true).start();
        String found = new String(find.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(find.waitFor()).as(found).isZero();
        assertThat(found).contains("found: line 2");
    }

    @Test
    void fingerprintsMatchOpenSsh() throws Exception {
        Path key = InProcessSshServer.generateClientKey(dir, "id_check", "");
        Process keygen = new ProcessBuilder("ssh-keygen", "-l", "-E", "sha256", "-f", key + ".pub").start();
        String printed = new String(keygen.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        keygen.waitFor();

        assertThat(printed).contains(KnownHosts.fingerprint(InProcessSshServer.publicKeyOf(key)));
    }

    @Test
    void unreadableLinesAreSkippedAsOpenSshSkipsThem() throws Exception {
        KnownHosts knownHosts = file("garbage", "db1.example.net ssh-ed25519 !!!notbase64", "@cert-authority * x y",
                entry("db1.example.net", serverKey));

        assertThat(knownHosts.check("db1.example.net", 22, serverKey.getPublic()).deciding()).containsExactly(4);
    }

    private static void hashWithSshKeygen(Path file) throws Exception {
        Process hash = new ProcessBuilder("ssh-keygen", "-H", "-f", file.toString()).redirectErrorStream(true).start();
        String output = new String(hash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(hash.waitFor()).as(output).isZero();
    }
}
