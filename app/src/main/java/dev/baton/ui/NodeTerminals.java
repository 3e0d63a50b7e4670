package dev.baton.ui;

import dev.baton.inventory.Node;
import dev.baton.ssh.NodeSessions;
import dev.baton.terminal.TerminalTarget;
import dev.baton.ui.terminal.TerminalTabs;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import javafx.application.Platform;

/** Terminals on nodes: the tab opens at once, and the connection (a new one or the node's own) is made off the FX thread. */
final class NodeTerminals {
    private final TerminalTabs terminals;
    private final NodeSessions sessions;
    private final Consumer<String> say;

    NodeTerminals(TerminalTabs terminals, NodeSessions sessions, Consumer<String> say) {
        this.terminals = terminals;
        this.sessions = sessions;
        this.say = say;
    }

    /** Opens a terminal tab on the node, connecting first if needed; the UI never waits for it. */
    void open(Node node) {
        say.accept("Connecting to " + node.name() + "…");
        terminals.open(() -> {
            try {
                var shell = sessions.connection(node).join().openShell(120, 32);
                Platform.runLater(() -> say.accept("Terminal on " + node.name() + " (" + node.address() + ")"));
                return shell;
            } catch (CompletionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause().getMessage(), e);
            }
        }, node.name(), TerminalTarget.of(node));
    }
}
