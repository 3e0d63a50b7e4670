package dev.baton.ui;

import dev.baton.runbook.Runbook;
import dev.baton.session.IncidentSession;
import dev.baton.session.Recordings;
import dev.baton.session.StepSending;
import dev.baton.ui.terminal.TerminalTabs;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the menus do to the active terminal tab: capture its selection or its last command into the notes,
 * record it as an asciicast, change its text size. With no terminal open each does nothing.
 */
public final class ActiveTerminal {

    private final TerminalTabs terminals;
    private final IncidentSession session;
    private final StepSending sending;
    private final Background background;
    private final Consumer<String> status;
    private final Consumer<String> toNotes;
    private final Supplier<Runbook> shownRunbook;

    /**
     * @param toNotes      where a capture's Markdown block goes (the end of the notes)
     * @param shownRunbook names the incident a recording starts, when none is open
     */
    ActiveTerminal(TerminalTabs terminals, IncidentSession session, StepSending sending, Background background,
            Consumer<String> status, Consumer<String> toNotes, Supplier<Runbook> shownRunbook) {
        this.terminals = terminals;
        this.session = session;
        this.sending = sending;
        this.background = background;
        this.status = status;
        this.toNotes = toNotes;
        this.shownRunbook = shownRunbook;
    }

    /** The terminal's selected text into the notes, as a capture. */
    public void captureSelection() {
        terminals.active().ifPresent(tab -> {
            String selected = tab.widget().selectedText();
            if (selected.isBlank()) {
                status.accept("Select text in " + tab.name() + " first, then capture it");
                return;
            }
            background.onFx(session.capture("selection", tab.name(), "", "", Instant.now(), selected, null),
                    "Not captured", toNotes);
        });
    }

    /** The last command in the active terminal (the step Baton sent, if it was the last), with its output, into the notes. */
    public void captureLastCommand() {
        terminals.active().ifPresent(tab -> sending.lastCommand(tab.keyboard(), tab.widget().screen()).ifPresentOrElse(
                last -> background.onFx(session.capture("last-command", tab.name(), last.command(), "", Instant.now(),
                        last.output(), null), "Not captured", toNotes),
                () -> status.accept("No finished command found above the prompt in " + tab.name())));
    }

    /** Starts or stops an asciicast recording of the active terminal, kept in the incident folder. */
    public void toggleRecording() {
        terminals.active().ifPresent(tab -> {
            if (tab.isRecording()) {
                int masked = tab.stopRecording();
                status.accept("Stopped recording " + tab.name() + (masked == 0 ? ""
                        : " (" + masked + (masked == 1 ? " secret" : " secrets") + " masked in it)"));
                return;
            }
            String name = tab.name();
            int columns = tab.widget().columns();
            int rows = tab.widget().rows();
            var recording = session.record(shownRunbook.get(), open -> Recordings.start(
                    open.folder().resolve(dev.baton.incident.RecordingFiles.name(Instant.now(), name)), columns, rows, name));
            background.onFx(recording, "Could not record " + name, recorder -> {
                tab.record(recorder);
                status.accept("Recording " + name + " (what it shows, not what you type)");
            });
        });
    }

    /** Larger (1), smaller (-1) or the default text size (0). */
    public void zoom(int steps) {
        terminals.active().ifPresent(tab -> tab.widget().zoom(steps));
    }
}
