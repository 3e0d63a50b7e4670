package dev.baton.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;
import org.apache.sshd.server.shell.ProcessShellFactory;

/**
 * A real SSH server in the test's own JVM (Apache MINA SSHD) running commands with /bin/sh: one
 * host key, one authorised client key, one password, and a record of every authentication attempt.
 */
public final class InProcessSshServer implements AutoCloseable {
    public static final String USER = "responder";
    public static final String PASSWORD = "correct horse battery staple";

    private final SshServer server;
    private final KeyPair hostKey;
    public final List<String> authAttempts = new CopyOnWriteArrayList<>();

    private InProcessSshServer(SshServer server, KeyPair hostKey) {
        this.server = server;
        this.hostKey = hostKey;
    }

    public static InProcessSshServer start(PublicKey authorizedKey) throws IOException {
        return start(authorizedKey, newHostKey());
    }

    public static InProcessSshServer start(PublicKey authorizedKey, KeyPair hostKey) throws IOException {
        return start(authorizedKey, hostKey, 0);
    }

    /** On a given port (0: any free one), e.g. to bring a node back where it was. */
    public static InProcessSshServer start(PublicKey authorizedKey, KeyPair hostKey, int port) throws IOException {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(port);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        InProcessSshServer fixture = new InProcessSshServer(server, hostKey);
        server.setPublickeyAuthenticator((user, key, session) -> {
            fixture.authAttempts.add("publickey:" + user);
            return USER.equals(user) && KeyUtils.compareKeys(authorizedKey, key);
        });
        server.setPasswordAuthenticator((user, password, session) -> {
            fixture.authAttempts.add("password:" + user);
            return USER.equals(user) && PASSWORD.equals(password);
        });
        server.setCommandFactory((channel, command) ->
                new ProcessShellFactory(command, List.of("/bin/sh", "-c", command)).createShell(channel));
        server.setShellFactory(new ProcessShellFactory("/bin/sh", "/bin/sh", "-i"));
        server.setForwardingFilter(AcceptAllForwardingFilter.INSTANCE);
        server.start();
        return fixture;
    }

    public static KeyPair newHostKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Generates an ed25519 client key with OpenSSH's own ssh-keygen, mode 600, no passphrase. */
    public static Path generateClientKey(Path directory, String name, String passphrase) throws IOException,
            InterruptedException {
        Files.createDirectories(directory);
        Path key = directory.resolve(name);
        Process process = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", passphrase, "-C", "baton-test",
                "-f", key.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException("ssh-keygen failed: " + output);
        }
        return key;
    }

    public static PublicKey publicKeyOf(Path privateKey) throws IOException, GeneralSecurityException {
        String line = Files.readString(Path.of(privateKey + ".pub")).strip();
        return PublicKeyEntry.parsePublicKeyEntry(line).resolvePublicKey(null, Map.of(), null);
    }

    public int port() {
        return server.getPort();
    }

    public PublicKey hostKey() {
        return hostKey.getPublic();
    }

    public KeyPair hostKeyPair() {
        return hostKey;
    }

    /** A plain known_hosts line for this server, as {@code ssh-keyscan} would print it. */
    public String knownHostsLine() {
        return KnownHosts.lookupName("127.0.0.1", port()) + " " + PublicKeyEntry.toString(hostKey());
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }
}
