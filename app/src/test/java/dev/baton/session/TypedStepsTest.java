package dev.baton.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.incident.IncidentEvent;
import dev.baton.incident.IncidentStore;
import dev.baton.incident.TimelineEvent;
import dev.baton.runbook.Step;
import dev.baton.runbook.StepKind;
import dev.baton.step.SendPlan;
import dev.baton.terminal.KeyboardTap;
import dev.baton.terminal.LocalShellSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A destructive step is typed into a real shell on a pty and left for the responder: what their keys do
 * next (Ctrl+C, or Enter) is what the record says, and the file system agrees.
 */
class TypedStepsTest {
    @TempDir
    Path dir;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private IncidentSession session;
    private ShellOnPty pty;
    private KeyboardTap keyboard;
    private LocalShellSession shell;

    @BeforeEach
    void start() throws Exception {
        session = new IncidentSession(new IncidentStore(dir.resolve("data")), "ana");
        pty = ShellOnPty.start(dir, "PS1='ready$ '\n", "ready$ ", true);
        shell = pty.shell;
        keyboard = pty.keyboard;
    }

    @AfterEach
    void stop() {
        pty.close();
        session.close();
        executor.shutdownNow();
    }

    @Test
    void aTypedStepThatTheResponderCancelsIsRecordedAbandonedAndDidNotRun() throws Exception {
        Path victim = Files.writeString(dir.resolve("victim.log"), "keep me");
        StepSending sending = new StepSending(session, executor);
        Step step = new Step(4, List.of("Free space"), "", "bash", StepKind.SHELL, "rm -rf " + victim,
                List.of(), List.of(), 1);
        SendPlan plan = sending.plan(step, Map.of(), false);
        assertThat(plan.submits()).as("a destructive step is typed, not run").isFalse();

        sending.send(null, step, plan, Map.of(), "Local 1", shell, keyboard).get(10, TimeUnit.SECONDS);
        until(() -> pty.output().contains("rm -rf " + victim));
        keyboard.write("\u0003");
        until(() -> types().contains("step.abandoned"));
        session.drain();

        List<TimelineEvent> events = events();
        IncidentEvent.StepSent sent = (IncidentEvent.StepSent) events.stream().map(TimelineEvent::typed)
                .filter(IncidentEvent.StepSent.class::isInstance).findFirst().orElseThrow();
        assertThat(sent.submitted()).isFalse();
        TimelineEvent abandoned = events.get(events.size() - 1);
        assertThat(abandoned.typed()).isEqualTo(new IncidentEvent.StepAbandoned("", 4, "Local 1", "rm -rf " + victim,
                "Ctrl+C", events.stream().filter(e -> e.type().equals("step.sent")).findFirst().orElseThrow().seq()));
        keyboard.write("echo af''ter\r");
        until(() -> pty.output().contains("after"));
        assertThat(victim).exists();
        assertThat(types()).doesNotContain("step.entered");
    }

    @Test
    void enterInThatTerminalRunsItAndTheRecordSaysSo() throws Exception {
        Path victim = Files.writeString(dir.resolve("victim.log"), "delete me");
        StepSending sending = new StepSending(session, executor);
        Step step = new Step(4, List.of("Free space"), "", "bash", StepKind.SHELL, "rm -rf " + victim,
                List.of(), List.of(), 1);
        sending.send(null, step, sending.plan(step, Map.of(), false), Map.of(), "Local 1", shell, keyboard)
                .get(10, TimeUnit.SECONDS);
        until(() -> pty.output().contains("rm -rf " + victim));
        keyboard.write("\r");
        until(() -> !Files.exists(victim));
        until(() -> types().contains("step.entered"));
        IncidentEvent entered = events().get(events().size() - 1).typed();
        assertThat(entered).isInstanceOf(IncidentEvent.StepEntered.class);
        assertThat(((IncidentEvent.StepEntered) entered).edited()).isFalse();
        assertThat(((IncidentEvent.StepEntered) entered).text()).isEqualTo("rm -rf " + victim);
        assertThat(sending.lastRun(keyboard)).map(StepSending.Ran::typed).contains("rm -rf " + victim);
    }

    @Test
    void aStepBatonRunsItselfIsRecordedRunAtOnce() throws Exception {
        StepSending sending = new StepSending(session, executor);
        Step step = new Step(1, List.of("Look"), "", "bash", StepKind.SHELL, "echo $((6*7))looked", List.of(), List.of(), 1);
        sending.send(null, step, sending.plan(step, Map.of(), false), Map.of(), "Local 1", shell, keyboard)
                .get(10, TimeUnit.SECONDS);
        until(() -> pty.output().contains("42looked"));
        session.drain();
        assertThat(events()).map(TimelineEvent::typed).filteredOn(IncidentEvent.StepSent.class::isInstance)
                .singleElement().satisfies(e -> assertThat(((IncidentEvent.StepSent) e).submitted()).isTrue());
    }

    /**
     * The first step starts the incident, and the session says so; the step is said sent after that, so the
     * window's status bar ends on the step, not on the incident it started.
     */
    @Test
    void aSendIsDoneOnlyOnceItsStepIsRecorded() throws Exception {
        List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        session.addListener(new IncidentSession.Listener() {
            @Override
            public void told(String message) {
                try {
                    Thread.sleep(300); // a slow disk under the new incident
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                told.add(message);
            }
        });
        StepSending sending = new StepSending(session, executor);
        Step step = new Step(1, List.of("Look"), "", "bash", StepKind.SHELL, "echo first", List.of(), List.of(), 1);
        sending.send(null, step, sending.plan(step, Map.of(), false), Map.of(), "Local 1", shell, keyboard)
                .get(10, TimeUnit.SECONDS);
        assertThat(told).containsExactly("Incident \"Incident\"");
        assertThat(types()).contains("step.sent");
    }

    private List<TimelineEvent> events() throws Exception {
        return session.snapshot().get(10, TimeUnit.SECONDS).orElseThrow().events();
    }

    private List<String> types() throws Exception {
        return events().stream().map(TimelineEvent::type).toList();
    }

    private void until(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        pty.waitFor(condition, () -> pty.output() + "\nthe timeline: "
                + session.snapshot().join().map(IncidentSnapshot::events).orElse(List.of()));
    }
}
