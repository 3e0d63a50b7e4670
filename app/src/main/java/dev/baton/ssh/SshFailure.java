package dev.baton.ssh;

import java.io.IOException;
import java.util.Optional;

/** A connection that did not come up, said in the responder's terms, with the state the node is left in. */
public final class SshFailure extends IOException {
    private final ConnectionState state;
    private final transient HostKeyCheck hostKeyCheck;

    public SshFailure(ConnectionState state, String message, Throwable cause) {
        this(state, message, cause, null);
    }

    SshFailure(ConnectionState state, String message, Throwable cause, HostKeyCheck hostKeyCheck) {
        super(message, cause);
        this.state = state;
        this.hostKeyCheck = hostKeyCheck;
    }

    public ConnectionState state() {
        return state;
    }

    /** The host key verdict when that is what stopped the connection. */
    public Optional<HostKeyCheck> hostKeyCheck() {
        return Optional.ofNullable(hostKeyCheck);
    }
}
