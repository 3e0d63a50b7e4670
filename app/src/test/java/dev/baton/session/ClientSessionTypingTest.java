package dev.baton.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.incident.IncidentEvent;
import dev.baton.incident.IncidentStore;
import dev.baton.incident.TimelineEvent;
import dev.baton.runbook.Runbook;
import dev.baton.runbook.RunbookLibrary;
import dev.baton.runbook.Step;
import dev.baton.runbook.StepKind;
import dev.baton.step.SendPlan;
import dev.baton.terminal.LocalShellSession;
import dev.baton.terminal.ScreenText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client session steps typed into a real shell on a real pty: the client is started, and each inner line is
 * typed only once the client's prompt is on the screen.
 */
class ClientSessionTypingTest {
    @TempDir
    Path dir;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private IncidentSession session;
    private ShellOnPty pty;
    private LocalShellSession shell;

    @BeforeEach
    void start() throws Exception {
        session = new IncidentSession(new IncidentStore(dir.resolve("data")), "ana");
        // The outer prompt is not exported: a shell started inside shows its own.
        pty = ShellOnPty.start(dir, "PS1='outer$ '\nexport PYTHON_BASIC_REPL=1\n", "outer$ ", false);
        shell = pty.shell;
    }

    @AfterEach
    void stop() {
        pty.close();
        session.close();
        executor.shutdownNow();
    }

    @Test
    void aPythonSessionIsStartedAndItsLineTypedAtThePrompt() throws Exception {
        Step step = step("""
                ```console
                $ python3
                >>> print(6*7)
                42
                >>> exit()
                ```
                """);
        assertThat(step.kind()).isEqualTo(StepKind.SESSION);
        assertThat(step.expectedOutput()).isEqualTo("42");
        StepSending sending = new StepSending(session, executor);
        sending.send(null, step, sending.plan(step, Map.of(), false), Map.of(), "Local 1", shell, null, this::screen)
                .get(30, TimeUnit.SECONDS);
        until(() -> lines().contains("42") && screen().lines().get(screen().cursorRow()).startsWith("outer$"));
        assertThat(lines()).contains(">>> print(6*7)");
        session.drain();
        IncidentEvent.StepSent sent = (IncidentEvent.StepSent) events().stream().map(TimelineEvent::typed)
                .filter(IncidentEvent.StepSent.class::isInstance).findFirst().orElseThrow();
        assertThat(sent.text()).isEqualTo("python3\nprint(6*7)\nexit()");
    }

    @Test
    void aShellInsideTheShellGetsItsCommandsOnceItsOwnPromptShows() throws Exception {
        Step step = step("""
                ```bash
                sh
                echo inner-$((6*7))
                exit
                ```
                """);
        assertThat(step.kind()).isEqualTo(StepKind.SESSION);
        StepSending sending = new StepSending(session, executor);
        sending.send(null, step, sending.plan(step, Map.of(), false), Map.of(), "Local 1", shell, null, this::screen)
                .get(30, TimeUnit.SECONDS);
        until(() -> lines().contains("inner-42"));
    }

    @Test
    void aClientThatShowsNoPromptStopsTheTypingAndTheInnerLinesNeverReachTheShell() throws Exception {
        Step step = step("""
                ```console
                $ redis-cli -h 127.0.0.1 -p 1
                127.0.0.1:1> FLUSHALL
                ```
                """);
        assertThat(step.kind()).isEqualTo(StepKind.SESSION);
        Path marker = dir.resolve("flushall-ran");
        // Were FLUSHALL typed at the shell's prompt, this function would leave a file behind.
        shell.connector().write("FLUSHALL() { touch " + marker + "; }\r");
        until(() -> pty.output().split("outer\\$ ", -1).length > 2);
        ClientTyping typing = new ClientTyping(this::screen, shell.connector(), Duration.ofSeconds(3));
        assertThatThrownBy(() -> typing.type(step.session(), Map.of(), true))
                .isInstanceOf(ClientTyping.NoPrompt.class)
                .hasMessageContaining("redis-cli showed no prompt within 3 s after it was started; not typed: FLUSHALL");
        shell.connector().write("echo still-here\r");
        until(() -> lines().contains("still-here"));
        assertThat(marker).doesNotExist();
    }

    @Test
    void anAlertsValueThatIsNotAPlainWordIsNeitherTypedIntoTheClientNorIntoTheShell() throws Exception {
        Step step = step("""
                ```bash
                sh
                echo pod-{{pod}}
                exit
                ```
                """);
        assertThat(step.kind()).isEqualTo(StepKind.SESSION);
        Path marker = dir.resolve("label-ran");
        StepSending sending = new StepSending(session, executor);
        Map<String, String> hostile = Map.of("pod", "x; touch " + marker);
        SendPlan plan = sending.plan(step, hostile, java.util.Set.of("pod"), false);
        assertThat(plan.refused()).isTrue();
        assertThat(plan.refusal()).contains("The alert's value for pod is not typed into a shell");
        assertThatThrownBy(() -> sending.send(null, step, plan, hostile, "Local 1", shell, null, this::screen)
                .get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasMessageContaining("is not typed into a shell");
        shell.connector().write("echo still-here\r");
        until(() -> lines().contains("still-here"));
        assertThat(marker).doesNotExist();

        Map<String, String> plain = Map.of("pod", "checkout-7d9f");
        sending.send(null, step, sending.plan(step, plain, java.util.Set.of("pod"), false), plain, "Local 1", shell,
                null, this::screen).get(30, TimeUnit.SECONDS);
        until(() -> lines().contains("pod-checkout-7d9f"));
    }

    @Test
    void withoutAScreenToReadASessionIsRefused() throws Exception {
        Step step = step("```console\n$ python3\n>>> print(1)\n```\n");
        StepSending sending = new StepSending(session, executor);
        assertThatThrownBy(() -> sending.send(null, step, sending.plan(step, Map.of(), false), Map.of(), "Local 1",
                shell, null).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasMessageContaining("types at its prompt, which Baton cannot read in Local 1");
        assertThat(StepSending.notForNodes(step)).isEqualTo(
                "Step 1 opens python and types lines at its prompt; that needs a terminal: use Run or Run in…, not Run on node");
    }

    private Step step(String block) throws Exception {
        Path library = Files.createDirectories(dir.resolve("library"));
        Files.writeString(library.resolve("cache.md"), "# Cache\n\n" + block);
        Runbook runbook = RunbookLibrary.load(library).runbooks().get(0);
        return runbook.steps().get(0);
    }

    /**
     * The pty's output as a screen: escape sequences dropped, each carriage return starting its line over,
     * the cursor after the last character. Enough for prompts at the end of the output, which is all that waits.
     */
    private ScreenText screen() {
        String text = pty.output()
                .replaceAll("\u001b\\[[0-9;?]*[ -/]*[@-~]", "")
                .replaceAll("\u001b\\][^\u0007\u001b]*(\u0007|\u001b\\\\)", "")
                .replaceAll("\u001b[()][A-Za-z0-9]|\u001b[=>]", "");
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            int cr = l.lastIndexOf('\r');
            lines.add((cr >= 0 ? l.substring(cr + 1) : l).replace("\u0007", ""));
        }
        String last = lines.get(lines.size() - 1);
        return new ScreenText(lines, lines.size() - 1, last.length());
    }

    private List<String> lines() {
        return screen().lines().stream().map(String::strip).toList();
    }

    private List<TimelineEvent> events() throws Exception {
        return session.snapshot().get(10, TimeUnit.SECONDS).orElseThrow().events();
    }

    private void until(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        pty.waitFor(condition, () -> screen().lines().toString());
    }
}
