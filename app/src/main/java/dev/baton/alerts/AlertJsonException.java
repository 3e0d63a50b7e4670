package dev.baton.alerts;

/** JSON that does not hold an alert Baton can open, with a message saying what is wrong and where. */
public final class AlertJsonException extends Exception {
    public AlertJsonException(String message) {
        super(message);
    }
}
