package dev.baton.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.incident.IncidentStore;
import dev.baton.runbook.Step;
import dev.baton.runbook.StepKind;
import dev.baton.step.SendPlan;
import dev.baton.terminal.KeyboardTap;
import dev.baton.terminal.LocalShellSession;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window's way of sending a step (the session's {@link StepSending}) with an alert's value: into a real
 * interactive bash on a pty, with history expansion on, the value is printed, never run; where it cannot be
 * quoted, nothing is sent.
 */
class AlertValuesSentTest {
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
        pty = ShellOnPty.start(dir, "PS1='ready$ '\nset -H\n", "ready$ ", true);
        shell = pty.shell;
        keyboard = pty.keyboard;
    }

    @AfterEach
    void stop() {
        pty.close();
        session.close();
        executor.shutdownNow();
    }

    private static Step step(String command) {
        return new Step(2, List.of("Look"), "", "bash", StepKind.SHELL, command, List.of("pod"), List.of(), 1);
    }

    @Test
    void aLabelInEveryQuotingContextIsPrintedByTheShellNotRunNorHistoryExpanded() throws Exception {
        keyboard.write("echo earlier\r"); // "!!" would now expand to this line where it is not quoted
        until(() -> pty.output().matches("(?s).*earlier\r\n.*ready\\$ "));
        String label = "api $(touch ran) `touch ran` it's \"x\" !! !#:s/a/b/ \\";
        StepSending sending = new StepSending(session, executor);
        Step step = step("printf 'got:%s:end\\n' <pod> 'in <pod>' \"in <pod>\" $'in <pod>' \"$(printf '%s' <pod>)\""
                + " \"`printf '%s' <pod>`\" \"$(printf '%s' \"in <pod>\")\"");
        SendPlan plan = sending.plan(step, Map.of("pod", label), Set.of("pod"), false);
        assertThat(plan.refused()).isFalse();
        assertThat(plan.mustShow()).as("a value that needed quoting is shown first").isTrue();

        sending.send(null, step, plan, Map.of("pod", label), "Local 1", shell, keyboard).get(10, TimeUnit.SECONDS);

        String line = "got:" + label + ":end\r\n";
        String in = "got:in " + label + ":end\r\n";
        until(() -> pty.output().contains(line + in + in + in + line + line + in));
        assertThat(dir.resolve("ran")).doesNotExist();
    }

    @Test
    void aLabelThatCouldEndAHereDocumentIsNotSent() throws Exception {
        StepSending sending = new StepSending(session, executor);
        Step step = step("cat <<EOF\n<pod>\nEOF");

        SendPlan plan = sending.plan(step, Map.of("pod", "x\nEOF\ntouch ran"), Set.of("pod"), true);

        assertThat(plan.refused()).isTrue();
        assertThat(plan.refusal()).contains("<pod>", "here-document", "line break");
        assertThat(plan.payload()).isEmpty();
    }

    private void until(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        pty.waitFor(condition, pty::output);
    }
}
