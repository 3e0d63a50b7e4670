package dev.baton.terminal;

import com.techsenger.jeditermfx.core.TtyConnector;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.TimeUnit;

/**
 * The read side of a session for its terminal emulator, with jump scroll (see {@link JumpScrollBuffer}):
 * a reader thread drains the program's output as fast as it comes, so a flood neither blocks the
 * program nor keeps the terminal busy drawing lines nobody can see. Writes, resizes and closing go
 * to the session's own connector; this one only reads.
 */
public final class JumpScrollConnector extends ForwardingTtyConnector {
    /** More rows than any screen shows, even zoomed out on a 4K display. */
    private static final int MAX_SCREEN_ROWS = 500;
    /** Released output the emulator has not taken yet; past it the program waits, as a pty would make it. */
    private static final int RELEASED_BACKLOG_LIMIT = 1 << 20;
    private static final long HELD_CHAR_LIMIT = 4L << 20;
    private static final int READ_CHUNK = 1 << 16;
    /**
     * While a flood is being skipped, the emulator gets a new batch of it this often rather than as fast
     * as it can draw: the screen still moves ten times a second, and the CPU goes to reading the flood
     * and painting instead of drawing lines that scroll away unseen.
     */
    private static final long FLOOD_FRAME_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Object lock = new Object();
    private final JumpScrollBuffer buffer;
    private Thread reader;
    private boolean ended;
    private IOException failure;
    private long lastAppendNanos;
    private boolean waitingForOutput;
    private long lastFloodBatchNanos;

    /** @param historyLines the emulator's scrollback length: lines that scroll out of it are never seen */
    public JumpScrollConnector(TtyConnector session, int historyLines) {
        super(session);
        this.buffer = new JumpScrollBuffer(historyLines + 2 * MAX_SCREEN_ROWS, HELD_CHAR_LIMIT);
    }

    @Override
    public int read(char[] into, int offset, int length) throws IOException {
        synchronized (lock) {
            startReader();
            try {
                while (true) {
                    if (!buffer.hasOutput()) {
                        if (ended) {
                            if (failure != null) {
                                throw failure;
                            }
                            return -1;
                        }
                        waitingForOutput = true;
                        lock.wait();
                        continue;
                    }
                    long untilNextFloodBatch = untilNextFloodBatch();
                    if (untilNextFloodBatch <= 0) {
                        break;
                    }
                    TimeUnit.NANOSECONDS.timedWait(lock, untilNextFloodBatch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for terminal output");
            }
            int taken = buffer.take(into, offset, length);
            lock.notifyAll();
            return taken;
        }
    }

    /** How long the emulator should wait for its next batch of a flood; 0 or less: take now. */
    private long untilNextFloodBatch() {
        // Once the flood stops, what is held is the end of it, and the responder is waiting for it.
        if (buffer.releasedBacklog() > 0 || !isFlooding()) {
            return 0;
        }
        long now = System.nanoTime();
        long wait = lastFloodBatchNanos + FLOOD_FRAME_NANOS - now;
        if (wait <= 0) {
            lastFloodBatchNanos = now;
        }
        return wait;
    }

    private boolean isFlooding() {
        return buffer.holdingFullWindow() && !ended && System.nanoTime() - lastAppendNanos <= FLOOD_FRAME_NANOS;
    }

    @Override
    public boolean ready() {
        synchronized (lock) {
            return buffer.hasOutput();
        }
    }

    /** Whether output is coming faster than the emulator takes it and lines are being skipped. */
    public boolean flooding() {
        synchronized (lock) {
            return isFlooding();
        }
    }

    /** Lines skipped so far, for tests. */
    public long skippedLines() {
        synchronized (lock) {
            return buffer.skippedLines();
        }
    }

    private void startReader() {
        if (reader == null) {
            reader = new Thread(null, this::drain, "baton-terminal-reader-" + session.getName(), 256 * 1024);
            reader.setDaemon(true);
            reader.start();
        }
    }

    private void drain() {
        char[] chunk = new char[READ_CHUNK];
        while (true) {
            int read;
            IOException error = null;
            try {
                read = session.read(chunk, 0, chunk.length);
            } catch (IOException e) {
                read = -1;
                error = e;
            }
            synchronized (lock) {
                if (read <= 0) {
                    failure = error;
                    ended = true;
                    lock.notifyAll();
                    return;
                }
                try {
                    while (buffer.releasedBacklog() > RELEASED_BACKLOG_LIMIT) {
                        lock.wait();
                    }
                } catch (InterruptedException e) {
                    ended = true;
                    lock.notifyAll();
                    return;
                }
                buffer.append(chunk, 0, read);
                lastAppendNanos = System.nanoTime();
                // Waking the emulator for every chunk of a flood it is pacing itself through costs CPU.
                if (waitingForOutput) {
                    waitingForOutput = false;
                    lock.notifyAll();
                }
            }
        }
    }
}
