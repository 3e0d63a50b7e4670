package dev.baton.ui.incident;

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
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's way into the open incident. Calls come from the FX thread and return at once; the
 * writes happen in order on one thread of their own, so the timeline never waits on the UI and the
 * UI never waits on a disk. Something recorded with no incident open starts one, named after the
 * runbook in use: nothing a responder does goes unrecorded because they forgot to start an incident.
 */
public final class IncidentJournal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IncidentJournal.class);

    /** An action on the open incident, run on the incident thread. */
    @FunctionalInterface
    public interface Work<T> {
        T apply(OpenIncident incident) throws IOException;
    }

    private final IncidentStore store;
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "baton-incident");
        thread.setDaemon(true);
        return thread;
    });
    private final Consumer<String> status;
    private final ReadOnlyObjectWrapper<OpenIncident> current = new ReadOnlyObjectWrapper<>();
    private final Autosaver notesSaver;
    /** Touched only on the writer thread. */
    private OpenIncident incident;
    private Consumer<TimelineEvent> onEvent = event -> { };
    private Consumer<java.util.Set<String>> onReopened = ticked -> { };

    public IncidentJournal(IncidentStore store, Consumer<String> status) {
        this.store = store;
        this.status = status;
        this.notesSaver = new Autosaver(writer, Autosaver.DEFAULT_DELAY, text -> {
            if (incident != null) {
                incident.saveNotes(text, false);
            }
        }, message -> Platform.runLater(() -> status.accept(message)));
    }

    public ReadOnlyObjectProperty<OpenIncident> currentProperty() {
        return current.getReadOnlyProperty();
    }

    /** Told of every event recorded, on the FX thread. */
    public void setOnEvent(Consumer<TimelineEvent> listener) {
        this.onEvent = listener;
    }

    /** Told, on the FX thread, which checklist items an incident opened again had ticked ({@code runbook#item}). */
    public void setOnReopened(Consumer<java.util.Set<String>> listener) {
        this.onReopened = listener;
    }

    private void reopened(OpenIncident opened) {
        java.util.Set<String> ticked = opened.tickedItems();
        switchTo(opened);
        Platform.runLater(() -> onReopened.accept(ticked));
    }

    /** Continues the incident the responder was on when Baton last stopped (or crashed), if any. */
    public void resumeCurrent() {
        writer.execute(() -> {
            try {
                Optional<String> id = store.currentId();
                if (id.isPresent()) {
                    reopened(store.open(id.get()));
                }
            } catch (IOException e) {
                LOG.warn("Could not reopen the current incident: {}", e.getMessage());
                Platform.runLater(() -> status.accept("Could not reopen the last incident: " + e.getMessage()));
            }
        });
    }

    public void start(String title, String severity, String alert) {
        writer.execute(() -> {
            try {
                switchTo(store.start(title, severity, alert, IncidentStore.defaultResponder(), Instant.now()));
            } catch (IOException e) {
                Platform.runLater(() -> status.accept("Could not start the incident: " + e.getMessage()));
            }
        });
    }

    public void open(String id) {
        writer.execute(() -> {
            try {
                reopened(store.open(id));
            } catch (IOException e) {
                Platform.runLater(() -> status.accept("Could not open incident " + id + ": " + e.getMessage()));
            }
        });
    }

    /** The responder ends the incident; the console goes back to having none. */
    public void end() {
        writer.execute(() -> {
            if (incident == null) {
                return;
            }
            try {
                notesSaver.saveNow();
                incident.end();
                store.clearCurrent();
            } catch (IOException e) {
                Platform.runLater(() -> status.accept("Could not end the incident: " + e.getMessage()));
            }
            switchTo(null);
        });
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
            next.timeline().addListener(event -> Platform.runLater(() -> onEvent.accept(event)));
        }
        Platform.runLater(() -> {
            current.set(next);
            if (next != null) {
                status.accept((next.wasRecovered() ? "Recovered incident \"" : "Incident \"") + next.info().title()
                        + "\"" + (next.wasRecovered() ? " after Baton stopped without closing it" : ""));
            }
        });
    }

    /**
     * Runs {@code work} on the open incident, starting one named after {@code runbook} if none is open.
     * Returns at once.
     */
    public <T> Future<T> record(Runbook runbook, Work<T> work) {
        return writer.submit(() -> {
            try {
                if (incident == null) {
                    String title = runbook != null ? runbook.title() : "Incident";
                    String severity = runbook != null && runbook.severity() != null ? runbook.severity() : "";
                    String alert = runbook != null && !runbook.alerts().isEmpty() ? runbook.alerts().get(0) : "";
                    switchTo(store.start(title, severity, alert, IncidentStore.defaultResponder(), Instant.now()));
                }
                return work.apply(incident);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Not recorded in the incident: {}", e.getMessage());
                Platform.runLater(() -> status.accept("Not recorded in the incident: " + e.getMessage()));
                throw e;
            }
        });
    }

    /**
     * Runs {@code work} on the open incident, with the notes saved first; never starts one. The future
     * fails with {@link IllegalStateException} when no incident is open.
     */
    public <T> Future<T> withOpen(Work<T> work) {
        return writer.submit(() -> {
            if (incident == null) {
                throw new IllegalStateException("No incident is open");
            }
            notesSaver.saveNow();
            return work.apply(incident);
        });
    }

    /** Continues an incident from a verified bundle: imported on the incident thread, then shown. */
    public Future<dev.baton.handoff.BundleImporter.Imported> importBundle(dev.baton.handoff.BundleReader.Verified bundle) {
        return writer.submit(() -> {
            var imported = dev.baton.handoff.BundleImporter.importVerified(bundle, store);
            reopened(imported.incident());
            return imported;
        });
    }

    public void stepSent(Runbook runbook, int step, String text, String terminal, Map<String, String> values) {
        record(runbook, incident -> {
            incident.stepSent(runbook.id(), step, text, terminal, values);
            return null;
        });
    }

    public void stepRun(Runbook runbook, int step, String text, List<String> nodes, Map<String, String> values) {
        record(runbook, incident -> {
            incident.stepRun(runbook == null ? "" : runbook.id(), step, text, nodes, values);
            return null;
        });
    }

    /** Records a finished run; the future holds its event, whose files a capture links to. */
    public Future<TimelineEvent> runResult(RunResult result, Map<String, String> values) {
        return record(null, incident -> incident.runResult(result, values));
    }

    public void checklist(Runbook runbook, int item, String text, boolean ticked) {
        record(runbook, incident -> {
            incident.checklist(runbook.id(), item, text, ticked);
            return null;
        });
    }

    /** Connections are recorded only into an incident that is open; they never start one. */
    public void connection(String node, boolean opened, String detail) {
        writer.execute(() -> {
            if (incident != null) {
                try {
                    incident.connection(node, opened, detail);
                } catch (IOException e) {
                    LOG.warn("Connection event not recorded: {}", e.getMessage());
                }
            }
        });
    }

    /**
     * Records a capture and hands its Markdown block to {@code intoNotes} on the FX thread.
     *
     * @param wholeOutput a file in the incident folder already holding the whole output, or null
     */
    public void capture(String source, String target, String command, String outcome, Instant at, String output,
            String wholeOutput, Consumer<String> intoNotes) {
        record(null, incident -> {
            String block = incident.capture(source, target, command, outcome, at, output, wholeOutput);
            Platform.runLater(() -> intoNotes.accept(block));
            return null;
        });
    }

    /** Every keystroke in the notes: saved within {@link Autosaver#DEFAULT_DELAY}. */
    public void notesChanged(String text) {
        if (!writer.isShutdown()) {
            notesSaver.changed(text);
        }
    }

    /** Ctrl+S: saved now and noted in the timeline. */
    public void saveNotes(String text) {
        record(null, incident -> {
            incident.saveNotes(text, true);
            return null;
        });
    }

    /** Waits for every write asked for so far (tests, closing). */
    public void drain() throws Exception {
        writer.submit(() -> null).get(30, TimeUnit.SECONDS);
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
            writer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
