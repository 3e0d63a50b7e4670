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

    public KeyboardTap(TtyConnector session) {
        super(session);
    }

    public void addListener(Consumer<String> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<String> listener) {
        listeners.remove(listener);
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        super.write(bytes);
        tell(new String(bytes, StandardCharsets.UTF_8));
    }

    @Override
    public void write(String string) throws IOException {
        super.write(string);
        tell(string);
    }

    private void tell(String typed) {
        listeners.forEach(listener -> listener.accept(typed));
    }
}
