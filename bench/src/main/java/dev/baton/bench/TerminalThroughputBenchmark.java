package dev.baton.bench;

import com.techsenger.jeditermfx.core.Questioner;
import com.techsenger.jeditermfx.core.TtyConnector;
import com.techsenger.jeditermfx.core.util.TermSize;
import dev.baton.terminal.LocalShellSession;
import dev.baton.ui.terminal.BatonTerminalWidget;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Pushes generated output (long lines, ANSI colours, seq-style numbers) through Baton's terminal widget,
 * once from memory and once from {@code cat} on a real pty, and reports MB/s and the longest stall of
 * the JavaFX thread; also what the pty alone delivers, the ceiling for the second run. Argument:
 * megabytes of output (default 100).
 */
public final class TerminalThroughputBenchmark {
    private static final String MARKER = "BATON-THROUGHPUT-END";

    private TerminalThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int megabytes = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        Path dir = Files.createTempDirectory("baton-throughput");
        Path output = dir.resolve("output.txt");
        long bytes = generate(output, megabytes * 1_000_000L);
        Files.writeString(output, "\r\n" + MARKER + "\r\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        // Each run closes its window; the toolkit must outlive it.
        Platform.setImplicitExit(false);

        measurePtyRead(output, dir, bytes);
        measureFromMemory(output, bytes);
        // The generated output held in memory is garbage now; collect it before the next run, not during.
        System.gc();
        LocalShellSession session = LocalShellSession.start(List.of("cat", output.toString()), dir, "throughput");
        measure("cat on a pty", bytes, session.connector(), () -> !session.isAlive());
        session.close();

        Platform.exit();
        Files.deleteIfExists(output);
        Files.deleteIfExists(dir);
        // The terminals' executor threads are not daemons.
        System.exit(0);
    }

    private static void measureFromMemory(Path output, long bytes) throws Exception {
        char[] chars = Files.readString(output, StandardCharsets.UTF_8).toCharArray();
        // One short run first, as in any JVM benchmark: the numbers below are for a warmed-up JIT.
        int warmUpChars = Math.min(chars.length, 5_000_000);
        char[] warmUp = java.util.Arrays.copyOf(chars, warmUpChars + MARKER.length() + 4);
        ("\r\n" + MARKER + "\r\n").getChars(0, MARKER.length() + 4, warmUp, warmUpChars);
        measure("warm-up, from memory", warmUpChars, new InMemoryConnector(warmUp), () -> true);
        System.gc();
        measure("from memory", bytes, new InMemoryConnector(chars), () -> true);
    }

    /** What the pty alone delivers to Java: the ceiling for anything shown from it. */
    private static void measurePtyRead(Path output, Path dir, long bytes) throws IOException {
        LocalShellSession session = LocalShellSession.start(List.of("cat", output.toString()), dir, "pty-read");
        char[] buffer = new char[1 << 16];
        long start = System.nanoTime();
        try {
            while (session.connector().read(buffer, 0, buffer.length) > 0) {
                // only the pty is measured
            }
        } catch (IOException endOfPty) {
            // Linux ends a pty whose program exited with an I/O error.
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        session.close();
        System.out.printf("pty read alone (cat into Java, no terminal): %.1f MB/s%n", bytes / 1e6 / seconds);
    }

    /**
     * Output through a freshly shown terminal widget until the marker is on its screen and the source
     * has ended; the longest stall of the JavaFX thread is measured by a ping posted to it every 5 ms.
     */
    private static void measure(String source, long bytes, TtyConnector connector, BooleanSupplier sourceEnded)
            throws Exception {
        BatonTerminalWidget[] widget = new BatonTerminalWidget[1];
        Stage[] stage = new Stage[1];
        CountDownLatch shown = new CountDownLatch(1);
        Platform.runLater(() -> {
            widget[0] = new BatonTerminalWidget();
            stage[0] = new Stage();
            stage[0].setScene(new Scene(widget[0].getPane(), 1000, 600));
            stage[0].show();
            shown.countDown();
        });
        shown.await();
        // Let the first layout and paint finish before the stall clock starts.
        Thread.sleep(500);

        AtomicLong worstStallNanos = new AtomicLong();
        List<String> longStalls = new CopyOnWriteArrayList<>();
        long pingerStart = System.nanoTime();
        Thread pinger = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long posted = System.nanoTime();
                Platform.runLater(() -> {
                    long stall = System.nanoTime() - posted;
                    worstStallNanos.accumulateAndGet(stall, Math::max);
                    if (stall > TimeUnit.MILLISECONDS.toNanos(50)) {
                        longStalls.add(String.format("%.0f ms at %.2f s", stall / 1e6, (posted - pingerStart) / 1e9));
                    }
                });
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "fx-stall-pinger");
        pinger.setDaemon(true);
        pinger.start();

        Map<String, Long> cpuBefore = cpuByThread();
        long start = System.nanoTime();
        Platform.runLater(() -> {
            widget[0].setTtyConnector(connector);
            widget[0].start();
        });
        // For a program: when it ended, to tell its own speed from the terminal's.
        long sourceEndedNanos = sourceEnded.getAsBoolean() ? -1 : 0;
        while (!sourceEnded.getAsBoolean() || !widget[0].screenText().contains(MARKER)) {
            if (sourceEndedNanos == 0 && sourceEnded.getAsBoolean()) {
                sourceEndedNanos = System.nanoTime();
            }
            if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(10)) {
                throw new IllegalStateException("output not consumed within 10 minutes");
            }
            Thread.sleep(20);
        }
        long elapsed = System.nanoTime() - start;
        Map<String, Long> cpuAfter = cpuByThread();
        pinger.interrupt();
        double seconds = elapsed / 1e9;
        System.out.printf("terminal throughput, %s: %.1f MB in %.2f s = %.1f MB/s; longest FX-thread stall %.1f ms%n",
                source, bytes / 1e6, seconds, bytes / 1e6 / seconds, worstStallNanos.get() / 1e6);
        if (sourceEndedNanos > 0) {
            System.out.printf("  (the program ended %.2f s after the start)%n", (sourceEndedNanos - start) / 1e9);
        }
        if (connector instanceof InMemoryConnector memory && memory.drainedNanos > 0) {
            System.out.printf("  (all output was read %.2f s after the start)%n", (memory.drainedNanos - start) / 1e9);
        }
        printCpu(cpuBefore, cpuAfter, bytes);
        // A copy: pings posted before the pinger stopped still run on the FX thread and add to the list, and a
        // view of a list being changed throws (it once ended a run with the JavaFX thread left running).
        List<String> stalls = List.copyOf(longStalls);
        if (!stalls.isEmpty()) {
            System.out.printf("  %d pings waited over 50 ms, the first: %s%n", stalls.size(),
                    stalls.subList(0, Math.min(5, stalls.size())));
        }
        CountDownLatch closed = new CountDownLatch(1);
        Platform.runLater(() -> {
            widget[0].close();
            stage[0].close();
            closed.countDown();
        });
        closed.await();
    }

    /**
     * CPU seconds of each kind of thread (numbers in names left out), for threads alive at both ends of the run:
     * unlike MB/s, hardly moved by other work on the machine, so builds can be compared on a busy one.
     */
    private static Map<String, Long> cpuByThread() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> cpu = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                long nanos = threads.getThreadCpuTime(info.getThreadId());
                if (nanos > 0) {
                    cpu.put(info.getThreadId() + " " + info.getThreadName(), nanos);
                }
            }
        }
        return cpu;
    }

    private static void printCpu(Map<String, Long> before, Map<String, Long> after, long bytes) {
        Map<String, Long> byKind = new TreeMap<>();
        long total = 0;
        for (Map.Entry<String, Long> thread : after.entrySet()) {
            long used = thread.getValue() - before.getOrDefault(thread.getKey(), 0L);
            String kind = thread.getKey().substring(thread.getKey().indexOf(' ') + 1).replaceAll("[0-9]+", "N");
            byKind.merge(kind, used, Long::sum);
            total += used;
        }
        StringBuilder line = new StringBuilder(String.format("  CPU %.2f s (%.1f ms per MB):", total / 1e9, total / 1e6 / (bytes / 1e6)));
        byKind.entrySet().stream().filter(kind -> kind.getValue() >= 50_000_000L)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(kind -> line.append(String.format(" %s %.2f s,", kind.getKey(), kind.getValue() / 1e9)));
        System.out.println(line.substring(0, line.length() - 1));
    }

    /** A program's output already in memory: what the terminal does when the pty is not the limit. */
    private static final class InMemoryConnector implements TtyConnector {
        private final char[] output;
        private int position;
        volatile long drainedNanos;

        InMemoryConnector(char[] output) {
            this.output = output;
        }

        @Override
        public synchronized int read(char[] buffer, int offset, int length) {
            if (position == output.length) {
                if (drainedNanos == 0) {
                    drainedNanos = System.nanoTime();
                }
                return -1;
            }
            int count = Math.min(length, output.length - position);
            System.arraycopy(output, position, buffer, offset, count);
            position += count;
            return count;
        }

        @Override
        public void write(byte[] bytes) {
        }

        @Override
        public void write(String string) {
        }

        @Override
        public boolean isConnected() {
            return true;
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
            return "memory";
        }

        @Override
        public boolean init(Questioner questioner) {
            return true;
        }

        @Override
        public void close() {
        }
    }

    /** A mix of what terminals see in an incident: long log lines, coloured output, columns of numbers. */
    static long generate(Path file, long target) throws IOException {
        Random random = new Random(1);
        String[] colours = {"\u001b[31m", "\u001b[32m", "\u001b[33m", "\u001b[1;34m", "\u001b[38;5;208m", "\u001b[0m"};
        long written = 0;
        long n = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder(600);
            while (written < target) {
                line.setLength(0);
                switch ((int) (n % 3)) {
                    case 0 -> {
                        for (int i = 0; i < 400; i++) {
                            line.append((char) ('a' + random.nextInt(26)));
                        }
                    }
                    case 1 -> {
                        for (int i = 0; i < 12; i++) {
                            line.append(colours[random.nextInt(colours.length)]).append("field").append(i).append(' ');
                        }
                        line.append("\u001b[0m");
                    }
                    default -> line.append(n);
                }
                line.append("\r\n");
                out.write(line.toString());
                written += line.length();
                n++;
            }
        }
        return written;
    }
}
