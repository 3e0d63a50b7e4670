package dev.baton.bench;

import dev.baton.inventory.Node;
import dev.baton.session.FanOut;
import dev.baton.session.FanOutRun;
import dev.baton.ssh.KnownHosts;
import dev.baton.ssh.SshConnector;
import dev.baton.ssh.SshPrompts;
import dev.baton.ssh.SshSettings;
import dev.baton.step.ExecPlan;
import dev.baton.ui.Background;
import dev.baton.ui.ErrorReporter;
import dev.baton.ui.fanout.FanOutWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import javafx.stage.Stage;

/**
 * The fan-out grid with 1,000 nodes' results arriving as fast as a real run delivers them: Debian's OpenSSH sshd on
 * 127.0.0.1 answers all 1,000 nodes (names n0000 … n0999, one address), Baton's session layer runs the step on
 * them {@code --parallel} at a time and the window ({@link FanOutWindow}, 1280×720) shows the run as the console
 * does. The step prints one of seven lines, and one in seven of the nodes exits 3, so the grid holds groups and
 * failures. While results arrive, the text filter and then "Failed only" are set; once all are in, filters are
 * toggled and every group expanded. Per phase it reports the most CPU time the FX thread spent between two pulses
 * (an AnimationTimer reading the thread's CPU clock: the window's own work, which a busy machine does not inflate),
 * the longest gap between two pulses (a frame is due every 16.7 ms) and the longest wait of a {@code runLater}
 * posted every 5 ms (both wall clock: on a loaded machine they include time the thread waited for a core).
 *
 * <p>Needs /usr/sbin/sshd and ssh-keygen ({@code apt-get install openssh-server}). Runs headless (Monocle) or on a
 * display.
 *
 * @see #main arguments: nodes (1000), parallel (64)
 */
public final class FanOutGridBenchmark {
    private static final String COMMAND = "n=$((RANDOM % 7)); echo \"disk ${n}0% used\"; [ $n -ne 6 ] || exit 3";

    private FanOutGridBenchmark() {
    }

    /** The worst seen in one phase of the run. */
    private static final class Phase {
        long longestGapNanos;
        long longestRunLaterNanos;
        /** The FX thread's own CPU time between two pulses: its work, whatever the machine's load took from it. */
        long longestCpuNanos;
        /**
         * The FX thread's own CPU time between two of the pinger's tasks (posted 5 ms after the last ran): the longest
         * stretch it worked without turning to its queue. Between two pulses that come seconds apart on a busy
         * machine, several 200 ms refreshes add up; between two pings there is at most one of each.
         */
        long longestStallCpuNanos;
        long pulses;
        int doneAtStart;
        int doneAtEnd;
        long startNanos = System.nanoTime();
        long endNanos;
    }

    private static final Map<String, Phase> PHASES = new LinkedHashMap<>();
    private static final AtomicReference<Phase> CURRENT = new AtomicReference<>();

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int parallel = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        if (!Files.isExecutable(Path.of("/usr/sbin/sshd"))) {
            throw new IllegalStateException("/usr/sbin/sshd is missing: apt-get install openssh-server");
        }
        Path dir = Files.createTempDirectory("baton-grid-bench");
        LoopbackSshd.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("host_key").toString());
        LoopbackSshd.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("id_ed25519").toString());
        int port = LoopbackSshd.freePort();
        Process sshd = LoopbackSshd.start(dir.resolve("sshd"), port, List.of("Port " + port, "ListenAddress 127.0.0.1",
                "HostKey " + dir.resolve("host_key"), "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + dir.resolve("id_ed25519.pub"), "StrictModes no", "UsePAM no",
                "PasswordAuthentication no", "KbdInteractiveAuthentication no", "PrintMotd no", "PrintLastLog no",
                "MaxStartups 300", "MaxSessions 50"));
        try {
            Files.writeString(dir.resolve("known_hosts"), "[127.0.0.1]:" + port + " "
                    + Files.readString(dir.resolve("host_key.pub")).strip() + "\n");
            String user = System.getProperty("user.name");
            List<Node> nodes = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                nodes.add(Node.direct(String.format("n%04d", i), "127.0.0.1", port, user)
                        .withIdentityFiles(List.of(dir.resolve("id_ed25519")), true));
            }
            SshSettings settings = SshSettings.ofUser().withKnownHosts(new KnownHosts(dir.resolve("known_hosts")))
                    .withAgent(Optional.empty()).withDefaultIdentities(List.of());
            FanOut fanOut = new FanOut(FanOut.Connections.opening(
                    new SshConnector(settings, SshPrompts.NONE, name -> Optional.empty())), dir.resolve("spool"),
                    Optional.empty());
            measure(fanOut, nodes, parallel);
        } finally {
            sshd.descendants().forEach(ProcessHandle::destroyForcibly);
            sshd.destroy();
        }
        Platform.exit();
        System.exit(0); // the window's background executor would keep the JVM up
    }

    private static void measure(FanOut fanOut, List<Node> nodes, int parallel) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Background background = new Background(Executors.newFixedThreadPool(2), new ErrorReporter(message -> { }));
        FanOutWindow window = onFx(() -> {
            FanOutWindow grid = new FanOutWindow(fanOut, null, 1, nodes.size() + " nodes", background, notes -> { },
                    opened -> { });
            Stage stage = new Stage();
            stage.setScene(new Scene(grid, 1280, 720));
            stage.show();
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            new AnimationTimer() {
                private long last;
                private long lastCpu;

                @Override
                public void handle(long now) {
                    Phase phase = CURRENT.get();
                    long cpu = threads.getCurrentThreadCpuTime();
                    if (last != 0 && phase != null) {
                        phase.longestGapNanos = Math.max(phase.longestGapNanos, now - last);
                        phase.longestCpuNanos = Math.max(phase.longestCpuNanos, cpu - lastCpu);
                        phase.pulses++;
                    }
                    last = now;
                    lastCpu = cpu;
                }
            }.start();
            return grid;
        });
        Thread pinger = pinger();
        // A warm-up run on 50 nodes: the JIT and the grid's first layout are not what is measured.
        FanOutRun warm = onFx(() -> fanOut.start(null, 1, ExecPlan.of(COMMAND, Map.of()), nodes.subList(0, 50),
                Map.of(), new FanOut.Options(parallel, Duration.ofMinutes(2)), outcome -> { }));
        onFx(() -> {
            window.watch(warm);
            return null;
        });
        warm.await(Duration.ofMinutes(2));
        Thread.sleep(500);

        long start = System.nanoTime();
        FanOutRun run = onFx(() -> fanOut.start(null, 1, ExecPlan.of(COMMAND, Map.of()), nodes, Map.of(),
                new FanOut.Options(parallel, Duration.ofMinutes(5)), outcome -> { }));
        RUN.set(run);
        phase("results arriving, no filter", run);
        long watchCpuNanos = onFx(() -> {
            long before = FX_THREAD.getCurrentThreadCpuTime();
            window.watch(run);
            return FX_THREAD.getCurrentThreadCpuTime() - before;
        });
        waitForDone(run, nodes.size() * 3 / 10);
        phase("results arriving, text filter \"disk 3\"", run);
        onFx(() -> {
            find(window, "#fanout-text", TextField.class).setText("disk 3");
            return null;
        });
        waitForDone(run, nodes.size() * 6 / 10);
        phase("results arriving, Failed only", run);
        onFx(() -> {
            find(window, "#fanout-text", TextField.class).setText("");
            find(window, "#fanout-failed-only", CheckBox.class).setSelected(true);
            return null;
        });
        run.await(Duration.ofMinutes(10));
        long wall = System.nanoTime() - start;
        Thread.sleep(500); // the last refresh
        phase("all in: filters toggled, groups expanded", run);
        for (int i = 0; i < 5; i++) {
            int round = i;
            onFx(() -> {
                find(window, "#fanout-failed-only", CheckBox.class).setSelected(round % 2 == 1);
                find(window, "#fanout-exit", TextField.class).setText(round == 2 ? "3" : "");
                find(window, "#fanout-text", TextField.class).setText(round == 3 ? "n09" : "");
                return null;
            });
            Thread.sleep(300);
        }
        onFx(() -> {
            @SuppressWarnings("unchecked")
            TreeTableView<Object> grid = find(window, "#fanout-grid", TreeTableView.class);
            grid.getRoot().getChildren().forEach(item -> item.setExpanded(true));
            grid.scrollTo(grid.getExpandedItemCount() - 1);
            return null;
        });
        Thread.sleep(500);
        onFx(() -> {
            @SuppressWarnings("unchecked")
            TreeTableView<Object> grid = find(window, "#fanout-grid", TreeTableView.class);
            for (TreeItem<Object> item : grid.getRoot().getChildren()) {
                if (!item.getChildren().isEmpty()) {
                    grid.getSelectionModel().select(item.getChildren().get(0));
                }
            }
            return null;
        });
        Thread.sleep(500);
        phase(null, run);
        pinger.interrupt();

        System.out.printf("fan-out grid: %d nodes on loopback OpenSSH, --parallel %d, '%s'; %s in %.1f s"
                + " (%.0f results/s); load average %s%n", nodes.size(), parallel, COMMAND, run.progress(), wall / 1e9,
                nodes.size() / (wall / 1e9), Files.readString(Path.of("/proc/loadavg")).strip());
        System.out.printf("  the grid taking the run (its first 1,000 rows): %.1f ms of the FX thread's CPU%n",
                watchCpuNanos / 1e6);
        PHASES.forEach((name, phase) -> System.out.printf("  %-45s FX-thread stall (its CPU between two pings) at most"
                + " %5.1f ms; CPU between two pulses at most %6.1f ms;"
                + " longest gap between pulses %6.1f ms, longest runLater wait %6.1f ms (%d pulses, results %d → %d,"
                + " %.1f s)%n", name, phase.longestStallCpuNanos / 1e6, phase.longestCpuNanos / 1e6,
                phase.longestGapNanos / 1e6,
                phase.longestRunLaterNanos / 1e6, phase.pulses, phase.doneAtStart, phase.doneAtEnd,
                (phase.endNanos - phase.startNanos) / 1e9));
    }

    private static void phase(String name, FanOutRun run) {
        int done = run.progress().done();
        Phase previous = CURRENT.get();
        if (previous != null) {
            previous.doneAtEnd = done;
            previous.endNanos = System.nanoTime();
        }
        if (name == null) {
            CURRENT.set(null);
            return;
        }
        Phase next = new Phase();
        next.doneAtStart = done;
        PHASES.put(name, next);
        CURRENT.set(next);
    }

    private static void waitForDone(FanOutRun run, int done) throws InterruptedException {
        while (run.progress().done() < done) {
            Thread.sleep(20);
        }
    }

    private static <T> T find(FanOutWindow window, String id, Class<T> type) {
        return type.cast(window.lookup(id));
    }

    /** With -Dbench.stalls=MS, each stall of at least MS ms is printed as it happens (a flight recording samples the FX thread too seldom on a loaded machine to tell them apart). */
    private static final long STALLS_SHOWN_FROM = Long.getLong("bench.stalls", Long.MAX_VALUE / 1_000_000L);
    private static final AtomicReference<FanOutRun> RUN = new AtomicReference<>();
    private static final java.lang.management.ThreadMXBean FX_THREAD =
            java.lang.management.ManagementFactory.getThreadMXBean();
    /** The FX thread's CPU time when it last ran a ping; read and written on the FX thread only. */
    private static long lastPingCpu;

    private static Thread pinger() {
        Thread thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long posted = System.nanoTime();
                CountDownLatch ran = new CountDownLatch(1);
                Platform.runLater(() -> {
                    long cpu = FX_THREAD.getCurrentThreadCpuTime();
                    Phase phase = CURRENT.get();
                    if (phase != null && lastPingCpu != 0) {
                        synchronized (phase) {
                            phase.longestStallCpuNanos = Math.max(phase.longestStallCpuNanos, cpu - lastPingCpu);
                        }
                        if (cpu - lastPingCpu >= STALLS_SHOWN_FROM * 1_000_000L) {
                            // Which stretch: when in its phase, and how many results the run had then.
                            System.out.printf("    stall %.1f ms, %.1f s into \"%s\", %d results in%n",
                                    (cpu - lastPingCpu) / 1e6, (System.nanoTime() - phase.startNanos) / 1e9,
                                    PHASES.entrySet().stream().filter(entry -> entry.getValue() == phase)
                                            .map(Map.Entry::getKey).findFirst().orElse(""),
                                    RUN.get() == null ? 0 : RUN.get().progress().done());
                        }
                    }
                    lastPingCpu = cpu;
                    ran.countDown();
                });
                try {
                    ran.await();
                    long waited = System.nanoTime() - posted;
                    Phase phase = CURRENT.get();
                    if (phase != null) {
                        synchronized (phase) {
                            phase.longestRunLaterNanos = Math.max(phase.longestRunLaterNanos, waited);
                        }
                    }
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

    private static <T> T onFx(Callable<T> action) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                result.set(action.call());
            } catch (Exception e) {
                failure.set(e);
            } finally {
                done.countDown();
            }
        });
        done.await();
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }
}
