package dev.baton.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.techsenger.jeditermfx.core.model.JediTerminal;
import com.techsenger.jeditermfx.core.model.StyleState;
import com.techsenger.jeditermfx.core.model.TerminalTextBuffer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WholeCursorMovesTerminalTest {
    private static final int ROWS = 5;

    @Test
    void aPainterHoldingTheBufferNeverSeesTheCursorBelowTheScreenDuringALineFeed() throws Exception {
        StyleState style = new StyleState();
        TerminalTextBuffer buffer = new TerminalTextBuffer(80, ROWS, style, 100, null);
        JediTerminal terminal = new WholeCursorMovesTerminal(new HeadlessTerminal.NoScreen(), buffer, style);
        terminal.cursorPosition(1, ROWS);

        // The painter holds the buffer while it draws; the emulator's line feed at the last row arrives then.
        buffer.lock();
        Thread emulator = new Thread(terminal::newLine, "emulator");
        int cursorRowSeenByPainter;
        try {
            emulator.start();
            awaitBlocked(emulator);
            cursorRowSeenByPainter = terminal.getCursorY();
            // What the painter then reads at the cursor: JediTerm logs an error for a row off the screen.
            buffer.getLine(cursorRowSeenByPainter - 1);
        } finally {
            buffer.unlock();
        }
        emulator.join(TimeUnit.MINUTES.toMillis(1));

        assertTrue(cursorRowSeenByPainter <= ROWS,
                "the painter saw the cursor on row " + cursorRowSeenByPainter + " of " + ROWS);
        assertEquals(ROWS, terminal.getCursorY(), "the line feed scrolled and left the cursor on the last row");
    }

    /** Until the thread waits for the buffer's lock (parked), or a minute passes. */
    private static void awaitBlocked(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (thread.getState() != Thread.State.WAITING) {
            assertTrue(thread.isAlive(), "the line feed ended without waiting for the painter's lock");
            assertTrue(System.nanoTime() < deadline, "the line feed never reached the buffer's lock");
            Thread.sleep(1);
        }
    }
}
