package dev.baton.terminal;

import com.techsenger.jeditermfx.core.TtyConnector;

/**
 * A terminal tab's other end: a local shell on a pty, and later an SSH channel. The console shows any
 * session the same way, so new kinds need no change there.
 */
public interface TerminalSession extends AutoCloseable {
    /** The name shown on the tab until the responder renames it. */
    String title();

    /** What the terminal emulator reads from and writes to. */
    TtyConnector connector();

    boolean isAlive();

    /** Called once, off the FX thread, if the session's connection drops; local sessions never call it. */
    default void onLost(java.util.function.Consumer<String> listener) {
    }

    /** Ends the session and whatever runs in it. */
    @Override
    void close();
}
