package dev.baton.ssh;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;

/**
 * Bounds a whole SSH handshake (TCP connect, banner, key exchange, authentication) by the connect
 * timeout. sshj's own timeouts bound each read, so a server that sends its banner and then nothing,
 * or trickles it a byte at a time, holds a connect for a minute or more; when the deadline passes
 * this closes the connection's socket (or the tunnel it runs in), which ends every wait at once.
 *
 * <p>The clock measures the node, not the laptop: it runs only while the handshake waits for the node (its
 * TCP connect and its reads of the socket), never while this side computes the key exchange or a signature,
 * waits for a core among a hundred other handshakes, or waits for the responder (a passphrase, a password, an
 * unknown host key). Through a jump host's tunnel the reads cannot be told apart, and the clock runs throughout.
 */
final class HandshakeDeadline implements AutoCloseable {
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final Duration budget;
    private final List<Closeable> guarded = new ArrayList<>();
    private long spentNanos;
    private long runningSince;
    private int waiting;
    private int pauses;
    private boolean opaque;
    private boolean expired;
    private volatile boolean done;
    private ScheduledFuture<?> alarm;
    private final HandshakeGate gate;
    private boolean admitted;
    private final long admittedAt = System.nanoTime();
    private long pausedSince;
    private long pausedNanos;

    private HandshakeDeadline(Duration budget, HandshakeGate gate) {
        this.budget = budget;
        this.gate = gate;
    }

    /** A handshake's deadline once {@code gate} lets it start: the wait at the gate is not the node's. */
    static HandshakeDeadline admitted(Duration budget, HandshakeGate gate) throws InterruptedException {
        gate.enter();
        HandshakeDeadline deadline = new HandshakeDeadline(budget, gate);
        deadline.admitted = true;
        return deadline;
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "baton-ssh-deadline");
            thread.setDaemon(true);
            return thread;
        });
        // A thousand handshakes start and stop their clocks a dozen times each: cancelled alarms go at once.
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    Duration budget() {
        return budget;
    }

    /** What to close when time is up. A tunnel hides the node's answers: the clock runs from now to the end. */
    synchronized void guard(Closeable closeable) {
        if (expired) {
            closeQuietly(closeable);
        }
        guarded.add(closeable);
        if (!(closeable instanceof Socket)) {
            boolean before = running();
            opaque = true;
            changed(before);
        }
    }

    /** Sockets the client opens through this factory are guarded, and time in their connect and reads counted. */
    SocketFactory socketFactory() {
        return new SocketFactory() {
            @Override
            public Socket createSocket() {
                Socket socket = new NodeClockSocket();
                guard(socket);
                return socket;
            }

            @Override
            public Socket createSocket(String host, int port) throws IOException {
                throw new UnsupportedOperationException("sshj creates unconnected sockets");
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
                throw new UnsupportedOperationException("sshj creates unconnected sockets");
            }

            @Override
            public Socket createSocket(InetAddress host, int port) throws IOException {
                throw new UnsupportedOperationException("sshj creates unconnected sockets");
            }

            @Override
            public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                    throws IOException {
                throw new UnsupportedOperationException("sshj creates unconnected sockets");
            }
        };
    }

    /**
     * The responder is being asked something: the clock stops until {@link #resume()}, and the handshake's place
     * at the gate goes to another (a password being typed must not hold up the fan-out behind it).
     */
    void pause() {
        boolean stepAside;
        synchronized (this) {
            boolean before = running();
            pauses++;
            changed(before);
            if (pauses == 1) {
                pausedSince = System.nanoTime();
            }
            stepAside = pauses == 1 && admitted;
            admitted &= !stepAside;
        }
        if (stepAside) {
            gate.stepAside();
        }
    }

    void resume() {
        boolean returning;
        synchronized (this) {
            returning = pauses == 1 && !done && !admitted;
        }
        if (returning) {
            try {
                gate.enter();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                returning = false; // the clock runs on; the handshake ends soon, interrupted
            }
        }
        synchronized (this) {
            admitted |= returning;
            boolean before = running();
            if (pauses == 1) {
                pausedNanos += System.nanoTime() - pausedSince;
            }
            pauses--;
            changed(before);
        }
    }

    /** A thread starts waiting for the node (connect, read). */
    private void awaitingNode() {
        if (done) {
            return;
        }
        synchronized (this) {
            boolean before = running();
            waiting++;
            changed(before);
        }
    }

    private void answered() {
        if (done) {
            return;
        }
        synchronized (this) {
            boolean before = running();
            waiting = Math.max(0, waiting - 1);
            changed(before);
        }
    }

    synchronized boolean expired() {
        return expired;
    }

    private boolean running() {
        return !done && pauses == 0 && (opaque || waiting > 0);
    }

    private void changed(boolean wasRunning) {
        boolean now = running();
        if (wasRunning == now) {
            return;
        }
        if (now) {
            runningSince = System.nanoTime();
            long left = budget.toNanos() - spentNanos;
            alarm = TIMER.schedule(this::expire, Math.max(0, left), TimeUnit.NANOSECONDS);
        } else {
            spentNanos += System.nanoTime() - runningSince;
            if (alarm != null) {
                alarm.cancel(false);
                alarm = null;
            }
        }
    }

    private synchronized void expire() {
        if (!running() || spentNanos + System.nanoTime() - runningSince < budget.toNanos()) {
            return; // a stale alarm: the clock stopped and started again since
        }
        expired = true;
        guarded.forEach(HandshakeDeadline::closeQuietly);
    }

    /** The handshake is over (done or failed): nothing is closed any more, and reads are no longer timed. */
    @Override
    public void close() {
        boolean leave;
        boolean judged;
        Duration took;
        synchronized (this) {
            if (done) {
                return;
            }
            boolean before = running();
            done = true;
            changed(before);
            leave = admitted;
            admitted = false;
            // A node that never answered says nothing of how busy this side is: dead hosts do not shut the gate.
            judged = !expired;
            took = Duration.ofNanos(System.nanoTime() - admittedAt - pausedNanos);
        }
        if (leave && judged) {
            gate.leave(took, budget);
        } else if (leave) {
            gate.stepAside();
        }
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException | RuntimeException ignored) {
            // Closing is all that is wanted; a failure here changes nothing.
        }
    }

    /** A socket whose connect and reads run the clock: the time the node takes to answer. */
    private final class NodeClockSocket extends Socket {
        private InputStream timed;

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            awaitingNode();
            try {
                super.connect(endpoint, timeout);
            } finally {
                answered();
            }
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (timed == null) {
                timed = new FilterInputStream(super.getInputStream()) {
                    @Override
                    public int read() throws IOException {
                        awaitingNode();
                        try {
                            return super.read();
                        } finally {
                            answered();
                        }
                    }

                    @Override
                    public int read(byte[] bytes, int offset, int length) throws IOException {
                        awaitingNode();
                        try {
                            return super.read(bytes, offset, length);
                        } finally {
                            answered();
                        }
                    }
                };
            }
            return timed;
        }
    }
}
