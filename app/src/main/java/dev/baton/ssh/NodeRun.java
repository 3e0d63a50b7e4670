package dev.baton.ssh;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;

/**
 * A command running on a node over an exec channel: stdout and stderr taken apart as they arrive (on the
 * connection's reading thread, no thread per stream), spooled past the memory limit, the exit status taken only from the node. Cancel asks the node to stop it (TERM,
 * then KILL) and says honestly when that could not be confirmed.
 */
public final class NodeRun {
    private static final Duration CANCEL_GRACE = Duration.ofSeconds(2);

    private final SshConnection connection;
    private final String command;
    private final Session session;
    private final Session.Command running;
    private final OutputSpool stdout;
    private final OutputSpool stderr;
    private final Instant startedAt = Instant.now();
    private final long startNanos = System.nanoTime();
    private final Streams streams;
    private final CountDownLatch cancelSettled = new CountDownLatch(1);
    private volatile boolean cancelled;

    private NodeRun(SshConnection connection, String command, Session session, Session.Command running,
            OutputSpool stdout, OutputSpool stderr, Streams streams) {
        this.connection = connection;
        this.command = command;
        this.session = session;
        this.running = running;
        this.stdout = stdout;
        this.stderr = stderr;
        this.streams = streams;
    }

    /**
     * Starts the command. A failure to start is reported as a result, not thrown, so every attempt
     * ends with a result the notes can record.
     *
     * @param spoolDirectory where outputs beyond the memory limit are written
     */
    public static NodeRun start(SshConnection connection, String command, Path spoolDirectory, int memoryLimit,
            RunListener listener) throws IOException {
        OutputSpool out = new OutputSpool(spoolDirectory, "stdout", memoryLimit);
        OutputSpool err = new OutputSpool(spoolDirectory, "stderr", memoryLimit);
        Streams streams = new Streams(out, err, listener);
        ExecChannel session = ExecChannel.open(connection.client(), streams);
        try {
            return new NodeRun(connection, command, session, session.exec(command), out, err, streams);
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** Runs the command to its end and returns the result; a command that cannot start gives a NOT_STARTED result. */
    public static RunResult run(SshConnection connection, String command, Path spoolDirectory, RunListener listener)
            throws InterruptedException {
        NodeRun run;
        try {
            run = start(connection, command, spoolDirectory, OutputSpool.DEFAULT_MEMORY_LIMIT, listener);
        } catch (IOException e) {
            return notStarted(connection, command, spoolDirectory, e);
        }
        return run.await();
    }

    static RunResult notStarted(SshConnection connection, String command, Path spoolDirectory, Exception e) {
        String name = connection == null ? "?" : connection.node().name();
        return new RunResult(name, command, Instant.now(), Duration.ZERO, RunOutcome.NOT_STARTED, null, null,
                new OutputSpool(spoolDirectory, "stdout", 0), new OutputSpool(spoolDirectory, "stderr", 0),
                e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    /**
     * Takes the output on the connection's reading thread (no thread of its own): spooled, then told to the listener.
     * Once the run has been awaited, later bytes are dropped, as a reader that stopped would leave them.
     */
    private static final class Streams implements ExecChannel.Output {
        private final OutputSpool stdout;
        private final OutputSpool stderr;
        private final RunListener listener;
        private final CountDownLatch ended = new CountDownLatch(1);
        private volatile boolean finished;
        private volatile IOException failure;

        Streams(OutputSpool stdout, OutputSpool stderr, RunListener listener) {
            this.stdout = stdout;
            this.stderr = stderr;
            this.listener = listener;
        }

        @Override
        public void stdout(byte[] bytes, int offset, int length) {
            if (take(stdout, bytes, offset, length)) {
                listener.stdout(bytes, offset, length);
            }
        }

        @Override
        public void stderr(byte[] bytes, int offset, int length) {
            if (take(stderr, bytes, offset, length)) {
                listener.stderr(bytes, offset, length);
            }
        }

        private boolean take(OutputSpool spool, byte[] bytes, int offset, int length) {
            if (finished || failure != null) {
                return false;
            }
            try {
                spool.write(bytes, offset, length);
                return true;
            } catch (IOException e) {
                failure = e;
                return false;
            }
        }

        @Override
        public void ended() {
            if (ended.getCount() > 0) {
                closeQuietly(stdout);
                closeQuietly(stderr);
                ended.countDown();
            }
        }

        @Override
        public void failed(IOException error) {
            if (failure == null) {
                failure = error;
            }
            ended();
        }
    }

    /** Waits for the command to end (or the connection to drop) and describes how it ended. */
    public RunResult await() throws InterruptedException {
        while (!streams.ended.await(200, TimeUnit.MILLISECONDS)) {
            // A dead transport, or a cancel the node never confirmed: the streams may never see their end.
            if (!connection.isConnected() || cancelSettled.getCount() == 0) {
                break;
            }
        }
        if (streams.ended.getCount() == 0) {
            try {
                running.join(CANCEL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (IOException notClosedYet) {
                // The status, if any, has arrived by now or never will.
            }
        }
        streams.finished = true;
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        Integer status = running.getExitStatus();
        Signal signal = running.getExitSignal();
        String signalName = signal == null ? null : signal.name();
        if (!cancelled) {
            closeSession();
        }
        String name = connection.node().name();
        if (cancelled) {
            String note = status != null || signal != null
                    ? "stopped on " + name + (signal != null ? " by signal " + signalName : " (exit " + status + ")")
                    : "it may still be running on " + name;
            return new RunResult(name, command, startedAt, took, RunOutcome.CANCELLED, status, signalName, stdout,
                    stderr, note);
        }
        if (status == null && signal == null) {
            String why = streams.failure != null ? streams.failure.getMessage() : "the connection closed";
            return new RunResult(name, command, startedAt, took, RunOutcome.CONNECTION_LOST, null, null, stdout,
                    stderr, "connection to " + name + " lost (" + why + "); the command may still be running");
        }
        return new RunResult(name, command, startedAt, took, RunOutcome.COMPLETED, status, signalName, stdout,
                stderr, "");
    }

    /**
     * Asks the node to stop the command: TERM, then KILL if the channel is still open after a grace
     * period, then the channel is closed. {@link #await()} tells whether the node confirmed it: some
     * servers ignore signals (OpenSSH does for root sessions), and closing an exec channel does not
     * stop a command that never writes.
     */
    public void cancel() {
        cancelled = true;
        Thread stopper = new Thread(() -> {
            try {
                signal(Signal.TERM);
                if (!streams.ended.await(CANCEL_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    signal(Signal.KILL);
                    streams.ended.await(CANCEL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                cancelSettled.countDown();
                closeSession();
            }
        }, "baton-run-cancel");
        stopper.setDaemon(true);
        stopper.start();
    }

    private void signal(Signal signal) {
        try {
            running.signal(signal);
        } catch (IOException | RuntimeException channelGone) {
            // Nothing left to signal.
        }
    }

    public boolean isCancelled() {
        return cancelled;
    }

    private void closeSession() {
        try {
            session.close();
        } catch (IOException | RuntimeException ignored) {
            // Already closed by the node or with the connection.
        }
    }

    private static void closeQuietly(OutputSpool spool) {
        try {
            spool.close();
        } catch (IOException ignored) {
            // Keeping what was written is all that matters.
        }
    }
}
