package dev.baton.ssh;

import java.time.Duration;

/**
 * How many SSH handshakes this process runs at once. A handshake is a few round trips and some
 * arithmetic on both ends; a hundred at once on two cores (or on loopback nodes sharing them) make each
 * take as long as all of them, and the connect timeout runs out on nodes that were never slow. The gate
 * lets more in while handshakes come back quickly against their timeout (as TCP's slow start does: one
 * more per quick one) and halves when one comes back slowly, so at 50 ms round trips hundreds are in flight
 * and on a busy laptop a few. It judges by the whole handshake's time, this side's work included: that is
 * what a core shared by too many handshakes lengthens. A handshake waiting at the gate has not started its clock.
 */
final class HandshakeGate {
    static final HandshakeGate SHARED = new HandshakeGate(8, 1, 512);

    private final int floor;
    private final int ceiling;
    private int limit;
    private int inFlight;
    private long lastHalved;

    HandshakeGate(int initial, int floor, int ceiling) {
        this.limit = initial;
        this.floor = floor;
        this.ceiling = ceiling;
    }

    /** Waits for a place; the handshake starts once it has one. */
    synchronized void enter() throws InterruptedException {
        while (inFlight >= limit) {
            wait();
        }
        inFlight++;
    }

    /** Gives the place up for a while (the responder is being asked something), without judging the handshake. */
    synchronized void stepAside() {
        inFlight--;
        notifyAll();
    }

    /**
     * The handshake is over after {@code took} (the responder's answers left out): quick against {@code budget}
     * lets one more in; slow halves the gate, at most once in a quarter of the budget so one slow wave does not
     * shut it.
     */
    synchronized void leave(Duration took, Duration budget) {
        inFlight--;
        long now = System.nanoTime();
        if (took.compareTo(budget.dividedBy(8)) < 0) {
            limit = Math.min(ceiling, limit + 1);
        } else if (took.compareTo(budget.dividedBy(4)) > 0 && now - lastHalved > budget.toNanos() / 4) {
            limit = Math.max(floor, limit / 2);
            lastHalved = now;
        }
        notifyAll();
    }

    synchronized int limit() {
        return limit;
    }
}
