package dev.baton.incident;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves text a fixed delay after the first change not yet saved, however fast the typing goes: a crash
 * loses at most that delay (plus one write) of typing. The save runs on the given executor.
 */
public final class Autosaver {
    /** Well inside the one second of typing a crash may cost. */
    public static final Duration DEFAULT_DELAY = Duration.ofMillis(300);
    private static final Logger LOG = LoggerFactory.getLogger(Autosaver.class);

    /** What to do with the text; may throw, and is tried again at the next change. */
    @FunctionalInterface
    public interface Save {
        void save(String text) throws Exception;
    }

    private final ScheduledExecutorService executor;
    private final Duration delay;
    private final Save save;
    private final java.util.function.Consumer<String> onFailure;
    private String pending;
    private boolean scheduled;

    public Autosaver(ScheduledExecutorService executor, Duration delay, Save save,
            java.util.function.Consumer<String> onFailure) {
        this.executor = executor;
        this.delay = delay;
        this.save = save;
        this.onFailure = onFailure;
    }

    /** Cheap enough for every keystroke: remembers the text and makes sure a save is coming. */
    public synchronized void changed(String text) {
        pending = text;
        if (!scheduled) {
            scheduled = true;
            executor.schedule(this::saveNow, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Whether text changed since the last save that worked: typed within the delay, or a save that failed. */
    public synchronized boolean hasPending() {
        return pending != null;
    }

    /** Saves what is pending now, on the calling thread (closing, switching incidents). */
    public void saveNow() {
        String text;
        synchronized (this) {
            text = pending;
            pending = null;
            scheduled = false;
        }
        if (text == null) {
            return;
        }
        try {
            save.save(text);
        } catch (Exception e) {
            LOG.warn("Autosave failed: {}", e.getMessage());
            synchronized (this) {
                if (pending == null) {
                    pending = text;
                }
            }
            onFailure.accept("Notes not saved: " + e.getMessage());
        }
    }
}
