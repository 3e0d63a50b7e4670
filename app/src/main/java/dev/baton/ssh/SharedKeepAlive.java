package dev.baton.ssh;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import net.schmizz.concurrent.Promise;
import net.schmizz.keepalive.KeepAlive;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.common.SSHPacket;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.ConnectionImpl;

/**
 * keepalive@openssh.com every interval, as OpenSSH's ServerAliveInterval, with the connection given up after
 * ServerAliveCountMax unanswered; every connection's beat runs on one shared thread. sshj's own keepalive is a
 * thread per connection that sleeps between beats: 256 nodes at once were 256 threads doing nothing.
 */
final class SharedKeepAlive extends KeepAlive {
    static final KeepAliveProvider PROVIDER = new KeepAliveProvider() {
        @Override
        public KeepAlive provide(ConnectionImpl connection) {
            return new SharedKeepAlive(connection);
        }
    };

    private static final ScheduledThreadPoolExecutor BEATS = beats();

    private final Queue<Promise<SSHPacket, ConnectionException>> unanswered = new ConcurrentLinkedQueue<>();
    private volatile int maxAliveCount = 3;
    private ScheduledFuture<?> beat;
    private boolean stopped;

    private SharedKeepAlive(ConnectionImpl connection) {
        super(connection, "baton-ssh-keepalive");
    }

    private static ScheduledThreadPoolExecutor beats() {
        ScheduledThreadPoolExecutor beats = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "baton-ssh-keepalive");
            thread.setDaemon(true);
            return thread;
        });
        beats.setRemoveOnCancelPolicy(true);
        return beats;
    }

    void setMaxAliveCount(int count) {
        maxAliveCount = count;
    }

    /** sshj starts its keepalive once the connection is up: here that schedules the beat, no thread starts. */
    @Override
    public synchronized void start() {
        int interval = getKeepAliveInterval();
        if (stopped || beat != null || interval <= 0) {
            return;
        }
        beat = BEATS.scheduleWithFixedDelay(this::beat, interval, interval, TimeUnit.SECONDS);
    }

    /** sshj interrupts its keepalive when the connection is closed: the beat stops. */
    @Override
    public synchronized void interrupt() {
        stopped = true;
        if (beat != null) {
            beat.cancel(false);
        }
    }

    @Override
    protected void doKeepAlive() throws ConnectionException, net.schmizz.sshj.transport.TransportException {
        while (unanswered.peek() != null && unanswered.peek().isFulfilled()) {
            unanswered.remove();
        }
        if (unanswered.size() >= maxAliveCount) {
            throw new ConnectionException(DisconnectReason.CONNECTION_LOST, "Did not receive any keep-alive response for "
                    + (long) getKeepAliveInterval() * unanswered.size() + " seconds");
        }
        unanswered.add(conn.sendGlobalRequest("keepalive@openssh.com", true, new byte[0]));
    }

    private void beat() {
        if (!conn.getTransport().isRunning()) {
            return;
        }
        try {
            doKeepAlive();
        } catch (Exception e) {
            interrupt();
            conn.getTransport().die(e);
        }
    }
}
