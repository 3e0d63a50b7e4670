package dev.baton.ui;

import dev.baton.handoff.BundleWriter;
import dev.baton.incident.IncidentEvent;
import dev.baton.incident.TimelineEvent;
import dev.baton.session.HandoffRunbooks;
import dev.baton.session.Handoffs;
import dev.baton.session.IncidentSession;
import dev.baton.session.IncidentSnapshot;
import dev.baton.ui.incident.HandoffBanner;
import dev.baton.ui.incident.IncidentPane;
import dev.baton.ui.runbook.RunbookView;
import java.util.List;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Keeps the window in step with the open incident: the ticks of a reopened one on the runbook page, the
 * handoff banner, notes and terminals read-only while handed off, the nodes it was handed over with, the runbooks a continued incident was using, and the
 * session's messages in the status bar.
 * Told on the incident's thread; every change to the window is made on the FX thread.
 */
final class OpenIncidentListener implements IncidentSession.Listener {
    private final IncidentSession session;
    private final RunbookView runbook;
    private final HandoffBanner banner;
    private final IncidentPane incident;
    private final Consumer<String> say;
    private final Consumer<Handoffs.HandedOffNodes> handedOffNodes;
    private final HandedOffTerminals terminals;
    private final java.util.function.BiConsumer<HandoffRunbooks.Snapshots, Runnable> runbooks;

    /** @param runbooks given the open incident's runbook copies from its bundle, and what to do once they are shown */
    OpenIncidentListener(IncidentSession session, RunbookView runbook, HandoffBanner banner, IncidentPane incident,
            Consumer<String> say, Consumer<Handoffs.HandedOffNodes> handedOffNodes, HandedOffTerminals terminals,
            java.util.function.BiConsumer<HandoffRunbooks.Snapshots, Runnable> runbooks) {
        this.runbooks = runbooks;
        this.session = session;
        this.runbook = runbook;
        this.banner = banner;
        this.incident = incident;
        this.say = say;
        this.handedOffNodes = handedOffNodes;
        this.terminals = terminals;
    }

    @Override
    public void reopened(IncidentSnapshot now) {
        Handoffs.HandedOffNodes handed = handedOff(now);
        HandoffRunbooks.Snapshots copies = copies(now);
        Platform.runLater(() -> {
            if (!handed.nodes().isEmpty()) {
                handedOffNodes.accept(handed);
            }
            handed.refused().forEach(say);
            copies.refused().forEach(say);
            runbook.setTicked(now.ticked());
            // The sender's runbooks reopen once the copies the receiver lacks are in the library.
            runbooks.accept(copies, () -> handoffChanged(now.events(), true));
        });
    }

    /** The runbook copies a continued incident's bundle carried, read here on the incident's thread. */
    private HandoffRunbooks.Snapshots copies(IncidentSnapshot now) {
        try {
            return now == null ? HandoffRunbooks.Snapshots.NONE : HandoffRunbooks.read(now.folder());
        } catch (java.io.IOException | RuntimeException e) {
            say.accept("The runbooks the handoff carried could not be read: " + e.getMessage());
            return HandoffRunbooks.Snapshots.NONE;
        }
    }

    /** The nodes a continued incident was handed over with, read here on the incident's thread. */
    private Handoffs.HandedOffNodes handedOff(IncidentSnapshot now) {
        try {
            return Handoffs.handedOffNodes(now.folder());
        } catch (java.io.IOException | RuntimeException e) {
            say.accept("The handed-off nodes could not be read: " + e.getMessage());
            return new Handoffs.HandedOffNodes(List.of(), List.of());
        }
    }

    @Override
    public void switched(IncidentSnapshot now) {
        List<TimelineEvent> events = now == null ? List.of() : now.events();
        HandoffRunbooks.Snapshots copies = copies(now);
        Platform.runLater(() -> {
            runbooks.accept(copies, () -> { });
            handoffChanged(events, false);
        });
    }

    @Override
    public void recorded(TimelineEvent event) {
        if (event.type().startsWith("handoff.")) {
            session.snapshot().thenAccept(now -> Platform.runLater(() -> handoffChanged(
                    now.map(IncidentSnapshot::events).orElse(List.of()), false)));
        }
    }

    @Override
    public void told(String message) {
        say.accept(message);
    }

    /**
     * The handoff notice over the panes, and the notes read-only on a copy handed off. A continued incident (its
     * last event the handover) also reopens the runbooks the sender used, the last one shown.
     */
    private void handoffChanged(List<TimelineEvent> events, boolean reopened) {
        var notice = Handoffs.notice(events);
        banner.show(notice);
        boolean handedOff = notice.map(Handoffs.Notice::handedOff).orElse(false);
        incident.setReadOnly(handedOff);
        runbook.setHandedOff(handedOff);
        terminals.set(handedOff);
        if (reopened && !events.isEmpty()
                && events.get(events.size() - 1).typed() instanceof IncidentEvent.HandoffImported) {
            BundleWriter.runbooksUsed(events).forEach(runbook::open);
        }
    }
}
