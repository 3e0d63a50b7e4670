package dev.baton.ui;

import dev.baton.session.StepSending;
import dev.baton.ui.terminal.TerminalTab;
import dev.baton.ui.terminal.TerminalTabs;
import java.util.function.Consumer;

/**
 * The sender's terminals while their incident is handed off: read-only, with a banner over each, and a step
 * Baton typed but that has not run cleared from its prompt line, so nothing the sender does reaches a node
 * until they take the incident back. Called on the FX thread.
 */
final class HandedOffTerminals {
    static final String REASON = "Read-only: you handed this incident off. Nothing typed or pasted here reaches"
            + " the shell until you take it back (Incident ▸ Take back, Ctrl+Shift+B). You can still read and scroll.";

    private final TerminalTabs terminals;
    private final StepSending sending;
    private final Consumer<String> say;
    private boolean handedOff;

    HandedOffTerminals(TerminalTabs terminals, StepSending sending, Consumer<String> say) {
        this.terminals = terminals;
        this.sending = sending;
        this.say = say;
    }

    void set(boolean now) {
        if (now == handedOff) {
            return;
        }
        handedOff = now;
        terminals.setReadOnly(now ? REASON : null);
        if (now) {
            for (TerminalTab tab : terminals.all()) {
                sending.stopInput(tab.keyboard(), tab.session()).whenComplete((cleared, failure) -> {
                    if (failure != null) {
                        say.accept(tab.name() + ": " + failure.getCause().getMessage());
                    } else if (cleared) {
                        say.accept("The step typed in " + tab.name() + " was cleared from its line, not run.");
                    }
                });
            }
        } else {
            terminals.all().forEach(tab -> sending.resumeInput(tab.keyboard()));
        }
    }
}
