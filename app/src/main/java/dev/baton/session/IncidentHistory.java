package dev.baton.session;

import dev.baton.history.HistoryBusyException;
import dev.baton.history.HistoryHit;
import dev.baton.history.HistoryIndex;
import dev.baton.history.HistoryQuery;
import dev.baton.history.HistoryUpdate;
import dev.baton.history.PastIncident;
import dev.baton.history.StepMemory;
import dev.baton.incident.IncidentInfo;
import dev.baton.incident.IncidentStore;
import dev.baton.incident.StepRuns;
import dev.baton.incident.Timeline;
import dev.baton.incident.TimelineEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The memory of past incidents, for the window and the command line: searching every event, the Last time
 * panel, step memory, and a past incident's timeline read without taking it. The index is brought up to date
 * on a thread of its own, a moment after events are recorded ({@link #recorded}), and never on the caller's.
 */
public final class IncidentHistory implements IncidentSession.Listener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IncidentHistory.class);
    /** Events come in bursts (a fan-out's results): the index catches up once per burst. */
    private static final long CATCH_UP_DELAY_MS = 1500;

    /**
     * What a search found.
     *
     * @param tampered incidents left out because their timeline does not verify
     * @param notice   something the responder should know about the answer (the index was busy), or empty
     */
    public record Found(List<HistoryHit> hits, List<HistoryUpdate.Tampered> tampered, String notice) {
        public Found {
            hits = List.copyOf(hits);
            tampered = List.copyOf(tampered);
        }
    }

    /**
     * A past incident's timeline, read as it is on disk without opening it for writing.
     *
     * @param problems why its chain does not verify; empty when it does
     * @param log      the teammate whose log (taken in from the team's remote) this is; empty: the folder's own
     */
    public record PastTimeline(IncidentInfo info, Path folder, List<TimelineEvent> events, List<String> problems,
            String log) {
        public PastTimeline {
            events = List.copyOf(events);
            problems = List.copyOf(problems);
        }
    }

    /**
     * A past run of a step beside today's run of the same step, in the incident being worked on.
     *
     * @param today null when today's incident has no run of that step with output (or there is no incident)
     * @param diff  the two as a unified diff ({@link RunComparison#diff}); empty without today's run
     */
    public record Beside(RunComparison.RunOutput past, RunComparison.RunOutput today, String diff) {
        /** Said beside the past output when there is nothing to compare it with. */
        public String note() {
            return today != null ? "" : "No run of this step with output in today's incident yet: last time's output alone.";
        }
    }

    private final IncidentStore store;
    private final HistoryIndex index;
    private final ScheduledExecutorService catchUp = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "baton-history");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile List<HistoryUpdate.Tampered> tampered = List.of();
    private volatile Consumer<HistoryUpdate> onCaughtUp = update -> { };

    public IncidentHistory(IncidentStore store) {
        this.store = store;
        this.index = HistoryIndex.of(store);
    }

    /** Told (on the history's thread) after each catch-up: a window says what was found tampered. */
    public void onCaughtUp(Consumer<HistoryUpdate> listener) {
        this.onCaughtUp = listener;
    }

    /** Brings the index up to date now, on the caller's thread; a command line search calls this first. */
    public HistoryUpdate catchUp() throws IOException {
        HistoryUpdate update = index.update();
        tampered = update.tampered();
        return update;
    }

    /** Brings the index up to date on the history's thread, soon; calls while one is pending are one. */
    public CompletableFuture<Void> catchUpSoon() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!scheduled.compareAndSet(false, true)) {
            done.complete(null);
            return done;
        }
        catchUp.schedule(() -> {
            scheduled.set(false);
            try {
                HistoryUpdate update = catchUp();
                onCaughtUp.accept(update);
                done.complete(null);
            } catch (HistoryBusyException busy) {
                LOG.info("{}", busy.getMessage());
                done.complete(null);
            } catch (IOException | RuntimeException e) {
                LOG.warn("The history index could not be brought up to date", e);
                done.completeExceptionally(e);
            }
        }, CATCH_UP_DELAY_MS, TimeUnit.MILLISECONDS);
        return done;
    }

    /** Catches up now on the history's thread (at the window's start); the future ends when it has. */
    public CompletableFuture<HistoryUpdate> catchUpNow() {
        return CompletableFuture.supplyAsync(() -> {
            try {
                HistoryUpdate update = catchUp();
                onCaughtUp.accept(update);
                return update;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, catchUp);
    }

    @Override
    public void recorded(TimelineEvent event) {
        catchUpSoon();
    }

    /** Searches the index as it is (kept up to date by {@link #catchUpSoon}); blocking. */
    public Found search(HistoryQuery query) throws IOException {
        return new Found(index.search(query), tampered, "");
    }

    /** Brings the index up to date, then searches it; blocking. Another Baton updating it: searched as it is. */
    public Found searchUpToDate(HistoryQuery query) throws IOException {
        String notice = "";
        try {
            catchUp();
        } catch (HistoryBusyException busy) {
            notice = busy.getMessage();
        }
        return new Found(index.search(query), tampered, notice);
    }

    /** Past incidents of the same alert, same service, namespace or node first, then newest; blocking. */
    public List<PastIncident> lastTime(String alertname, Map<String, String> labels, int limit) throws IOException {
        return index.lastTime(alertname, labels, limit);
    }

    /** Each step of a runbook across past incidents; blocking. */
    public Map<Integer, StepMemory> stepMemory(String runbookId) throws IOException {
        return index.stepMemory(runbookId);
    }

    /**
     * The run on line {@code seq} of a past incident beside the newest run of the same step in the incident the
     * responder is working on (on the same node when there is one), as a diff; blocking.
     */
    public Beside beside(String incidentId, long seq, String runbookId, int step) throws IOException {
        RunComparison.RunOutput past = RunComparison.read(folderOf(incidentId), seq);
        Optional<String> current = store.currentId().filter(id -> !id.equals(incidentId));
        if (current.isEmpty()) {
            return new Beside(past, null, "");
        }
        Path folder = folderOf(current.get());
        Path timeline = folder.resolve("timeline.jsonl");
        List<TimelineEvent> events = Files.exists(timeline) ? Timeline.read(timeline).events() : List.of();
        Optional<StepRuns.Run> today = StepRuns.of(events, runbookId, Integer.MAX_VALUE).getOrDefault(step, List.of())
                .stream().filter(StepRuns.Run::hasOutput)
                .max(Comparator.comparing((StepRuns.Run run) -> run.target().equals(past.target()))
                        .thenComparingLong(StepRuns.Run::seq));
        if (today.isEmpty()) {
            return new Beside(past, null, "");
        }
        RunComparison.RunOutput now = RunComparison.read(folder, today.get().seq());
        return new Beside(past, now, RunComparison.diff(past, now));
    }

    private Path folderOf(String incidentId) throws IOException {
        Path folder = store.incidentsDirectory().resolve(incidentId).normalize();
        if (!folder.getParent().equals(store.incidentsDirectory().normalize()) || incidentId.startsWith(".")
                || !Files.isRegularFile(folder.resolve(IncidentStore.INFO_FILE))) {
            throw new IOException("no incident " + incidentId + " in " + store.incidentsDirectory());
        }
        return folder;
    }

    /** A past incident's timeline, read without taking the incident; blocking. */
    public PastTimeline read(String incidentId) throws IOException {
        return read(incidentId, "");
    }

    /** A teammate's log of a past incident ({@code log} empty: its own timeline), read as it is; blocking. */
    public PastTimeline read(String incidentId, String log) throws IOException {
        Path folder = store.incidentsDirectory().resolve(incidentId).normalize();
        if (!folder.getParent().equals(store.incidentsDirectory().normalize()) || incidentId.startsWith(".")
                || !Files.isRegularFile(folder.resolve(IncidentStore.INFO_FILE))) {
            throw new IOException("no incident " + incidentId + " in " + store.incidentsDirectory());
        }
        Path timeline = log.isEmpty() ? folder.resolve("timeline.jsonl")
                : folder.resolve(IncidentStore.TEAM_LOGS).resolve(log + ".jsonl").normalize();
        if (!log.isEmpty() && (!dev.baton.team.TeamRefs.isResponder(log)
                || !timeline.getParent().equals(folder.resolve(IncidentStore.TEAM_LOGS).normalize()))) {
            throw new IOException("no log of " + log + " in incident " + incidentId);
        }
        Timeline.Read read = Files.exists(timeline) ? Timeline.read(timeline)
                : new Timeline.Read(List.of(), Timeline.verify(new byte[0]), 0);
        return new PastTimeline(IncidentStore.readInfo(folder), folder, read.events(), read.verification().problems(),
                log);
    }

    @Override
    public void close() {
        catchUp.shutdownNow();
        try {
            catchUp.awaitTermination(5, TimeUnit.SECONDS);
            index.close();
        } catch (IOException e) {
            LOG.debug("Closing the history index", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
