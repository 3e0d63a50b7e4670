package dev.baton.ssh;

import static dev.baton.ssh.SshTestNodes.node;
import static dev.baton.ssh.SshTestNodes.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.inventory.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connecting to a real in-process SSH server: host keys, authentication, jump hosts. */
class SshConnectorTest {
    @TempDir
    Path dir;

    private Path clientKey;
    private Path knownHosts;
    private InProcessSshServer server;

    @BeforeEach
    void startServer() throws Exception {
        clientKey = InProcessSshServer.generateClientKey(dir.resolve("keys"), "id_ed25519", "");
        server = InProcessSshServer.start(InProcessSshServer.publicKeyOf(clientKey));
        knownHosts = dir.resolve("known_hosts");
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    private void trustServer() throws Exception {
        Files.writeString(knownHosts, server.knownHostsLine() + "\n");
    }

    private SshConnection connect(Node node, SshPrompts prompts) throws SshFailure {
        return new SshConnector(settings(knownHosts), prompts, name -> Optional.empty()).connect(node);
    }

    @Test
    void aKnownHostWithTheRightKeyConnectsAndRuns() throws Exception {
        trustServer();
        try (SshConnection connection = connect(node("db1", server.port(), clientKey), SshPrompts.NONE)) {
            assertThat(connection.isConnected()).isTrue();
            RunResult result = NodeRun.run(connection, "echo out; echo err >&2; exit 3", dir, RunListener.NONE);
            assertThat(result.outcome()).isEqualTo(RunOutcome.COMPLETED);
            assertThat(result.exitStatus()).isEqualTo(3);
            assertThat(result.stdout().text()).isEqualTo("out\n");
            assertThat(result.stderr().text()).isEqualTo("err\n");
            assertThat(result.succeeded()).isFalse();
            assertThat(result.summary()).startsWith("exit 3 in ");
        }
    }

    @Test
    void anUnknownHostKeyIsPutToTheResponderBeforeAnyAuthentication() throws Exception {
        RecordingPrompts prompts = new RecordingPrompts(HostKeyDecision.REJECT);

        assertThatThrownBy(() -> connect(node("db1", server.port(), clientKey), prompts))
                .isInstanceOfSatisfying(SshFailure.class, failure -> {
                    assertThat(failure.state()).isEqualTo(ConnectionState.HOST_KEY_PROBLEM);
                    assertThat(failure.getMessage()).contains("not accepted", KnownHosts.fingerprint(server.hostKey()));
                });
        assertThat(prompts.hostKeyQuestions).singleElement().satisfies(check -> {
            assertThat(check.status()).isEqualTo(HostKeyStatus.UNKNOWN);
            assertThat(check.fingerprint()).isEqualTo(KnownHosts.fingerprint(server.hostKey()));
            assertThat(check.describe()).contains("can't be established", check.fingerprint());
        });
        assertThat(server.authAttempts).isEmpty();
        assertThat(knownHosts).doesNotExist();
    }

    @Test
    void acceptingOnceConnectsWithoutWritingKnownHostsAndAsksAgainNextTime() throws Exception {
        RecordingPrompts prompts = new RecordingPrompts(HostKeyDecision.ACCEPT_ONCE);
        try (SshConnection connection = connect(node("db1", server.port(), clientKey), prompts)) {
            assertThat(connection.isConnected()).isTrue();
        }
        try (SshConnection again = connect(node("db1", server.port(), clientKey), prompts)) {
            assertThat(again.isConnected()).isTrue();
        }
        assertThat(prompts.hostKeyQuestions).hasSize(2);
        assertThat(knownHosts).doesNotExist();
    }

    @Test
    void acceptingAndSavingWritesAHashedLineAndIsNotAskedAgain() throws Exception {
        RecordingPrompts prompts = new RecordingPrompts(HostKeyDecision.ACCEPT_AND_SAVE);
        try (SshConnection connection = connect(node("db1", server.port(), clientKey), prompts)) {
            assertThat(connection.isConnected()).isTrue();
        }
        try (SshConnection again = connect(node("db1", server.port(), clientKey), prompts)) {
            assertThat(again.isConnected()).isTrue();
        }
        assertThat(prompts.hostKeyQuestions).hasSize(1);
        assertThat(Files.readString(knownHosts)).startsWith("|1|").doesNotContain("127.0.0.1");
    }

    @Test
    void aChangedHostKeyIsRefusedWithoutAskingOrAuthenticating() throws Exception {
        Files.writeString(knownHosts, "[127.0.0.1]:" + server.port() + " "
                + org.apache.sshd.common.config.keys.PublicKeyEntry.toString(
                        InProcessSshServer.newHostKey().getPublic()) + "\n");
        RecordingPrompts prompts = new RecordingPrompts(HostKeyDecision.ACCEPT_AND_SAVE);

        assertThatThrownBy(() -> connect(node("db1", server.port(), clientKey), prompts))
                .isInstanceOfSatisfying(SshFailure.class, failure -> {
                    assertThat(failure.state()).isEqualTo(ConnectionState.HOST_KEY_PROBLEM);
                    assertThat(failure.getMessage()).contains("HAS CHANGED", "known_hosts:1");
                });
        assertThat(prompts.hostKeyQuestions).isEmpty();
        assertThat(server.authAttempts).isEmpty();
    }

    @Test
    void aRevokedHostKeyIsRefusedAloneAndBesideAPlainLineInBothOrders() throws Exception {
        String plain = server.knownHostsLine();
        String revoked = "@revoked " + server.knownHostsLine();
        for (List<String> lines : List.of(List.of(revoked), List.of(plain, revoked), List.of(revoked, plain))) {
            Files.write(knownHosts, lines);
            RecordingPrompts prompts = new RecordingPrompts(HostKeyDecision.ACCEPT_AND_SAVE);

            assertThatThrownBy(() -> connect(node("db1", server.port(), clientKey), prompts))
                    .as(String.join(" / ", lines))
                    .isInstanceOfSatisfying(SshFailure.class, failure -> {
                        assertThat(failure.state()).isEqualTo(ConnectionState.HOST_KEY_PROBLEM);
                        assertThat(failure.getMessage()).contains("revoked");
                    });
            assertThat(prompts.hostKeyQuestions).isEmpty();
        }
        assertThat(server.authAttempts).isEmpty();
    }

    @Test
    void aHashedEntryOnAPortOtherThan22IsTrusted() throws Exception {
        trustServer();
        Process hash = new ProcessBuilder("ssh-keygen", "-H", "-f", knownHosts.toString()).start();
        assertThat(hash.waitFor()).isZero();
        assertThat(Files.readString(knownHosts)).startsWith("|1|");

        try (SshConnection connection = connect(node("db1", server.port(), clientKey), SshPrompts.NONE)) {
            assertThat(connection.isConnected()).isTrue();
        }
    }

    @Test
    void aKeyFileOthersCanReadIsRefusedAsOpenSshRefusesIt() throws Exception {
        trustServer();
        Files.setPosixFilePermissions(clientKey, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> connect(node("db1", server.port(), clientKey), SshPrompts.NONE))
                .isInstanceOfSatisfying(SshFailure.class, failure -> {
                    assertThat(failure.state()).isEqualTo(ConnectionState.AUTH_FAILED);
                    assertThat(failure.getMessage()).contains("Permissions 0644", "too open");
                });
        assertThat(server.authAttempts).noneMatch(attempt -> attempt.startsWith("publickey"));
    }

    @Test
    void aWrongKeyFailsAuthentication() throws Exception {
        trustServer();
        Path otherKey = InProcessSshServer.generateClientKey(dir.resolve("other"), "id_ed25519", "");

        assertThatThrownBy(() -> connect(node("db1", server.port(), otherKey), SshPrompts.NONE))
                .isInstanceOfSatisfying(SshFailure.class, failure ->
                        assertThat(failure.state()).isEqualTo(ConnectionState.AUTH_FAILED));
    }

    @Test
    void aPassphraseIsAskedForAnEncryptedKey() throws Exception {
        trustServer();
        Path encrypted = InProcessSshServer.generateClientKey(dir.resolve("enc"), "id_ed25519", "open sesame");
        server.close();
        server = InProcessSshServer.start(InProcessSshServer.publicKeyOf(encrypted), server.hostKeyPair());
        trustServer();
        RecordingPrompts prompts = new RecordingPrompts(HostKeyDecision.REJECT, "open sesame");

        try (SshConnection connection = connect(node("db1", server.port(), encrypted), prompts)) {
            assertThat(connection.isConnected()).isTrue();
        }
        assertThat(prompts.asked).containsExactly("passphrase:id_ed25519");
    }

    @Test
    void aPasswordIsAskedWhenNoKeyWorksAndAWrongOneFails() throws Exception {
        trustServer();
        RecordingPrompts right = new RecordingPrompts(HostKeyDecision.REJECT, InProcessSshServer.PASSWORD);
        try (SshConnection connection = connect(node("db1", server.port(), null), right)) {
            assertThat(connection.isConnected()).isTrue();
        }

        RecordingPrompts wrong = new RecordingPrompts(HostKeyDecision.REJECT, "nope", "nope", "nope", "nope");
        assertThatThrownBy(() -> connect(node("db1", server.port(), null), wrong))
                .isInstanceOfSatisfying(SshFailure.class, failure ->
                        assertThat(failure.state()).isEqualTo(ConnectionState.AUTH_FAILED));
        assertThat(wrong.asked).isNotEmpty().allMatch(question -> question.contains("assword"));
    }

    @Test
    void aKeyHeldByTheAgentAuthenticatesWithoutBatonSeeingIt() throws Exception {
        trustServer();
        try (RealSshAgent agent = new RealSshAgent(dir.resolve("agent"))) {
            agent.add(clientKey);
            assertThat(agent.agent().identities()).singleElement()
                    .satisfies(identity -> assertThat(identity.keyType()).isEqualTo("ssh-ed25519"));
            Node viaAgent = Node.direct("db1", "127.0.0.1", server.port(), InProcessSshServer.USER);
            SshSettings withAgent = settings(knownHosts).withAgent(Optional.of(agent.agent()));

            try (SshConnection connection = new SshConnector(withAgent, SshPrompts.NONE, name -> Optional.empty())
                    .connect(viaAgent)) {
                assertThat(connection.isConnected()).isTrue();
            }
            assertThat(server.authAttempts).contains("publickey:" + InProcessSshServer.USER);
        }
    }

    @Test
    void anAgentWithoutTheRightKeyFailsAuthentication() throws Exception {
        trustServer();
        Path otherKey = InProcessSshServer.generateClientKey(dir.resolve("other"), "id_ed25519", "");
        try (RealSshAgent agent = new RealSshAgent(dir.resolve("agent"))) {
            agent.add(otherKey);
            Node viaAgent = Node.direct("db1", "127.0.0.1", server.port(), InProcessSshServer.USER);
            SshSettings withAgent = settings(knownHosts).withAgent(Optional.of(agent.agent()));

            assertThatThrownBy(() -> new SshConnector(withAgent, SshPrompts.NONE, name -> Optional.empty())
                    .connect(viaAgent)).isInstanceOfSatisfying(SshFailure.class, failure ->
                    assertThat(failure.state()).isEqualTo(ConnectionState.AUTH_FAILED));
        }
    }

    @Test
    void secretsNeverReachTheLogsEvenAtTrace() throws Exception {
        trustServer();
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.classic.LoggerContext context = root.getLoggerContext();
        java.util.Map<ch.qos.logback.classic.Logger, ch.qos.logback.classic.Level> levels = new java.util.HashMap<>();
        for (ch.qos.logback.classic.Logger logger : context.getLoggerList()) {
            levels.put(logger, logger.getLevel());
            logger.setLevel(ch.qos.logback.classic.Level.TRACE);
        }
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> events =
                new ch.qos.logback.core.read.ListAppender<>();
        events.start();
        // Only the list hears this test's trace; the console stays readable.
        java.util.List<ch.qos.logback.core.Appender<ch.qos.logback.classic.spi.ILoggingEvent>> console =
                new java.util.ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(console::add);
        console.forEach(root::detachAppender);
        root.addAppender(events);
        try {
            Path encrypted = InProcessSshServer.generateClientKey(dir.resolve("enc"), "id_ed25519", "passphrase-xyzzy");
            // The server does not know this key, so (as with OpenSSH) it is never decrypted; the first
            // secret goes to keyboard-interactive, the second to password.
            RecordingPrompts prompts = new RecordingPrompts(HostKeyDecision.REJECT, "passphrase-xyzzy",
                    InProcessSshServer.PASSWORD);
            try (SshConnection connection = connect(node("db1", server.port(), encrypted), prompts)) {
                assertThat(connection.isConnected()).isTrue();
            }
            assertThat(prompts.asked).containsExactly("keyboard-interactive:Password:", "password:responder");
            assertThat(server.authAttempts).contains("password:" + InProcessSshServer.USER);
        } finally {
            root.detachAppender(events);
            console.forEach(root::addAppender);
            levels.forEach(ch.qos.logback.classic.Logger::setLevel);
        }
        assertThat(events.list).isNotEmpty();
        assertThat(events.list).noneMatch(event -> event.getFormattedMessage().contains("xyzzy")
                || event.getFormattedMessage().contains(InProcessSshServer.PASSWORD));
    }

    @Test
    void proxyJumpReachesANodeThroughASecondServer() throws Exception {
        try (InProcessSshServer target = InProcessSshServer.start(InProcessSshServer.publicKeyOf(clientKey))) {
            Files.write(knownHosts, List.of(server.knownHostsLine(), target.knownHostsLine()));
            Node jump = node("bastion", server.port(), clientKey);
            Node inner = node("db-inner", target.port(), clientKey).withProxyJump(List.of("bastion"));
            SshConnector connector = new SshConnector(settings(knownHosts), SshPrompts.NONE,
                    name -> Optional.ofNullable(Map.of("bastion", jump).get(name)));

            try (SshConnection connection = connector.connect(inner)) {
                RunResult result = NodeRun.run(connection, "echo through", dir, RunListener.NONE);
                assertThat(result.stdout().text()).isEqualTo("through\n");
            }
            assertThat(server.authAttempts).isNotEmpty();
            assertThat(target.authAttempts).isNotEmpty();
        }
    }

    @Test
    void aJumpHostWithAnUnknownKeyStopsTheWholeChain() throws Exception {
        try (InProcessSshServer target = InProcessSshServer.start(InProcessSshServer.publicKeyOf(clientKey))) {
            Files.write(knownHosts, List.of(target.knownHostsLine()));
            Node inner = node("db-inner", target.port(), clientKey)
                    .withProxyJump(List.of("responder@127.0.0.1:" + server.port()));
            RecordingPrompts prompts = new RecordingPrompts(HostKeyDecision.REJECT);

            assertThatThrownBy(() -> new SshConnector(settings(knownHosts), prompts, name -> Optional.empty())
                    .connect(inner)).isInstanceOfSatisfying(SshFailure.class, failure ->
                    assertThat(failure.getMessage()).contains("jump host for db-inner"));
            assertThat(target.authAttempts).isEmpty();
        }
    }
}
