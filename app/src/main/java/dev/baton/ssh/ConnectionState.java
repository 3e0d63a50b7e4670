package dev.baton.ssh;

/** Where a node stands, as the nodes pane shows it. */
public enum ConnectionState {
    NEVER_TRIED("never tried"),
    CONNECTING("connecting"),
    CONNECTED("connected"),
    UNREACHABLE("unreachable"),
    AUTH_FAILED("auth failed"),
    HOST_KEY_PROBLEM("host key problem"),
    LOST("connection lost");

    private final String label;

    ConnectionState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
