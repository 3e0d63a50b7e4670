package dev.baton.bench;

import dev.baton.terminal.LocalShellSession;
import dev.baton.ui.terminal.BatonTerminalWidget;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Pushes generated output (long lines, ANSI colours, seq-style numbers) from {@code cat} on a real pty
 * through Baton's terminal widget and reports MB/s and the longest stall of the JavaFX thread, measured
 * by a ping posted to it every 5 ms. Argument: megabytes of output (default 100).
 */
public final class TerminalThroughputBenchmark {
    private TerminalThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int megabytes = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        Path dir = Files.createTempDirectory("baton-throughput");
        Path output = dir.resolve("output.txt");
        long bytes = generate(output, megabytes * 1_000_000L);
        String marker = "BATON-THROUGHPUT-END";
        Files.writeString(output, "\r\n" + marker + "\r\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);

        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        BatonTerminalWidget[] widget = new BatonTerminalWidget[1];
        CountDownLatch shown = new CountDownLatch(1);
        Platform.runLater(() -> {
            widget[0] = new BatonTerminalWidget();
            Stage stage = new Stage();
            stage.setScene(new Scene(widget[0].getPane(), 1000, 600));
            stage.show();
            shown.countDown();
        });
        shown.await();

        AtomicLong worstStallNanos = new AtomicLong();
        Thread pinger = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long posted = System.nanoTime();
                Platform.runLater(() -> worstStallNanos.accumulateAndGet(System.nanoTime() - posted, Math::max));
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "fx-stall-pinger");
        pinger.setDaemon(true);

        LocalShellSession session = LocalShellSession.start(List.of("cat", output.toString()), dir, "throughput");
        long start = System.nanoTime();
        pinger.start();
        Platform.runLater(() -> {
            widget[0].setTtyConnector(session.connector());
            widget[0].start();
        });
        // Done when the emulator has consumed everything: the marker is on screen and cat has exited.
        while (session.isAlive() || !widget[0].screenText().contains(marker)) {
            if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(10)) {
                throw new IllegalStateException("output not consumed within 10 minutes");
            }
            Thread.sleep(20);
        }
        long elapsed = System.nanoTime() - start;
        pinger.interrupt();
        double seconds = elapsed / 1e9;
        System.out.printf("terminal throughput: %.1f MB in %.2f s = %.1f MB/s; longest FX-thread stall %.1f ms%n",
                bytes / 1e6, seconds, bytes / 1e6 / seconds, worstStallNanos.get() / 1e6);
        session.close();
        Platform.exit();
        Files.deleteIfExists(output);
        Files.deleteIfExists(dir);
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
