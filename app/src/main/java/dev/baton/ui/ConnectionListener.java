package dev.baton.ui;

import dev.baton.inventory.Node;
import dev.baton.session.IncidentSession;
import dev.baton.ssh.ConnectionState;
import dev.baton.ssh.NodeSessions;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * What the window does when an SSH connection changes: says anything but connecting and connected in the
 * status bar, and records each connection made, lost or that could not be made in the open incident.
 */
final class ConnectionListener implements NodeSessions.Listener {
    private final IncidentSession session;
    private final Consumer<String> status;

    ConnectionListener(IncidentSession session, Consumer<String> status) {
        this.session = session;
        this.status = status;
    }

    @Override
    public void changed(Node node, ConnectionState state, String detail) {
        if (state != ConnectionState.CONNECTING && state != ConnectionState.CONNECTED) {
            Platform.runLater(() -> status.accept(node.name() + ": " + state.label() + " — " + detail));
        }
        if (state == ConnectionState.CONNECTED) {
            session.connection(node.name(), true, node.address());
        } else if (state == ConnectionState.LOST) {
            session.connection(node.name(), false, detail);
        } else if (state == ConnectionState.UNREACHABLE || state == ConnectionState.AUTH_FAILED
                || state == ConnectionState.HOST_KEY_PROBLEM) {
            session.connectionFailed(node.name(), state.label(), detail);
        }
    }
}
