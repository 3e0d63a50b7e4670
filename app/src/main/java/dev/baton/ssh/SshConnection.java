package dev.baton.ssh;

import dev.baton.inventory.Node;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.DisconnectReason;

/**
 * An authenticated connection to a node, through its jump hosts. Sessions (terminal tabs, runs) are
 * opened on it; when the peer goes away, whether by a clean close or by keepalives left unanswered,
 * the listeners hear it once.
 */
public final class SshConnection implements AutoCloseable {
    private final Node node;
    private final List<SSHClient> clients;
    private final List<Consumer<String>> lostListeners = new CopyOnWriteArrayList<>();
    private volatile boolean closedByUs;
    private volatile String lostReason;

    SshConnection(Node node, List<SSHClient> clients) {
        this.node = node;
        this.clients = List.copyOf(clients);
        for (SSHClient client : this.clients) {
            client.getTransport().setDisconnectListener(this::disconnected);
        }
    }

    public Node node() {
        return node;
    }

    SSHClient client() {
        return clients.get(clients.size() - 1);
    }

    public boolean isConnected() {
        return lostReason == null && !closedByUs && client().isConnected() && client().isAuthenticated();
    }

    /** Called once, on an sshj thread, when the connection drops without Baton closing it. */
    public void onLost(Consumer<String> listener) {
        lostListeners.add(listener);
        String reason = lostReason;
        if (reason != null) {
            listener.accept(reason);
        }
    }

    /** Opens an interactive shell on a pty, as a terminal tab's session. */
    public SshShellSession openShell(int columns, int rows) throws IOException {
        return SshShellSession.open(this, columns, rows);
    }

    private synchronized void disconnected(DisconnectReason reason, String message) {
        if (closedByUs || lostReason != null) {
            return;
        }
        lostReason = "Connection to " + node.name() + " lost"
                + (message == null || message.isBlank() ? "" : ": " + message);
        for (Consumer<String> listener : lostListeners) {
            listener.accept(lostReason);
        }
    }

    @Override
    public void close() {
        closedByUs = true;
        closeAll(clients);
    }

    static void closeAll(List<SSHClient> clients) {
        for (int i = clients.size() - 1; i >= 0; i--) {
            closeQuietly(clients.get(i));
        }
    }

    static void closeQuietly(SSHClient client) {
        try {
            client.disconnect();
        } catch (IOException | RuntimeException ignored) {
            // Closing a connection that is already gone.
        }
    }
}
