package dev.baton.terminal;

import com.techsenger.jeditermfx.core.TerminalDisplay;
import com.techsenger.jeditermfx.core.model.StoredCursor;
import com.techsenger.jeditermfx.core.model.StyleState;
import com.techsenger.jeditermfx.core.model.TerminalTextBuffer;

/**
 * JediTerm's terminal with every cursor move done whole under the text buffer's lock, the lock the
 * painter holds while it draws. JediTerm's own line feed moves the cursor one row down first and only
 * then takes the lock to scroll it back onto the screen: a repaint falling between the two read the
 * row below the last one, and logged "Attempt to get line out of bounds" for each such frame under a
 * flood of output. The lock is reentrant, so the moves that already take it are unchanged. Its scrollback
 * is a ring ({@link RingScrollbackTerminal}).
 */
public final class WholeCursorMovesTerminal extends RingScrollbackTerminal {
    private final TerminalTextBuffer buffer;

    public WholeCursorMovesTerminal(TerminalDisplay display, TerminalTextBuffer buffer, StyleState style) {
        super(display, buffer, style);
        this.buffer = buffer;
    }

    @Override
    public void newLine() {
        buffer.lock();
        try {
            super.newLine();
        } finally {
            buffer.unlock();
        }
    }

    @Override
    public void writeUnwrappedString(String string) {
        buffer.lock();
        try {
            super.writeUnwrappedString(string);
        } finally {
            buffer.unlock();
        }
    }

    @Override
    public void backspace() {
        buffer.lock();
        try {
            super.backspace();
        } finally {
            buffer.unlock();
        }
    }

    @Override
    public void linePositionAbsolute(int y) {
        buffer.lock();
        try {
            super.linePositionAbsolute(y);
        } finally {
            buffer.unlock();
        }
    }

    @Override
    public void setY(int y) {
        buffer.lock();
        try {
            super.setY(y);
        } finally {
            buffer.unlock();
        }
    }

    @Override
    public void restoreCursor(StoredCursor stored) {
        buffer.lock();
        try {
            super.restoreCursor(stored);
        } finally {
            buffer.unlock();
        }
    }
}
