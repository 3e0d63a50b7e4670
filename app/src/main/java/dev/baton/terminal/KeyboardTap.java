package dev.baton.terminal;

import com.techsenger.jeditermfx.core.TtyConnector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The connector the terminal view writes through: what the responder types (and the emulator's replies)
 * pass here, while Baton's own writes go to the session directly. Listeners hear each write after it
 * reached the session, so a step's fate is decided from keys that really went to the shell.
 */
public final class KeyboardTap extends ForwardingTtyConnector {
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> refusedListeners = new CopyOnWriteArrayList<>();
    /** While set, nothing typed here reaches the session: its incident was handed off to someone else. */
    private volatile boolean locked;

    public KeyboardTap(TtyConnector session) {
        super(session);
    }

    public void addListener(Consumer<String> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<String> listener) {
        listeners.remove(listener);
    }

    /** Hears each write refused while locked (keys, a paste, Enter), so the view can say why nothing happened. */
    public void addRefusedListener(Consumer<String> listener) {
        refusedListeners.add(listener);
    }

    /**
     * Stops (or, with false, lets again) what is typed and pasted here from reaching the session. The view's
     * reading and scrolling are untouched; Baton's own writes go to the session and are refused before that.
     */
    public void setLocked(boolean locked) {
        this.locked = locked;
    }

    public boolean isLocked() {
        return locked;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        if (refused(new String(bytes, StandardCharsets.UTF_8))) {
            return;
        }
        super.write(bytes);
        tell(new String(bytes, StandardCharsets.UTF_8));
    }

    @Override
    public void write(String string) throws IOException {
        if (refused(string)) {
            return;
        }
        super.write(string);
        tell(string);
    }

    private boolean refused(String keys) {
        if (locked) {
            refusedListeners.forEach(listener -> listener.accept(keys));
        }
        return locked;
    }

    private void tell(String typed) {
        listeners.forEach(listener -> listener.accept(typed));
    }
}
