package dev.baton.incident;

import java.io.IOException;

/** Another Baton has the incident open; two writers would fork its timeline. */
public final class IncidentBusyException extends IOException {
    public IncidentBusyException(String message) {
        super(message);
    }
}
