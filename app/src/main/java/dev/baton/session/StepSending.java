package dev.baton.session;

import dev.baton.incident.IncidentEvent;
import dev.baton.incident.Secrets;
import dev.baton.incident.TimelineEvent;
import dev.baton.runbook.Runbook;
import dev.baton.runbook.Step;
import dev.baton.step.SendPlan;
import dev.baton.step.StepSender;
import dev.baton.terminal.KeyboardTap;
import dev.baton.terminal.LastCommandOutput;
import dev.baton.terminal.ScreenText;
import dev.baton.terminal.TerminalSession;
import dev.baton.terminal.TypedLine;
import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Sends a step to a terminal: the plan (placeholders filled, controls stripped, Enter withheld from a
 * flagged step), then the bytes, then the record of it in the incident. A step typed without Enter is
 * followed through the responder's keys in that terminal until it runs or is abandoned, and the record
 * says which; the text of the last step that ran in each terminal is kept for "Capture last command".
 */
public final class StepSending {
    private final StepSender sender = new StepSender();
    private final IncidentSession incident;
    private final Executor background;
    /** Per terminal: the typed step still waiting for the responder. */
    private final Map<KeyboardTap, Watch> waiting = Collections.synchronizedMap(new WeakHashMap<>());
    /** Per terminal: the last step that ran there. */
    private final Map<KeyboardTap, Ran> lastRun = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * A step that ran in a terminal.
     *
     * @param typed    the line as the shell received it (values filled), to find it on the screen
     * @param recorded the same with secret values masked, as the record and the notes hold it
     */
    public record Ran(String typed, String recorded) {}

    public StepSending(IncidentSession incident, Executor background) {
        this.incident = incident;
        this.background = background;
    }

    /** Why the step cannot be sent at all (not a command), or empty. */
    public static String notRunnable(Step step) {
        return step.runnable() ? "" : "Step " + step.number() + " is " + step.kind().name().toLowerCase(java.util.Locale.ROOT)
                + ", not a command; use Copy";
    }

    /**
     * Why the step cannot run on nodes over SSH exec, or empty: a client session is typed at a client's prompt,
     * which only a terminal shows.
     */
    public static String notForNodes(Step step) {
        String notRunnable = notRunnable(step);
        if (!notRunnable.isEmpty() || step.runsOnNodes()) {
            return notRunnable;
        }
        return "Step " + step.number() + " opens " + step.session().client() + " and types lines at its prompt;"
                + " that needs a terminal: use Run or Run in…, not Run on node";
    }

    public SendPlan plan(Step step, Map<String, String> values, boolean bracketedPaste) {
        return plan(step, values, java.util.Set.of(), bracketedPaste);
    }

    /** As {@link #plan(Step, Map, boolean)}, the values named in {@code literal} (an alert's labels) quoted for the shell. */
    public SendPlan plan(Step step, Map<String, String> values, java.util.Set<String> literal, boolean bracketedPaste) {
        // A session's lines are typed one at a time at the client's prompt, never pasted as one script: planned
        // as if pasted, for the warnings, the confirmation and the text shown.
        SendPlan plan = sender.plan(step.command(), values, literal,
                dev.baton.step.ConfirmPolicy.declared(step.warnings()), bracketedPaste || step.session() != null);
        if (step.session() != null && !plan.refused()) {
            // Inside a client (redis-cli, psql, python) no shell quoting holds, and its first line is typed as is:
            // an alert's value is filled there only when it is a plain word, which reads the same everywhere.
            java.util.List<String> used = new java.util.ArrayList<>(dev.baton.step.Placeholders.find(step.command()));
            used.addAll(dev.baton.step.ShellQuoting.variableReferences(step.command()));
            for (String name : literal) {
                String value = values.get(name);
                if (value != null && used.contains(name) && dev.baton.step.ShellQuoting.needsQuoting(value)) {
                    return new SendPlan("", false, plan.shownText(), true, false, "The alert's value for " + name
                            + " is not typed into " + step.session().client() + ": it holds characters the client or"
                            + " the shell could read as syntax. Type the value yourself, or copy the step and edit it.",
                            plan.warnings());
                }
            }
        }
        return plan;
    }

    /** As {@link #send(Runbook, Step, SendPlan, Map, String, TerminalSession, KeyboardTap)}, without following the keys. */
    public CompletableFuture<Void> send(Runbook runbook, Step step, SendPlan plan, Map<String, String> values,
            String terminalName, TerminalSession terminal) {
        return send(runbook, step, plan, values, terminalName, terminal, null);
    }

    /**
     * Writes the planned text into the terminal off the caller's thread and records it. The future completes
     * once the bytes are written and the step is recorded, so what the session tells while recording (the
     * incident the first step started) comes before the caller says the step was sent. A record that fails
     * does not fail the send: the bytes are in the terminal, and the session tells of the failure itself.
     *
     * @param keyboard what the responder types into that terminal, or null when nobody types there
     */
    public CompletableFuture<Void> send(Runbook runbook, Step step, SendPlan plan, Map<String, String> values,
            String terminalName, TerminalSession terminal, KeyboardTap keyboard) {
        return send(runbook, step, plan, values, terminalName, terminal, keyboard, null);
    }

    /**
     * As {@link #send(Runbook, Step, SendPlan, Map, String, TerminalSession, KeyboardTap)}; a client session step
     * is typed line by line, each once {@code screen} shows the client's prompt (see {@link ClientTyping}).
     *
     * @param screen the terminal's screen as text, or null when it cannot be read (a session step is then refused)
     */
    public CompletableFuture<Void> send(Runbook runbook, Step step, SendPlan plan, Map<String, String> values,
            String terminalName, TerminalSession terminal, KeyboardTap keyboard,
            java.util.function.Supplier<ScreenText> screen) {
        if (step.session() != null) {
            return sendSession(runbook, step, plan, values, terminalName, terminal, screen);
        }
        if (plan.refused()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(plan.refusal()));
        }
        return CompletableFuture.supplyAsync(() -> {
            // A copy handed off to someone else takes no steps: refused before a byte reaches the terminal.
            incident.handedOff().join().ifPresent(exported -> {
                throw new IncidentSession.HandedOff(exported);
            });
            String text = SendPlan.unbracketed(plan.payload());
            String line = text.strip();
            Watch watch = null;
            if (keyboard != null) {
                Watch before = waiting.remove(keyboard);
                if (before != null) {
                    before.decide(TypedLine.Outcome.abandoned("step " + step.number() + " typed onto its line"));
                }
                if (!plan.submits()) {
                    watch = new Watch(runbook, step.number(), terminalName, line, values, keyboard);
                    waiting.put(keyboard, watch);
                    keyboard.addListener(watch);
                }
            }
            try {
                terminal.connector().write(plan.payload());
            } catch (IOException e) {
                if (watch != null) {
                    watch.stop();
                }
                throw new CompletionException(new IOException("Could not write to " + terminalName + ": "
                        + e.getMessage(), e));
            }
            CompletableFuture<TimelineEvent> sent = incident.stepTyped(runbook, step.number(), text, terminalName,
                    values, plan.submits());
            if (watch != null) {
                watch.recordedAs(sent);
            } else if (keyboard != null) {
                lastRun.put(keyboard, new Ran(line, Secrets.redact(line, values)));
            }
            return sent;
        }, background).thenCompose(sent -> sent.handle((recorded, notRecorded) -> null));
    }

    private CompletableFuture<Void> sendSession(Runbook runbook, Step step, SendPlan plan, Map<String, String> values,
            String terminalName, TerminalSession terminal, java.util.function.Supplier<ScreenText> screen) {
        if (plan.refused()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(plan.refusal()));
        }
        if (screen == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("Step " + step.number() + " opens "
                    + step.session().client() + " and types at its prompt, which Baton cannot read in " + terminalName));
        }
        return CompletableFuture.supplyAsync(() -> {
            incident.handedOff().join().ifPresent(exported -> {
                throw new IncidentSession.HandedOff(exported);
            });
            String typed;
            try {
                typed = new ClientTyping(screen, terminal.connector(), CLIENT_PATIENCE)
                        .type(step.session(), values, plan.submits());
            } catch (IOException e) {
                throw new CompletionException(new IOException("Step " + step.number() + " in " + terminalName + ": "
                        + e.getMessage(), e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            }
            return incident.stepTyped(runbook, step.number(), typed, terminalName, values, plan.submits());
        }, background).thenCompose(sent -> sent.handle((recorded, notRecorded) -> null));
    }

    /** How long a client may take to show its prompt: a pod's shell or a database across the world is slow. */
    static final java.time.Duration CLIENT_PATIENCE = java.time.Duration.ofSeconds(
            Long.getLong("baton.clientPromptSeconds", 20));

    /**
     * Stops the responder's keys in one terminal of a handed-off incident, and clears from its prompt line a step
     * Baton typed there that has not run: Ctrl+E Ctrl+U moves to the end of the line and kills it, in
     * bash/readline and in a tty's own line editing alike, without running anything. A terminal where no step
     * waits gets no byte: whatever runs there is left alone (no Ctrl+C, which would interrupt it).
     *
     * @return whether a waiting step was cleared
     */
    public CompletableFuture<Boolean> stopInput(KeyboardTap keyboard, TerminalSession terminal) {
        keyboard.setLocked(true);
        Watch typed = waiting.remove(keyboard);
        if (typed == null) {
            return CompletableFuture.completedFuture(false);
        }
        typed.stop();
        return CompletableFuture.supplyAsync(() -> {
            try {
                terminal.connector().write(CLEAR_LINE);
                return true;
            } catch (IOException e) {
                throw new CompletionException(new IOException("Could not clear the typed step: " + e.getMessage(), e));
            }
        }, background);
    }

    /** Lets the responder's keys reach the terminal again (the incident was taken back). */
    public void resumeInput(KeyboardTap keyboard) {
        keyboard.setLocked(false);
    }

    /** Ctrl+E, Ctrl+U: to the end of the line, then kill it back to the prompt. */
    static final String CLEAR_LINE = "\u0005\u0015";

    /** The last step that ran in the terminal {@code keyboard} belongs to, if Baton knows of one. */
    public Optional<Ran> lastRun(KeyboardTap keyboard) {
        return Optional.ofNullable(lastRun.get(keyboard));
    }

    /**
     * The last command in a terminal and its output. When the last thing run there was a step Baton sent, its
     * text is the command and only what follows it is output (a step of several lines is one command);
     * otherwise the command is read off the screen after the prompt.
     */
    public Optional<LastCommandOutput> lastCommand(KeyboardTap keyboard, ScreenText screen) {
        Optional<Ran> ran = keyboard == null ? Optional.empty() : lastRun(keyboard);
        if (ran.isPresent()) {
            Optional<LastCommandOutput> step = LastCommandOutput.afterSent(screen.lines(), screen.cursorRow(),
                    screen.cursorColumn(), ran.get().typed());
            if (step.isPresent()) {
                return Optional.of(new LastCommandOutput(ran.get().recorded(), step.get().output()));
            }
        }
        return LastCommandOutput.find(screen.lines(), screen.cursorRow(), screen.cursorColumn());
    }

    /** A typed step, read through the responder's keys until its fate is known; then recorded once. */
    private final class Watch implements Consumer<String> {
        private final Runbook runbook;
        private final int step;
        private final String terminal;
        private final String line;
        private final Map<String, String> values;
        private final KeyboardTap keyboard;
        private final TypedLine typed;
        private CompletableFuture<TimelineEvent> sent;
        private TypedLine.Outcome decided;

        Watch(Runbook runbook, int step, String terminal, String line, Map<String, String> values,
                KeyboardTap keyboard) {
            this.runbook = runbook;
            this.step = step;
            this.terminal = terminal;
            this.line = line;
            this.values = Map.copyOf(values);
            this.keyboard = keyboard;
            this.typed = new TypedLine(line);
        }

        @Override
        public synchronized void accept(String keys) {
            if (decided == null) {
                typed.keys(keys).ifPresent(this::decide);
            }
        }

        synchronized void recordedAs(CompletableFuture<TimelineEvent> line) {
            sent = line;
            if (decided != null) {
                record();
            }
        }

        synchronized void decide(TypedLine.Outcome outcome) {
            if (decided != null) {
                return;
            }
            decided = outcome;
            stop();
            if (outcome.fate() == TypedLine.Fate.RUN) {
                String ran = outcome.line().orElse(line);
                lastRun.put(keyboard, new Ran(ran, Secrets.redact(ran, values)));
            }
            if (sent != null) {
                record();
            }
        }

        void stop() {
            keyboard.removeListener(this);
            waiting.remove(keyboard, this);
        }

        private void record() {
            String id = runbook == null ? "" : runbook.id();
            sent.thenAccept(line -> incident.stepOutcome(decided.fate() == TypedLine.Fate.RUN
                    ? new IncidentEvent.StepEntered(id, step, terminal, decided.line().orElse(this.line),
                            decided.edited(), line.seq())
                    : new IncidentEvent.StepAbandoned(id, step, terminal, this.line, decided.reason(), line.seq()),
                    values));
        }
    }
}
