package dev.baton.bench;

import dev.baton.query.LogLine;
import dev.baton.query.QueryAnswer;
import dev.baton.query.QueryLanguage;
import dev.baton.query.QueryWindow;
import dev.baton.query.Sample;
import dev.baton.query.Series;
import dev.baton.session.QueryRunning;
import dev.baton.sources.DataSource;
import dev.baton.sources.SourceKind;
import dev.baton.ui.query.QueryResultPane;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

/**
 * Shows big query answers in the query pane and reports the longest stall of the JavaFX thread (a
 * ping posted every 5 ms): 1,000 series of 360 points (chart and table), then 5,000 log lines shown
 * and scrolled through. Each case runs six times; the first warms the JIT and is left out.
 */
public final class QueryPaneBenchmark {
    private static final int RUNS = 6;

    private QueryPaneBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Instant end = Instant.parse("2026-03-01T12:00:00Z");
        QueryWindow window = QueryWindow.between(end.minus(Duration.ofHours(1)), end);
        QueryRunning.Run metrics = run(QueryLanguage.PROMQL, metrics(1000, 360, window), window);
        QueryRunning.Run logs = run(QueryLanguage.LOGQL, logs(5000, window), window);

        QueryResultPane pane = onFx(() -> {
            QueryResultPane p = new QueryResultPane(new QueryResultPane.Actions(() -> { }, () -> { }, () -> { },
                    () -> { }, () -> { }, () -> { }));
            Stage stage = new Stage();
            stage.setScene(new Scene(p, 900, 900));
            stage.show();
            return p;
        });
        report("1,000 series x 360 points", measure(pane, () -> pane.show(metrics, false), null));
        QueryAnswer.Metrics all = (QueryAnswer.Metrics) metrics.answer().orElseThrow();
        QueryRunning.Run instant = run(QueryLanguage.PROMQL, new QueryAnswer.Metrics(all.series(), false), window);
        report("1,000 series as one instant (table only)", measure(pane, () -> pane.show(instant, false), null));
        QueryRunning.Run ten = run(QueryLanguage.PROMQL, new QueryAnswer.Metrics(all.top(10), true), window);
        report("10 series x 360 points", measure(pane, () -> pane.show(ten, false), null));
        report("1,000 series x 360 points, again", measure(pane, () -> pane.show(metrics, false), null));
        report("5,000 log lines, shown and scrolled", measure(pane, () -> pane.show(logs, false), () -> {
            for (int i = 0; i < 5000; i += 50) {
                int row = i;
                onFx(() -> {
                    ((TableView<?>) pane.lookup("#query-lines")).scrollTo(row);
                    return null;
                });
            }
        }));
        Platform.exit();
        System.exit(0);
    }

    /** What follows a show, e.g. scrolling; may wait on the FX thread. */
    @FunctionalInterface
    private interface Then {
        void run() throws Exception;
    }

    /** Per run: the time show() took on the FX thread and the longest stall over the next second. */
    private static long[][] measure(QueryResultPane pane, Runnable show, Then then) throws Exception {
        long[][] results = new long[RUNS][2];
        for (int i = 0; i < RUNS; i++) {
            AtomicLong worst = new AtomicLong();
            Thread pinger = pinger(worst);
            long showNanos = onFx(() -> {
                long t0 = System.nanoTime();
                show.run();
                return System.nanoTime() - t0;
            });
            if (then != null) {
                then.run();
            }
            Thread.sleep(1000);
            pinger.interrupt();
            pinger.join();
            results[i][0] = showNanos;
            results[i][1] = worst.get();
        }
        return results;
    }

    private static Thread pinger(AtomicLong worst) {
        Thread thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long posted = System.nanoTime();
                CountDownLatch ran = new CountDownLatch(1);
                Platform.runLater(ran::countDown);
                try {
                    ran.await();
                    worst.accumulateAndGet(System.nanoTime() - posted, Math::max);
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "fx-stall-pinger");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void report(String what, long[][] results) {
        long[] show = new long[RUNS - 1];
        long[] stall = new long[RUNS - 1];
        for (int i = 1; i < RUNS; i++) {
            show[i - 1] = results[i][0];
            stall[i - 1] = results[i][1];
        }
        Arrays.sort(show);
        Arrays.sort(stall);
        System.out.printf("query pane, %s: show() median %.1f ms; longest FX-thread stall median %.1f ms, worst %.1f ms"
                + " (first run, cold: show %.1f ms, stall %.1f ms)%n", what, show[show.length / 2] / 1e6,
                stall[stall.length / 2] / 1e6, stall[stall.length - 1] / 1e6, results[0][0] / 1e6, results[0][1] / 1e6);
    }

    private static QueryRunning.Run run(QueryLanguage language, QueryAnswer answer, QueryWindow window) {
        DataSource source = DataSource.of(language == QueryLanguage.PROMQL ? SourceKind.PROMETHEUS : SourceKind.LOKI,
                "bench", URI.create("http://127.0.0.1:9"));
        return new QueryRunning.Run(new QueryRunning.Request(language, "bench", source, window, false),
                Optional.of(answer), "", window.end(), Duration.ofMillis(1));
    }

    private static QueryAnswer.Metrics metrics(int seriesCount, int points, QueryWindow window) {
        Random random = new Random(42);
        List<Series> series = new ArrayList<>(seriesCount);
        for (int s = 0; s < seriesCount; s++) {
            List<Sample> samples = new ArrayList<>(points);
            double value = random.nextDouble() * 100;
            for (int p = 0; p < points; p++) {
                value = Math.max(0, value + random.nextGaussian());
                samples.add(new Sample(window.start().plusSeconds(10L * p), value));
            }
            series.add(new Series(Map.of("instance", "node-" + s + ":9100", "job", "node"), samples));
        }
        return new QueryAnswer.Metrics(series, true);
    }

    private static QueryAnswer.Logs logs(int count, QueryWindow window) {
        List<LogLine> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            lines.add(new LogLine(window.start().plusMillis(700L * i), Map.of("app", "checkout", "pod", "checkout-" + i % 7),
                    "level=info msg=\"order " + i + " placed\" duration=" + (i % 300) + "ms"));
        }
        return new QueryAnswer.Logs(lines);
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(action.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(60, TimeUnit.SECONDS);
    }
}
