package dev.baton.session;

import dev.baton.incident.TimelineEvent;
import dev.baton.team.SharedLogs;
import dev.baton.team.TeamRepository;
import dev.baton.team.TeamTimeline;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a shared incident in step with the team's remote while it is open, on a thread of its own (never the
 * window's): every {@link #POLL} it pushes this responder's new events in one batch and takes in the others',
 * telling its listener of each new event of theirs and of how far behind the remote this copy is. While the
 * remote cannot be reached it waits twice as long each time, up to {@link #MOST}; events keep being recorded
 * locally all the while and go out when it is back.
 */
public final class LiveSync implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveSync.class);
    static final Duration POLL = Duration.ofSeconds(2);
    static final Duration MOST = Duration.ofSeconds(30);
    /** How long after a new event of this responder's the push starts: events recorded together go in one commit. */
    static final Duration BATCH = Duration.ofMillis(250);

    /**
     * Where the shared incident stands.
     *
     * @param behind      this responder's events the remote does not have yet
     * @param lastContact when the remote last answered, or null when it never has in this session
     * @param problem     why the last attempt failed, or empty
     */
    public record Status(String remote, int behind, Instant lastContact, String problem,
            List<SharedLogs.Refusal> refused) {
        public Status {
            refused = List.copyOf(refused);
        }

        public boolean offline() {
            return !problem.isEmpty();
        }

        /** A few words for the incident bar: in step, or how far behind. */
        public String words() {
            if (offline()) {
                return "Offline: " + behind + " waiting";
            }
            if (!refused.isEmpty()) {
                return "Shared: " + refused.size() + (refused.size() == 1 ? " log refused" : " logs refused");
            }
            return behind == 0 ? "Shared: in step" : "Shared: " + behind + " to push";
        }

        /** The whole of it, for the bar's tooltip: the remote, how far behind, why, and whose log was refused. */
        public String detail() {
            StringBuilder said = new StringBuilder("Shared through " + remote + ". ");
            said.append(behind == 0 ? "Every event of yours is in the remote."
                    : behind + " event(s) of yours wait to go out.");
            if (offline()) {
                said.append("\nThe remote cannot be reached: ").append(problem).append("\nBaton keeps trying; ")
                        .append(lastContact == null ? "it has not answered yet." : "last in step at " + lastContact
                                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ".");
            }
            refused.forEach(refusal -> said.append("\nRefused ").append(refusal.responder()).append("'s log: ")
                    .append(refusal.reason()));
            return said.toString();
        }
    }

    /** Told on the syncer's thread; a window hands each call to its own thread. */
    public interface Listener {
        /** Teammates' events this copy had not shown yet, each credited to whose log it is in. */
        void arrived(List<TimelineEvent> events);

        void status(Status status);
    }

    private final TeamSync sync;
    private final String id;
    private final String responder;
    private final TeamSync.Access access;
    private final Listener listener;
    private final Clock clock;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread worker = new Thread(runnable, "baton-team-sync");
        worker.setDaemon(true);
        return worker;
    });
    private final Map<String, Long> shown = new HashMap<>();
    /** Told to catch up when teammates' events came in, so they are searchable soon; null: none. */
    private volatile IncidentHistory history;
    private Duration wait = POLL;
    private Instant lastContact;
    /** The next tick, or null while one runs; guarded by this. */
    private java.util.concurrent.ScheduledFuture<?> next;

    public LiveSync(TeamSync sync, String id, String responder, TeamSync.Access access, Listener listener) {
        this(sync, id, responder, access, listener, Clock.systemUTC());
    }

    LiveSync(TeamSync sync, String id, String responder, TeamSync.Access access, Listener listener, Clock clock) {
        this.sync = sync;
        this.id = id;
        this.responder = responder;
        this.access = access;
        this.listener = listener;
        this.clock = clock;
    }

    public String incident() {
        return id;
    }

    /** The remote the incident is kept in step with. */
    public String remote() {
        return access.remote();
    }

    /** Brings {@code history} up to date (on its own thread) whenever teammates' events come in. */
    public void indexInto(IncidentHistory history) {
        this.history = history;
    }

    public void start() {
        schedule(0);
    }

    /** A new event of this responder's: push it soon, with whatever else is recorded meanwhile. */
    public void nudge() {
        schedule(BATCH.toMillis());
    }

    /** Runs the next tick in {@code millis}, unless one is due sooner. */
    private synchronized void schedule(long millis) {
        if (thread.isShutdown()) {
            return;
        }
        if (next != null) {
            if (next.getDelay(TimeUnit.MILLISECONDS) <= millis) {
                return;
            }
            next.cancel(false);
        }
        next = thread.schedule(this::tick, millis, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        synchronized (this) {
            next = null;
        }
        String problem = "";
        List<SharedLogs.Refusal> refused = List.of();
        boolean grown = lastContact == null;
        try {
            if (sync.behind(id, responder) > 0 || lastContact == null) {
                TeamSync.Outcome outcome = sync.sync(id, responder, access);
                refused = outcome.refused();
                grown |= !outcome.grown().isEmpty();
            } else {
                SharedLogs.Received received = sync.fetch(id, responder, access);
                refused = received.refused();
                grown |= !received.grown().isEmpty();
            }
            lastContact = clock.instant();
            wait = POLL;
        } catch (TeamRepository.UnreachableException e) {
            problem = e.getMessage();
            wait = wait.multipliedBy(2).compareTo(MOST) > 0 ? MOST : wait.multipliedBy(2);
        } catch (IOException | RuntimeException e) {
            problem = e.getMessage() == null ? e.toString() : e.getMessage();
            wait = MOST;
            LOG.warn("Sync of shared incident {} failed", id, e);
        }
        try {
            if (grown) {
                deliver();
                IncidentHistory searched = history;
                if (searched != null) {
                    searched.catchUpSoon();
                }
            }
            listener.status(new Status(access.remote(), sync.behind(id, responder), lastContact, problem, refused));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not read shared incident {}", id, e);
        }
        schedule(wait.toMillis());
    }

    /** The teammates' events not shown yet, their {@code by} set to whose signed log they came from. */
    private void deliver() throws IOException {
        List<TimelineEvent> fresh = new ArrayList<>();
        Map<String, Long> before = new HashMap<>(shown);
        for (TeamTimeline.TeamEvent event : sync.timeline(id, responder)) {
            if (event.responder().equals(responder) || event.event().seq() <= before.getOrDefault(event.responder(), 0L)) {
                continue;
            }
            shown.merge(event.responder(), event.event().seq(), Math::max);
            Map<String, Object> data = new LinkedHashMap<>(event.event().data());
            data.put("by", event.responder());
            TimelineEvent e = event.event();
            fresh.add(new TimelineEvent(e.v(), e.seq(), e.time(), e.type(), e.prev(), data));
        }
        if (!fresh.isEmpty()) {
            listener.arrived(fresh);
        }
    }

    @Override
    public synchronized void close() {
        thread.shutdownNow();
    }
}
