package dev.baton.cli;

import dev.baton.inventory.Node;
import dev.baton.ssh.SshConnection;
import dev.baton.ssh.SshConnector;
import dev.baton.ssh.SshFailure;
import dev.baton.ssh.SshPrompts;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.slf4j.LoggerFactory;

/**
 * The one node's connection, opened on a thread of its own as soon as the command knows it will run there, so that
 * the server's share of the handshake (its start, the key exchange, authentication) overlaps the opening of the
 * incident instead of following it: about a third of a one-node {@code baton run}. The connection is the
 * connector's, host key checked and authenticated as ever; nothing but the handshake goes to the node before the
 * command {@linkplain #take() takes} it. Its questions wait until the command {@linkplain #promptsMayShow() lets them}
 * ({@link HeldPrompts}).
 */
final class EarlyConnection implements AutoCloseable {
    private final CompletableFuture<SshConnection> connecting = new CompletableFuture<>();
    private final HeldPrompts prompts;
    private boolean taken;

    private EarlyConnection(HeldPrompts prompts) {
        this.prompts = prompts;
    }

    /** Starts connecting to {@code node} with the connector made for the (held) {@code prompts}. */
    static EarlyConnection start(Function<SshPrompts, SshConnector> connector, SshPrompts prompts, Node node) {
        EarlyConnection early = new EarlyConnection(new HeldPrompts(prompts));
        // Logging is set up before a second thread needs it (the command has usually started it: LoggingStart): slf4j
        // gives a logger asked for while another thread sets it up a stand-in that queues its lines (sshj's debug
        // lines too) and replays them under a warning of its own on stderr.
        LoggerFactory.getILoggerFactory();
        // A daemon: a command that ends first (Ctrl+C, an error) is never kept alive by a handshake.
        Thread thread = new Thread(() -> {
            try {
                early.connecting.complete(connector.apply(early.prompts).connect(node));
            } catch (Throwable failure) {
                early.connecting.completeExceptionally(failure);
            }
        }, "baton-connect-" + node.name());
        thread.setDaemon(true);
        thread.start();
        return early;
    }

    /** The connection may ask its questions (unknown host key, passphrase, password) from now on. */
    void promptsMayShow() {
        prompts.release();
    }

    /** Waits for the connection; the caller closes it. */
    SshConnection take() throws SshFailure, InterruptedException {
        promptsMayShow();
        SshConnection connection;
        try {
            connection = connecting.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SshFailure failure) {
                throw failure;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
        taken = true;
        return connection;
    }

    /** When the command ended without taking the connection: no question is asked, and the connection is closed. */
    @Override
    public void close() {
        if (!taken) {
            prompts.drop();
            connecting.thenAccept(SshConnection::close);
        }
    }
}
