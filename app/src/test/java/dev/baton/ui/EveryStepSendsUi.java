package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.runbook.Runbook;
import dev.baton.runbook.RunbookLibrary;
import dev.baton.runbook.Step;
import dev.baton.step.SendPlan;
import dev.baton.step.StepSender;
import dev.baton.terminal.LocalShellSession;
import dev.baton.ui.terminal.TerminalTab;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every runbook of a folder opens in the console, every runnable step has its Run button, and every
 * step can be sent: into a terminal whose program (cat, with bracketed paste on) shows what arrived and
 * runs nothing.
 */
abstract class EveryStepSendsUi extends ConsoleTest {
    /** How many runnable steps the folder holds at least; fewer means steps went missing. */
    protected abstract int runnableSteps();

    @Test
    void everyStepCanBeSent() throws Exception {
        fx.waitForLibrary();
        StepSender sender = new StepSender();
        int sent = 0;
        try (RunbookLibrary library = RunbookLibrary.load(runbooks())) {
            for (Runbook runbook : library.runbooks()) {
                fx.show(runbook.id(), runbook.title());
                fx.waitForLinks(runbook.steps().stream().filter(Step::runnable)
                        .map(step -> "baton:run/" + step.number()).toArray(String[]::new));
                String name = "cat " + sent;
                ConsoleFixture.onFx(() -> {
                    app.console().terminals().open(() -> LocalShellSession.start(
                            List.of("/bin/sh", "-c", "printf '\\033[?2004h'; exec cat > /dev/null"),
                            Path.of(System.getProperty("java.io.tmpdir")), name), name);
                    return null;
                });
                TerminalTab tab = fx.waitForTerminal(name);
                ConsoleFixture.waitFor(10, () -> tab.widget().bracketedPaste());
                for (Step step : runbook.steps()) {
                    if (!step.runnable()) {
                        continue;
                    }
                    Map<String, String> values = new HashMap<>();
                    step.placeholders().forEach(p -> values.put(p, "x"));
                    SendPlan plan = sender.plan(step.command(), values, tab.widget().bracketedPaste());
                    assertThat(plan.refused()).as(runbook.id() + " step " + step.number() + ": " + plan.refusal()).isFalse();
                    tab.session().connector().write(plan.payload());
                    String firstLine = plan.shownText().lines().findFirst().orElseThrow().strip();
                    String probe = firstLine.substring(0, Math.min(20, firstLine.length()));
                    waitForArrival(tab, probe);
                    sent++;
                }
                ConsoleFixture.onFx(() -> {
                    app.console().terminals().closeActive();
                    return null;
                });
            }
        }
        assertThat(sent).isGreaterThanOrEqualTo(runnableSteps());
    }

    /**
     * Steps arrive one after another on cat's one line, so the terminal may wrap a step's first words
     * across two rows: look for them in the text without its line breaks.
     */
    private static void waitForArrival(TerminalTab tab, String probe) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> tab.widget().text().replace("\n", "").contains(probe));
        } catch (TimeoutException e) {
            throw new AssertionError("\"" + probe + "\" never arrived in " + tab.name() + "; it shows:\n"
                    + tab.widget().text().strip(), e);
        }
    }
}
