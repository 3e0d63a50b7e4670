package dev.baton.ssh;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;

/**
 * Bounds a whole SSH handshake (TCP connect, banner, key exchange, authentication) by the connect
 * timeout. sshj's own timeouts bound each read, so a server that sends its banner and then nothing,
 * or trickles it a byte at a time, holds a connect for a minute or more; when the deadline passes
 * this closes the connection's socket (or the tunnel it runs in), which ends every wait at once.
 * Time spent waiting for the responder (a passphrase, a password, an unknown host key) does not count.
 */
final class HandshakeDeadline implements AutoCloseable {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "baton-ssh-deadline");
        thread.setDaemon(true);
        return thread;
    });

    private final Duration budget;
    private final List<Closeable> guarded = new ArrayList<>();
    private long spentNanos;
    private long runningSince;
    private int pauses;
    private boolean expired;
    private boolean done;
    private ScheduledFuture<?> alarm;

    HandshakeDeadline(Duration budget) {
        this.budget = budget;
        runningSince = System.nanoTime();
        schedule();
    }

    Duration budget() {
        return budget;
    }

    /** What to close when time is up. */
    synchronized void guard(Closeable closeable) {
        if (expired) {
            closeQuietly(closeable);
        }
        guarded.add(closeable);
    }

    /** Sockets the client opens through this factory are guarded. */
    SocketFactory socketFactory() {
        return new SocketFactory() {
            @Override
            public Socket createSocket() {
                Socket socket = new Socket();
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

    /** The responder is being asked something: the clock stops until {@link #resume()}. */
    synchronized void pause() {
        if (pauses++ == 0 && !done) {
            spentNanos += System.nanoTime() - runningSince;
            if (alarm != null) {
                alarm.cancel(false);
            }
        }
    }

    synchronized void resume() {
        if (--pauses == 0 && !done) {
            runningSince = System.nanoTime();
            schedule();
        }
    }

    synchronized boolean expired() {
        return expired;
    }

    private void schedule() {
        long left = budget.toNanos() - spentNanos;
        alarm = TIMER.schedule(this::expire, Math.max(0, left), TimeUnit.NANOSECONDS);
    }

    private synchronized void expire() {
        if (done || pauses > 0) {
            return;
        }
        expired = true;
        guarded.forEach(HandshakeDeadline::closeQuietly);
    }

    /** The handshake is over (done or failed): nothing is closed any more. */
    @Override
    public synchronized void close() {
        done = true;
        if (alarm != null) {
            alarm.cancel(false);
        }
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException | RuntimeException ignored) {
            // Closing is all that is wanted; a failure here changes nothing.
        }
    }
}
