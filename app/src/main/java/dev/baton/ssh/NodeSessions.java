package dev.baton.ssh;

import dev.baton.inventory.Node;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/**
 * One connection per node, shared by its terminal tabs and runs, and each node's state for the nodes
 * pane. Connecting happens on the given executor; listeners hear every change on that thread.
 * Reconnecting opens a fresh connection and runs nothing by itself.
 */
public final class NodeSessions implements AutoCloseable {
    /** A node's state changed; {@code detail} says why in the responder's words. */
    @FunctionalInterface
    public interface Listener {
        void changed(Node node, ConnectionState state, String detail);
    }

    private record Entry(ConnectionState state, String detail, CompletableFuture<SshConnection> connection) {}

    private final SshConnector connector;
    private final Executor background;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    public NodeSessions(SshConnector connector, Executor background) {
        this.connector = connector;
        this.background = background;
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public ConnectionState state(Node node) {
        Entry entry = entries.get(node.name());
        return entry == null ? ConnectionState.NEVER_TRIED : entry.state();
    }

    public String detail(Node node) {
        Entry entry = entries.get(node.name());
        return entry == null ? "" : entry.detail();
    }

    /** The node's connection when it is open now; never connects. */
    public synchronized Optional<SshConnection> live(Node node) {
        Entry entry = entries.get(node.name());
        if (entry == null || entry.state() != ConnectionState.CONNECTED || !entry.connection().isDone()
                || entry.connection().isCompletedExceptionally()) {
            return Optional.empty();
        }
        SshConnection connection = entry.connection().join();
        return connection.isConnected() ? Optional.of(connection) : Optional.empty();
    }

    /** The node's live connection, or a new one when there is none (or it was lost). */
    public synchronized CompletableFuture<SshConnection> connection(Node node) {
        Entry entry = entries.get(node.name());
        if (entry != null && (entry.state() == ConnectionState.CONNECTING
                || entry.state() == ConnectionState.CONNECTED && entry.connection().join().isConnected())) {
            return entry.connection();
        }
        return connect(node);
    }

    /** Drops whatever connection the node has and opens a new one. Nothing is re-run on it. */
    public synchronized CompletableFuture<SshConnection> reconnect(Node node) {
        Entry entry = entries.remove(node.name());
        if (entry != null && entry.connection().isDone() && !entry.connection().isCompletedExceptionally()) {
            entry.connection().join().close();
        }
        return connect(node);
    }

    private CompletableFuture<SshConnection> connect(Node node) {
        CompletableFuture<SshConnection> future = new CompletableFuture<>();
        set(node, new Entry(ConnectionState.CONNECTING, "connecting to " + node.address(), future));
        background.execute(() -> {
            try {
                SshConnection connection = connector.connect(node);
                connection.onLost(reason -> {
                    Entry current = entries.get(node.name());
                    if (current != null && current.connection() == future) {
                        set(node, new Entry(ConnectionState.LOST, reason, future));
                    }
                });
                if (connection.isConnected()) {
                    set(node, new Entry(ConnectionState.CONNECTED, "connected to " + node.address(), future));
                }
                future.complete(connection);
            } catch (SshFailure failure) {
                set(node, new Entry(failure.state(), failure.getMessage(), future));
                future.completeExceptionally(failure);
            } catch (RuntimeException unexpected) {
                set(node, new Entry(ConnectionState.UNREACHABLE, String.valueOf(unexpected.getMessage()), future));
                future.completeExceptionally(unexpected);
            }
        });
        return future;
    }

    private void set(Node node, Entry entry) {
        entries.put(node.name(), entry);
        for (Listener listener : listeners) {
            listener.changed(node, entry.state(), entry.detail());
        }
    }

    @Override
    public void close() {
        for (Entry entry : entries.values()) {
            entry.connection().thenAccept(SshConnection::close);
        }
        entries.clear();
    }
}
