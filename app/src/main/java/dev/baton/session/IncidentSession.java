package dev.baton.session;

import dev.baton.handoff.BundleImporter;
import dev.baton.handoff.BundleReader;
import dev.baton.incident.Autosaver;
import dev.baton.incident.IncidentStore;
import dev.baton.incident.OpenIncident;
import dev.baton.incident.TimelineEvent;
import dev.baton.runbook.Runbook;
import dev.baton.ssh.RunResult;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incident a responder is working on, for the window and the command line alike. Calls return at
 * once; the writes happen in order on one thread of their own, so a caller never waits on a disk. Something
 * recorded with no incident open starts one, named after the runbook in use: nothing a responder does goes
 * unrecorded because they forgot to start an incident.
 */
public final class IncidentSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IncidentSession.class);

    /** An action on the open incident, run on the incident thread. */
    @FunctionalInterface
    public interface Work<T> {
        T apply(OpenIncident incident) throws IOException;
    }

    /** Told on the incident thread; a window hands each call over to its own thread. */
    public interface Listener {
        /** Another incident (or none: null) is now the open one. */
        default void switched(IncidentSnapshot now) {}

        /**
         * An incident was opened from disk (resumed, chosen, or continued from a bundle), after
         * {@link #switched}: its checklist ticks and variables are the ones to show.
         */
        default void reopened(IncidentSnapshot now) {}

        default void recorded(TimelineEvent event) {}

        /** Something the responder must hear of, in words written for them. */
        default void told(String message) {}
    }

    private final IncidentStore store;
    private final String responder;
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "baton-incident");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final Autosaver notesSaver;
    /** Touched only on the writer thread. */
    private OpenIncident incident;

    public IncidentSession(IncidentStore store, String responder) {
        this.store = store;
        this.responder = responder;
        this.notesSaver = new Autosaver(writer, Autosaver.DEFAULT_DELAY, text -> {
            if (incident != null && incident.handedOff().isEmpty()) {
                incident.saveNotes(text, false);
            } else if (incident != null) {
                tell("Notes not saved: " + new HandedOff(incident.handedOff().get()).getMessage());
            }
        }, this::tell);
    }

    public IncidentStore store() {
        return store;
    }

    public String responder() {
        return responder;
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    private void tell(String message) {
        listeners.forEach(listener -> listener.told(message));
    }

    /** Continues the incident the responder was on when Baton last stopped (or crashed), if any. */
    public CompletableFuture<Optional<IncidentSnapshot>> resumeCurrent() {
        return submit(() -> {
            Optional<String> id = store.currentId();
            if (id.isEmpty()) {
                return Optional.empty();
            }
            switchTo(store.open(id.get()));
            return Optional.of(reopened());
        }, "Could not reopen the last incident");
    }

    /**
     * As {@link #resumeCurrent()}, for a command line tool that says itself why it could not (the incident is
     * open in the window, the folder cannot be read): a failure completes the future and is neither logged nor
     * told, so that the tool's one line is all the responder reads.
     */
    public CompletableFuture<Optional<IncidentSnapshot>> resumeCurrentQuietly() {
        return CompletableFuture.supplyAsync(() -> {
            try {
                Optional<String> id = store.currentId();
                if (id.isEmpty()) {
                    return Optional.empty();
                }
                switchTo(store.open(id.get()));
                return Optional.of(IncidentSnapshot.of(incident));
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, writer);
    }

    public CompletableFuture<IncidentSnapshot> start(String title, String severity, String alert) {
        return submit(() -> {
            switchTo(store.start(title, severity, alert, responder, Instant.now()));
            return IncidentSnapshot.of(incident);
        }, "Could not start the incident");
    }

    public CompletableFuture<IncidentSnapshot> open(String id) {
        return submit(() -> {
            switchTo(store.open(id));
            return reopened();
        }, "Could not open incident " + id);
    }

    /** The responder ends the incident; the session goes back to having none. */
    public CompletableFuture<Void> end() {
        return submit(() -> {
            if (incident != null) {
                notesSaver.saveNow();
                incident.end();
                store.clearCurrent();
                switchTo(null);
            }
            return null;
        }, "Could not end the incident");
    }

    /** The open incident now, as a copy; empty when none is open. */
    public CompletableFuture<Optional<IncidentSnapshot>> snapshot() {
        return submit(() -> Optional.ofNullable(incident).map(IncidentSnapshot::of), "Could not read the incident");
    }

    private IncidentSnapshot reopened() {
        IncidentSnapshot now = IncidentSnapshot.of(incident);
        listeners.forEach(listener -> listener.reopened(now));
        return now;
    }

    private void switchTo(OpenIncident next) {
        notesSaver.saveNow();
        if (incident != null) {
            try {
                incident.close();
            } catch (IOException e) {
                LOG.warn("Closing incident {}: {}", incident.info().id(), e.getMessage());
            }
        }
        incident = next;
        if (next != null) {
            next.creditTo(responder);
            next.timeline().addListener(event -> listeners.forEach(listener -> listener.recorded(event)));
        }
        IncidentSnapshot now = next == null ? null : IncidentSnapshot.of(next);
        listeners.forEach(listener -> listener.switched(now));
        if (next != null) {
            tell((next.wasRecovered() ? "Recovered incident \"" : "Incident \"") + next.info().title() + "\""
                    + (next.wasRecovered() ? " after Baton stopped without closing it" : ""));
        }
    }

    /**
     * Runs {@code work} on the open incident, starting one named after {@code runbook} if none is open.
     * A failure is told to the listeners and logged once, and fails the returned future.
     */
    public <T> CompletableFuture<T> record(Runbook runbook, Work<T> work) {
        return submit(() -> {
            if (incident == null) {
                String title = runbook != null ? runbook.title() : "Incident";
                String severity = runbook != null && runbook.severity() != null ? runbook.severity() : "";
                String alert = runbook != null && !runbook.alerts().isEmpty() ? runbook.alerts().get(0) : "";
                switchTo(store.start(title, severity, alert, responder, Instant.now()));
            }
            refuseIfHandedOff();
            return work.apply(incident);
        }, "Not recorded in the incident");
    }

    /**
     * A copy handed off to someone else is read-only: two responders must not carry on the same incident apart.
     * The sender records into it again only after taking it back.
     */
    private void refuseIfHandedOff() {
        incident.handedOff().ifPresent(exported -> {
            throw new HandedOff(exported);
        });
    }

    /** What is refused while the open incident is handed off, in words for the responder. */
    public static final class HandedOff extends IllegalStateException {
        public HandedOff(dev.baton.incident.IncidentEvent.HandoffExported exported) {
            super("this incident was handed off as " + exported.file() + "; it is read-only here until you take it back"
                    + " (Incident ▸ Take back)");
        }
    }

    /** The open incident's handoff that makes it read-only here; empty when it is this responder's to record into. */
    public CompletableFuture<Optional<dev.baton.incident.IncidentEvent.HandoffExported>> handedOff() {
        return submit(() -> incident == null ? Optional.<dev.baton.incident.IncidentEvent.HandoffExported>empty()
                : incident.handedOff(), "Could not read the incident");
    }

    /** The sender takes back the incident they handed off: it is theirs to record into again. */
    public CompletableFuture<Void> takeBack() {
        return submit(() -> {
            if (incident == null) {
                throw new IllegalStateException("No incident is open");
            }
            incident.takeBack(responder);
            return null;
        }, "Could not take the incident back");
    }

    /**
     * Runs {@code work} on the open incident when {@code joins} accepts it, else on a new incident started with
     * the title, severity and alert given (the open one, if any, is closed cleanly first).
     */
    public <T> CompletableFuture<T> startOrJoin(java.util.function.Predicate<dev.baton.incident.IncidentInfo> joins,
            String title, String severity, String alert, Work<T> work) {
        return submit(() -> {
            if (incident == null || !joins.test(incident.info())) {
                switchTo(store.start(title, severity, alert, responder, Instant.now()));
            }
            return work.apply(incident);
        }, "Could not open the incident");
    }

    /**
     * Runs {@code work} on the open incident with the notes saved first; never starts one. The future
     * fails with {@link IllegalStateException} when no incident is open.
     */
    public <T> CompletableFuture<T> withOpen(Work<T> work) {
        return CompletableFuture.supplyAsync(() -> {
            if (incident == null) {
                throw new IllegalStateException("No incident is open");
            }
            notesSaver.saveNow();
            try {
                return work.apply(incident);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, writer);
    }

    private interface Step<T> {
        T run() throws IOException;
    }

    private <T> CompletableFuture<T> submit(Step<T> step, String failure) {
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return step.run();
                } catch (IOException | RuntimeException e) {
                    LOG.warn("{}: {}", failure, e.getMessage());
                    tell(failure + ": " + e.getMessage());
                    throw new CompletionException(e);
                }
            }, writer);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("Baton is closing; not recorded"));
        }
    }

    /** Continues an incident from a verified bundle: imported on the incident thread, then open here. */
    public CompletableFuture<BundleImporter.Imported> importBundle(BundleReader.Verified bundle) {
        return submit(() -> {
            BundleImporter.Imported imported = BundleImporter.importVerified(bundle, store);
            switchTo(imported.incident());
            reopened();
            return imported;
        }, "Could not continue the incident");
    }

    public CompletableFuture<Void> stepSent(Runbook runbook, int step, String text, String terminal,
            Map<String, String> values) {
        return record(runbook, open -> {
            open.stepSent(runbook == null ? "" : runbook.id(), step, text, terminal, values);
            return null;
        });
    }

    /**
     * A step typed into a terminal, {@code submitted} saying whether Baton pressed Enter with it; the future holds
     * the line, whose {@code seq} the step's later outcome names.
     */
    public CompletableFuture<TimelineEvent> stepTyped(Runbook runbook, int step, String text, String terminal,
            Map<String, String> values, boolean submitted) {
        return record(runbook, open -> open.stepSent(runbook == null ? "" : runbook.id(), step, text, terminal, values,
                submitted));
    }

    /** What became of a typed step: a {@code StepEntered} or {@code StepAbandoned}, secrets masked with {@code values}. */
    public CompletableFuture<Void> stepOutcome(dev.baton.incident.IncidentEvent outcome, Map<String, String> values) {
        return record(null, open -> {
            open.stepOutcome(outcome, values);
            return null;
        });
    }

    /** @param concurrency how many nodes run at once in a fan-out; null for a run on chosen nodes */
    public CompletableFuture<Void> stepRun(Runbook runbook, int step, String text, List<String> nodes,
            Map<String, String> values, Integer concurrency) {
        return record(runbook, open -> {
            open.stepRun(runbook == null ? "" : runbook.id(), step, text, nodes, values, concurrency);
            return null;
        });
    }

    /** As {@link #stepRun}, run through {@code engine} with that version and command line. */
    public CompletableFuture<Void> stepRun(Runbook runbook, int step, String text, List<String> nodes,
            Map<String, String> values, Integer concurrency, String engine, String engineVersion,
            String engineCommand) {
        return record(runbook, open -> {
            open.stepRun(runbook == null ? "" : runbook.id(), step, text, nodes, values, concurrency, engine,
                    engineVersion, engineCommand);
            return null;
        });
    }

    /** Records a finished run; the future holds its event, whose files a capture links to. */
    public CompletableFuture<TimelineEvent> runResult(RunResult result, Map<String, String> values) {
        return record(null, open -> open.runResult(result, values));
    }

    public CompletableFuture<Void> checklist(Runbook runbook, int item, String text, boolean ticked) {
        return record(runbook, open -> {
            open.checklist(runbook.id(), item, text, ticked);
            return null;
        });
    }

    /** Connections are recorded only into an incident that is open; they never start one. */
    /** A failed attempt to connect, recorded so the timeline shows what was tried, not only what worked. */
    public void connectionFailed(String node, String reason, String detail) {
        submit(() -> {
            if (incident != null && incident.handedOff().isEmpty()) {
                incident.connectionFailed(node, reason, detail);
            }
            return null;
        }, "Connection not recorded");
    }

    public void connection(String node, boolean opened, String detail) {
        submit(() -> {
            if (incident != null && incident.handedOff().isEmpty()) {
                incident.connection(node, opened, detail);
            }
            return null;
        }, "Connection not recorded");
    }

    /**
     * Records a capture; the future holds its Markdown block for the notes.
     *
     * @param wholeOutput a file in the incident folder already holding the whole output, or null
     */
    public CompletableFuture<String> capture(String source, String target, String command, String outcome,
            Instant at, String output, String wholeOutput) {
        return record(null, open -> open.capture(source, target, command, outcome, at, output, wholeOutput));
    }

    /** Every keystroke in the notes: saved within {@link Autosaver#DEFAULT_DELAY}. */
    public void notesChanged(String text) {
        if (!writer.isShutdown()) {
            notesSaver.changed(text);
        }
    }

    /** Whether notes typed are not on disk yet (within the autosave delay, or their save failed). */
    public boolean notesUnsaved() {
        return notesSaver.hasPending();
    }

    /** Saved now and noted in the timeline (Ctrl+S). */
    public CompletableFuture<Void> saveNotes(String text) {
        return record(null, open -> {
            open.saveNotes(text, true);
            return null;
        });
    }

    /** Waits for every write asked for so far. */
    public void drain() throws Exception {
        CompletableFuture.runAsync(() -> { }, writer).get(30, TimeUnit.SECONDS);
    }

    /** Saves the notes and closes the incident cleanly (it stays current for the next start). */
    @Override
    public void close() {
        if (writer.isShutdown()) {
            return;
        }
        writer.execute(() -> switchTo(null));
        writer.shutdown();
        try {
            if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("The incident's writes did not finish within 10 s of closing");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
