package dev.baton.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.techsenger.jeditermfx.core.Questioner;
import com.techsenger.jeditermfx.core.TtyConnector;
import com.techsenger.jeditermfx.core.util.TermSize;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JumpScrollConnectorTest {
    private static final int HISTORY = 200;

    @Test
    void aFloodFromARealPtyEndsOnTheSameScreenAsWithoutJumpScroll(@TempDir Path dir) throws Exception {
        StringBuilder flood = new StringBuilder();
        for (int i = 0; i < 60_000; i++) {
            flood.append(i % 3 == 0 ? "\u001b[1;3" + (i % 8) + "m" : "").append("line ").append(i)
                    .append(" of the flood").append(i % 5 == 0 ? "\u001b[0m" : "").append('\n');
        }
        flood.append("done\n");
        Path file = dir.resolve("flood.txt");
        Files.writeString(file, flood, StandardCharsets.UTF_8);

        LocalShellSession session = LocalShellSession.start(List.of("cat", file.toString()), dir, "flood");
        JumpScrollConnector connector = new JumpScrollConnector(session.connector(), HISTORY);
        // JediTerm's emulator is far slower than cat: the reader thread gets ahead of it and skips.
        HeadlessTerminal actual = new HeadlessTerminal(120, 32, HISTORY).run(connector);
        session.close();

        assertTrue(connector.skippedLines() > 0, "lines were skipped");
        // The pty turns each line feed into CR LF, as it does for every program.
        HeadlessTerminal expected = new HeadlessTerminal(120, 32, HISTORY).feed(flood.toString().replace("\n", "\r\n"));
        assertEquals(expected.text(), actual.text());
        assertEquals(expected.styledRows(), actual.styledRows());
    }

    @Test
    void aReaderWaitingForOutputCanBeInterrupted(@TempDir Path dir) throws Exception {
        LocalShellSession session = LocalShellSession.start(List.of("cat"), dir, "silent");
        try {
            JumpScrollConnector connector = new JumpScrollConnector(session.connector(), HISTORY);
            Thread[] readerThread = new Thread[1];
            CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
                readerThread[0] = Thread.currentThread();
                try {
                    return connector.read(new char[16], 0, 16);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            while (readerThread[0] == null || readerThread[0].getState() != Thread.State.WAITING) {
                Thread.sleep(5);
            }
            readerThread[0].interrupt();
            ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> read.get(10, TimeUnit.SECONDS));
            assertInstanceOf(java.io.InterruptedIOException.class, failure.getCause().getCause());
        } finally {
            session.close();
        }
    }

    @Test
    void aProgramThatOutrunsTheTerminalWithCursorMovesIsHeldBackNotBuffered() throws Exception {
        EndlessCursorMoves program = new EndlessCursorMoves();
        JumpScrollConnector connector = new JumpScrollConnector(program, HISTORY);
        char[] small = new char[16];
        assertEquals(16, connector.read(small, 0, small.length));
        long readWhileIgnored = producedOnceItStops(program);

        assertEquals(readWhileIgnored, program.produced.get(), "the reader thread waits for the terminal");
        assertTrue(readWhileIgnored < 4 << 20, "only about a megabyte is buffered: " + readWhileIgnored);
        // Nothing is skipped: every cursor move reaches the terminal, in order.
        String next = new String(small) + readSome(connector, 100_000);
        assertTrue(next.startsWith(EndlessCursorMoves.LINE.repeat(3)), next.substring(0, 60));
        connector.close();
    }

    /**
     * What the program had produced once its reader stopped asking for more for half a second; a reader that
     * never stops (buffering without bound) fails the wait. On a busy machine filling the buffer takes a while.
     */
    private static long producedOnceItStops(EndlessCursorMoves program) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        long seen = program.produced.get();
        while (System.nanoTime() < deadline) {
            Thread.sleep(500);
            long now = program.produced.get();
            if (now == seen) {
                return now;
            }
            seen = now;
        }
        throw new AssertionError("the program was still being read after 30 s: " + seen + " chars");
    }

    private static String readSome(TtyConnector connector, int chars) throws IOException {
        StringBuilder out = new StringBuilder();
        char[] buffer = new char[4096];
        while (out.length() < chars) {
            out.append(buffer, 0, connector.read(buffer, 0, buffer.length));
        }
        return out.toString();
    }

    /** A program writing a progress line in place, forever, as fast as it is read. */
    private static final class EndlessCursorMoves implements TtyConnector {
        static final String LINE = "\u001b[1A\u001b[2Kprogress\r\n";
        final AtomicLong produced = new AtomicLong();
        private volatile boolean closed;

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            if (closed) {
                return -1;
            }
            for (int i = 0; i < length; i++) {
                buffer[offset + i] = LINE.charAt((int) ((produced.get() + i) % LINE.length()));
            }
            produced.addAndGet(length);
            return length;
        }

        @Override
        public void write(byte[] bytes) {
        }

        @Override
        public void write(String string) {
        }

        @Override
        public boolean isConnected() {
            return !closed;
        }

        @Override
        public void resize(TermSize termSize) {
        }

        @Override
        public int waitFor() {
            return 0;
        }

        @Override
        public boolean ready() {
            return true;
        }

        @Override
        public String getName() {
            return "endless";
        }

        @Override
        public boolean init(Questioner questioner) {
            return true;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
