package dev.baton.cli;

import dev.baton.incident.IncidentBusyException;
import dev.baton.incident.IncidentStore;
import dev.baton.session.IncidentSession;
import dev.baton.session.IncidentSnapshot;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where {@code baton run} records: the data folder's current incident, the one the window resumes on its next
 * start. When no incident can take the run (none is open, the window holds it, it was handed off), one line on
 * stderr says why and the run goes ahead unrecorded: a responder at a terminal is never left guessing whether
 * the timeline has it.
 */
final class RunRecording implements AutoCloseable {
    private static final long WAIT_SECONDS = 30;

    private final PrintStream err;
    private final IncidentSession session;
    private final IncidentSnapshot incident;

    private RunRecording(PrintStream err, IncidentSession session, IncidentSnapshot incident) {
        this.err = err;
        this.session = session;
        this.incident = incident;
    }

    /** The current incident of {@code store} opened to record into, or none, said on {@code err}. */
    static RunRecording open(IncidentStore store, PrintStream err) throws InterruptedException {
        IncidentSession session = new IncidentSession(store, IncidentStore.defaultResponder());
        String why;
        try {
            Optional<IncidentSnapshot> current = session.resumeCurrentQuietly().get(WAIT_SECONDS, TimeUnit.SECONDS);
            Optional<String> handedOff = current.isEmpty() ? Optional.empty() : session.handedOff()
                    .get(WAIT_SECONDS, TimeUnit.SECONDS).map(exported -> new IncidentSession.HandedOff(exported).getMessage());
            if (current.isPresent() && handedOff.isEmpty()) {
                return new RunRecording(err, session, current.get());
            }
            why = current.isEmpty() ? "no incident is open (start one in the window, or with baton open-alert)"
                    : handedOff.get();
        } catch (ExecutionException e) {
            why = e.getCause() instanceof IncidentBusyException busy
                    ? busy.getMessage() + " (run the step from there to record it)"
                    : "the current incident in " + store.incidentsDirectory() + " cannot be opened: "
                            + (e.getCause() instanceof IOException io && io.getMessage() != null ? io.getMessage()
                                    : String.valueOf(e.getCause()));
        } catch (TimeoutException e) {
            why = "the current incident did not open within " + WAIT_SECONDS + " s";
        }
        session.close();
        err.println("baton run: not recorded: " + Printable.of(why));
        return new RunRecording(err, null, null);
    }

    /** The incident to record into, for the session's runs; empty when the run is not recorded. */
    Optional<IncidentSession> session() {
        return Optional.ofNullable(session);
    }

    /**
     * Waits until what the run asked to record is written (its output is read from the run's spool, which the
     * command then discards), and says on stderr where it went or why it did not.
     */
    void await(CompletableFuture<?> recorded) throws InterruptedException {
        if (session == null) {
            return;
        }
        try {
            recorded.get(WAIT_SECONDS, TimeUnit.SECONDS);
            session.drain();
            err.println("baton run: recorded in incident \"" + Printable.of(incident.info().title()) + "\" ("
                    + Printable.of(incident.info().id()) + ")");
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            err.println("baton run: not recorded in incident " + Printable.of(incident.info().id()) + ": "
                    + Printable.of(cause.getMessage() != null ? cause.getMessage() : cause.toString()));
        }
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
        }
    }
}
