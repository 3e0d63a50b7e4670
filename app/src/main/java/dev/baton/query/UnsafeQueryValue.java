package dev.baton.query;

/**
 * A value from an alert or the incident that cannot be put where the query wants it without changing the
 * query's meaning: outside a string and not a plain word, or in a raw string it would end.
 */
public final class UnsafeQueryValue extends IllegalArgumentException {
    public UnsafeQueryValue(String message) {
        super(message);
    }
}
