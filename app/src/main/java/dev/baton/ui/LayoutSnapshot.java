package dev.baton.ui;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the window would save if it stopped now: filled on the FX thread as the responder moves things,
 * written from any thread. A JVM shutdown hook (SIGTERM, logout) cannot ask the FX thread for the layout,
 * which may already be gone, so it writes the last copy kept here.
 */
final class LayoutSnapshot {
    private static final Logger LOG = LoggerFactory.getLogger(LayoutSnapshot.class);

    private final Map<String, String> values = new LinkedHashMap<>();

    synchronized void putDouble(String key, double value) {
        values.put(key, Double.toString(value));
    }

    synchronized void putBoolean(String key, boolean value) {
        values.put(key, Boolean.toString(value));
    }

    /** A null value removes the key when written (no runbook open). */
    synchronized void put(String key, String value) {
        values.put(key, value);
    }

    /** Writes every value kept so far and flushes, so the next start reads them even if the JVM ends now. */
    void writeTo(Preferences layout) {
        Map<String, String> copy;
        synchronized (this) {
            copy = new LinkedHashMap<>(values);
        }
        copy.forEach((key, value) -> {
            if (value == null) {
                layout.remove(key);
            } else {
                layout.put(key, value);
            }
        });
        try {
            layout.flush();
        } catch (BackingStoreException e) {
            LOG.warn("The window's layout could not be saved: {}", e.getMessage());
        }
    }

    /** A hook that writes this snapshot when the JVM stops (SIGTERM included); it never touches the FX thread. */
    Thread shutdownHook(Preferences layout) {
        return new Thread(() -> writeTo(layout), "baton-save-layout");
    }
}
