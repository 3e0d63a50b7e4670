package dev.baton.ssh;

import dev.baton.inventory.Node;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.method.AuthKeyboardInteractive;
import net.schmizz.sshj.userauth.method.AuthMethod;
import net.schmizz.sshj.userauth.method.AuthPassword;
import net.schmizz.sshj.userauth.method.AuthPublickey;
import net.schmizz.sshj.userauth.method.ChallengeResponseProvider;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens SSH connections as the responder's {@code ssh} would: known_hosts decides, an unknown key is
 * the responder's call, authentication starts only after the host key is accepted, keys then
 * keyboard-interactive then password, through every ProxyJump hop, with a connect timeout and
 * keepalives that notice a dead peer. Blocking: call it off the UI thread.
 */
public final class SshConnector {
    static {
        JdkCrypto.install();
    }

    private static final Logger log = LoggerFactory.getLogger(SshConnector.class);
    private static final int MAX_PASSWORD_TRIES = 3;

    private final SshSettings settings;
    private final SshPrompts prompts;
    private final Function<String, Optional<Node>> nodesByName;

    /** @param nodesByName resolves a ProxyJump hop named after an inventory node */
    public SshConnector(SshSettings settings, SshPrompts prompts, Function<String, Optional<Node>> nodesByName) {
        this.settings = settings;
        this.prompts = prompts;
        this.nodesByName = nodesByName;
    }

    /** Sets up what every connection shares, ahead of the first one (a window does it while it starts). */
    public static void prepare() {
        OpenSshDefaults.get();
    }

    public SshConnection connect(Node node) throws SshFailure {
        List<Node> hops = new ArrayList<>();
        for (String hop : node.proxyJump()) {
            try {
                hops.add(nodesByName.apply(hop).orElseGet(() -> Node.parseAddress(hop, node.user())));
            } catch (IllegalArgumentException e) {
                throw new SshFailure(ConnectionState.UNREACHABLE,
                        node.name() + ": ProxyJump " + e.getMessage(), e);
            }
        }
        List<SSHClient> clients = new ArrayList<>();
        try {
            SSHClient previous = null;
            for (Node hop : hops) {
                previous = open(hop, previous, " (jump host for " + node.name() + ")");
                clients.add(previous);
            }
            clients.add(open(node, previous, ""));
            return new SshConnection(node, clients);
        } catch (SshFailure failure) {
            SshConnection.closeAll(clients);
            throw failure;
        }
    }

    private SSHClient open(Node node, SSHClient via, String role) throws SshFailure {
        String where = node.name() + role;
        Optional<PublicKey> acceptedOnce = Optional.empty();
        while (true) {
            HandshakeDeadline deadline;
            try {
                deadline = HandshakeDeadline.admitted(settings.connectTimeout(), HandshakeGate.SHARED);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SshFailure(ConnectionState.UNREACHABLE, "Not connected to " + where + ": interrupted.", e);
            }
            SSHClient client = newClient(node, deadline);
            BatonHostKeyVerifier verifier = new BatonHostKeyVerifier(settings.knownHosts(), acceptedOnce);
            client.addHostKeyVerifier(verifier);
            try {
                if (via == null) {
                    client.connect(node.hostName(), node.port());
                    // Reads may wait from now on (a password being typed): the deadline bounds the rest.
                    client.getSocket().setSoTimeout(0);
                } else {
                    var tunnel = via.newDirectConnection(node.hostName(), node.port());
                    deadline.guard(tunnel);
                    client.connectVia(tunnel);
                }
            } catch (IOException | RuntimeException e) {
                deadline.close();
                SshConnection.closeQuietly(client);
                if (deadline.expired()) {
                    throw timedOut(where, node, deadline, e);
                }
                Optional<HostKeyCheck> check = verifier.lastCheck();
                if (check.isEmpty() || check.get().status() == HostKeyStatus.TRUSTED) {
                    throw unreachable(where, node, e);
                }
                HostKeyCheck verdict = check.get();
                if (verdict.status() != HostKeyStatus.UNKNOWN) {
                    throw new SshFailure(ConnectionState.HOST_KEY_PROBLEM, verdict.describe(), null, verdict);
                }
                if (acceptedOnce.isPresent()) {
                    throw new SshFailure(ConnectionState.HOST_KEY_PROBLEM, where + " presented a different host key "
                            + "than the one just accepted (" + verdict.fingerprint() + "); not connecting.", null,
                            verdict);
                }
                PublicKey presented = verifier.lastKey().orElseThrow();
                HostKeyDecision decision = prompts.unknownHostKey(verdict);
                if (decision == HostKeyDecision.REJECT) {
                    throw new SshFailure(ConnectionState.HOST_KEY_PROBLEM, "Host key of " + where + " not accepted: "
                            + verdict.keyType() + " " + verdict.fingerprint() + ".", null, verdict);
                }
                if (decision == HostKeyDecision.ACCEPT_AND_SAVE) {
                    saveHostKey(node, presented);
                }
                acceptedOnce = Optional.of(presented);
                continue;
            }
            try {
                authenticate(client, node, where, deadline);
            } finally {
                deadline.close();
            }
            return client;
        }
    }

    private SSHClient newClient(Node node, HandshakeDeadline deadline) {
        SSHClient client = new SSHClient(OpenSshDefaults.get());
        client.setSocketFactory(deadline.socketFactory());
        int timeoutMillis = Math.toIntExact(settings.connectTimeout().toMillis());
        client.setConnectTimeout(timeoutMillis);
        // Bounds the wait for the server's banner and key exchange; cleared once connected, after which
        // keepalives tell a quiet session from a dead one.
        client.setTimeout(timeoutMillis);
        client.getTransport().setTimeoutMs(Math.max(timeoutMillis, 60_000));
        boolean nodeSetsKeepAlive = !node.serverAliveInterval().isZero();
        long interval = nodeSetsKeepAlive ? node.serverAliveInterval().toSeconds()
                : settings.keepAliveInterval().toSeconds();
        SharedKeepAlive keepAlive = (SharedKeepAlive) client.getConnection().getKeepAlive();
        keepAlive.setKeepAliveInterval((int) Math.max(1, interval));
        keepAlive.setMaxAliveCount(nodeSetsKeepAlive ? node.serverAliveCountMax() : settings.keepAliveCountMax());
        return client;
    }

    private void saveHostKey(Node node, PublicKey key) throws SshFailure {
        try {
            settings.knownHosts().add(node.hostName(), node.port(), key);
        } catch (IOException e) {
            throw new SshFailure(ConnectionState.HOST_KEY_PROBLEM,
                    "Cannot add the host key to " + settings.knownHosts().file() + ": " + e.getMessage(), e);
        }
    }

    private void authenticate(SSHClient client, Node node, String where, HandshakeDeadline deadline)
            throws SshFailure {
        SshPrompts prompts = new PausingPrompts(this.prompts, deadline);
        List<AuthMethod> methods = new ArrayList<>();
        List<String> refusedKeys = new ArrayList<>();
        // As OpenSSH: the agent's keys first, unless the node allows only its own identity files.
        if (!node.identitiesOnly() && settings.agent().isPresent()) {
            SshAgent agent = settings.agent().get();
            try {
                for (SshAgent.Identity identity : agent.identities()) {
                    methods.add(new AgentAuth(agent, identity));
                }
            } catch (IOException unavailable) {
                refusedKeys.add("ssh-agent at " + agent.socket() + " unavailable: " + unavailable.getMessage() + ".");
            }
        }
        for (Path keyFile : keyFiles(node)) {
            try {
                Optional<String> refusal = KeyFiles.refusal(keyFile);
                if (refusal.isPresent()) {
                    refusedKeys.add(refusal.get());
                    log.warn(refusal.get());
                    continue;
                }
                KeyProvider keys = client.loadKeys(keyFile.toString(),
                        new AskedSecret(() -> prompts.passphrase(keyFile)));
                methods.add(new AuthPublickey(keys));
            } catch (IOException | RuntimeException unreadable) {
                refusedKeys.add("Cannot read key " + keyFile + ": " + unreadable.getMessage());
            }
        }
        String host = node.hostName();
        methods.add(new AuthKeyboardInteractive(new Challenges(host, prompts)));
        methods.add(new AuthPassword(new AskedSecret(() -> prompts.password(node.user(), host))));
        try {
            client.auth(node.user(), methods);
        } catch (UserAuthException | TransportException | PromptDeclined e) {
            SshConnection.closeQuietly(client);
            if (deadline.expired()) {
                throw timedOut(where, node, deadline, e);
            }
            String detail = refusedKeys.isEmpty() ? "" : " " + String.join(" ", refusedKeys);
            throw new SshFailure(ConnectionState.AUTH_FAILED,
                    "Authentication as " + node.user() + " on " + where + " failed." + detail, e);
        }
    }

    private List<Path> keyFiles(Node node) {
        List<Path> files = new ArrayList<>(node.identityFiles());
        if (!node.identitiesOnly()) {
            for (Path fallback : settings.defaultIdentities()) {
                if (!files.contains(fallback) && Files.exists(fallback)) {
                    files.add(fallback);
                }
            }
        }
        return files.stream().filter(Files::exists).toList();
    }

    private static SshFailure unreachable(String where, Node node, Exception e) {
        String address = node.hostName() + ":" + node.port();
        Throwable root = rootCause(e);
        String reason;
        if (root instanceof ConnectException) {
            reason = "connection refused by " + address;
        } else if (root instanceof SocketTimeoutException) {
            reason = "no answer from " + address + " (timed out)";
        } else if (root instanceof UnknownHostException) {
            reason = "unknown host " + node.hostName();
        } else if (root instanceof NoRouteToHostException) {
            reason = "no route to " + address;
        } else if (e instanceof TransportException t && t.getDisconnectReason() != DisconnectReason.UNKNOWN) {
            reason = "the server closed the connection (" + t.getDisconnectReason() + ": " + t.getMessage() + ")";
        } else {
            reason = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        }
        return new SshFailure(ConnectionState.UNREACHABLE, "Cannot reach " + where + ": " + reason + ".", e);
    }

    static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static SshFailure timedOut(String where, Node node, HandshakeDeadline deadline, Exception e) {
        return new SshFailure(ConnectionState.UNREACHABLE, "Cannot reach " + where + ": no SSH handshake with "
                + node.hostName() + ":" + node.port() + " within " + deadline.budget().toSeconds() + " s (timed out).", e);
    }

    /**
     * A secret asked of the responder when sshj needs it. A retry asks first and is declined when the
     * responder gives nothing, so an empty answer is never sent to the server.
     */
    private static final class AskedSecret implements PasswordFinder {
        private final java.util.function.Supplier<Optional<char[]>> ask;
        private char[] pending;
        private int tries;

        AskedSecret(java.util.function.Supplier<Optional<char[]>> ask) {
            this.ask = ask;
        }

        @Override
        public char[] reqPassword(Resource<?> resource) {
            char[] answer = pending != null ? pending : ask.get().orElseThrow(PromptDeclined::new);
            pending = null;
            tries++;
            return answer;
        }

        @Override
        public boolean shouldRetry(Resource<?> resource) {
            if (tries >= MAX_PASSWORD_TRIES) {
                return false;
            }
            pending = ask.get().orElse(null);
            return pending != null;
        }
    }

    /** The responder chose not to answer: that authentication method is given up. */
    static final class PromptDeclined extends RuntimeException {
        PromptDeclined() {
            super("declined by the responder", null, false, false);
        }
    }

    private static final class Challenges implements ChallengeResponseProvider {
        private final String host;
        private final SshPrompts prompts;
        private String instruction = "";

        Challenges(String host, SshPrompts prompts) {
            this.host = host;
            this.prompts = prompts;
        }

        @Override
        public List<String> getSubmethods() {
            return List.of();
        }

        @Override
        public void init(Resource resource, String name, String instruction) {
            this.instruction = instruction == null ? "" : instruction;
        }

        @Override
        public char[] getResponse(String prompt, boolean echo) {
            // An empty answer fails this method and lets the next one (password) be tried.
            return prompts.keyboardInteractive(host, instruction, prompt, echo).orElse(new char[0]);
        }

        @Override
        public boolean shouldRetry() {
            return false;
        }
    }
}
