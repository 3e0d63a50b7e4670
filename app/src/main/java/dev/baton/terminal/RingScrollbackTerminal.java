package dev.baton.terminal;

import com.techsenger.jeditermfx.core.TerminalDisplay;
import com.techsenger.jeditermfx.core.model.JediTerminal;
import com.techsenger.jeditermfx.core.model.LinesBuffer;
import com.techsenger.jeditermfx.core.model.StyleState;
import com.techsenger.jeditermfx.core.model.TerminalLine;
import com.techsenger.jeditermfx.core.model.TerminalTextBuffer;
import com.techsenger.jeditermfx.core.model.hyperlinks.TextProcessing;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JediTerm's terminal with its text buffer's scrollback kept in a {@link RingScrollback}, which does not copy
 * every line it holds for each line scrolled in, and its screen in a {@link FreshRowScreen}, which appends text
 * written onto a row scrolled in instead of rebuilding the row for each write. JediTerm's text buffer makes both
 * itself, in private fields, with no way to give it others; they are replaced here once the buffer is made, and
 * again whenever the alternate screen (less, vim, top) has the buffer make fresh ones. Should a later JediTerm
 * rename those fields, the terminal keeps JediTerm's own: slower under a flood, the same otherwise
 * ({@link #scrollbackIsRing} and {@link #screenKeepsFreshRowsEmpty} let a test notice).
 */
public class RingScrollbackTerminal extends JediTerminal {
    private static final Logger LOG = LoggerFactory.getLogger(RingScrollbackTerminal.class);

    private final TerminalTextBuffer buffer;

    public RingScrollbackTerminal(TerminalDisplay display, TerminalTextBuffer buffer, StyleState style) {
        super(display, buffer, style);
        this.buffer = buffer;
        replaceScrollbacks();
    }

    @Override
    public void useAlternateBuffer(boolean enabled) {
        if (buffer == null) {
            // JediTerminal's constructor resets the terminal, this included, before the field is set.
            super.useAlternateBuffer(enabled);
            return;
        }
        buffer.lock();
        try {
            super.useAlternateBuffer(enabled);
            replaceScrollbacks();
        } finally {
            buffer.unlock();
        }
    }

    /** Whether the scrollback in use is Baton's ring. */
    public boolean scrollbackIsRing() {
        return buffer.getHistoryBuffer() instanceof RingScrollback;
    }

    /** Whether the screen in use is Baton's, which leaves rows scrolled in empty while text is appended. */
    public boolean screenKeepsFreshRowsEmpty() {
        return buffer.getScreenBuffer() instanceof FreshRowScreen;
    }

    private void replaceScrollbacks() {
        buffer.lock();
        try {
            Field historyLines = TerminalTextBuffer.class.getDeclaredField("myHistoryLinesCount");
            Field textProcessing = TerminalTextBuffer.class.getDeclaredField("myTextProcessing");
            historyLines.setAccessible(true);
            textProcessing.setAccessible(true);
            int maxLines = historyLines.getInt(buffer);
            TextProcessing links = (TextProcessing) textProcessing.get(buffer);
            // The scrollback in use, and the one kept aside while the other screen is shown.
            for (String name : new String[] {"myHistoryBuffer", "myHistoryBufferBackup"}) {
                Field field = TerminalTextBuffer.class.getDeclaredField(name);
                field.setAccessible(true);
                Object current = field.get(buffer);
                if (current instanceof LinesBuffer lines && !(current instanceof RingScrollback)) {
                    RingScrollback ring = new RingScrollback(maxLines, links);
                    for (int i = 0; i < lines.getLineCount(); i++) {
                        ring.addLines(java.util.List.of(lines.getLine(i)));
                    }
                    field.set(buffer, ring);
                }
            }
            // The screen in use, and the one kept aside; they fill rows in only for a reader holding the lock.
            Field lockField = TerminalTextBuffer.class.getDeclaredField("myLock");
            lockField.setAccessible(true);
            ReentrantLock lock = (ReentrantLock) lockField.get(buffer);
            for (String name : new String[] {"myScreenBuffer", "myScreenBufferBackup"}) {
                Field field = TerminalTextBuffer.class.getDeclaredField(name);
                field.setAccessible(true);
                Object current = field.get(buffer);
                if (current instanceof LinesBuffer lines && !(current instanceof FreshRowScreen)) {
                    FreshRowScreen screen = new FreshRowScreen(links, lock::isHeldByCurrentThread);
                    List<TerminalLine> kept = new ArrayList<>();
                    for (int i = 0; i < lines.getLineCount(); i++) {
                        kept.add(lines.getLine(i));
                    }
                    screen.addLines(kept);
                    field.set(buffer, screen);
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("The terminal keeps JediTerm's own scrollback or screen, slower under a flood of output: {}",
                    e.toString());
        } finally {
            buffer.unlock();
        }
    }
}
