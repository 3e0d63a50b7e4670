package dev.baton.session;

import dev.baton.runbook.Runbook;
import dev.baton.runbook.Step;
import dev.baton.step.SendPlan;
import dev.baton.step.StepSender;
import dev.baton.terminal.TerminalSession;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Sends a step to a terminal: the plan (placeholders filled, controls stripped, Enter withheld from a
 * flagged step), then the bytes, then the record of it in the incident.
 */
public final class StepSending {
    private final StepSender sender = new StepSender();
    private final IncidentSession incident;
    private final Executor background;

    public StepSending(IncidentSession incident, Executor background) {
        this.incident = incident;
        this.background = background;
    }

    /** Why the step cannot be sent at all (not a command), or empty. */
    public static String notRunnable(Step step) {
        return step.runnable() ? "" : "Step " + step.number() + " is " + step.kind().name().toLowerCase(java.util.Locale.ROOT)
                + ", not a command; use Copy";
    }

    public SendPlan plan(Step step, Map<String, String> values, boolean bracketedPaste) {
        return sender.plan(step.command(), values, bracketedPaste);
    }

    /** As {@link #plan(Step, Map, boolean)}, the values named in {@code literal} (an alert's labels) quoted for the shell. */
    public SendPlan plan(Step step, Map<String, String> values, java.util.Set<String> literal, boolean bracketedPaste) {
        return sender.plan(step.command(), values, literal, bracketedPaste);
    }

    /**
     * Writes the planned text into the terminal off the caller's thread and records it. The future
     * completes once the bytes are written; the record follows on the incident's thread.
     */
    public CompletableFuture<Void> send(Runbook runbook, Step step, SendPlan plan, Map<String, String> values,
            String terminalName, TerminalSession terminal) {
        if (plan.refused()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(plan.refusal()));
        }
        return CompletableFuture.runAsync(() -> {
            try {
                terminal.connector().write(plan.payload());
            } catch (IOException e) {
                throw new CompletionException(new IOException("Could not write to " + terminalName + ": "
                        + e.getMessage(), e));
            }
            incident.stepSent(runbook, step.number(), SendPlan.unbracketed(plan.payload()), terminalName, values);
        }, background);
    }
}
