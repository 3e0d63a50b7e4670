package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.runbook.Runbook;
import dev.baton.runbook.RunbookLibrary;
import dev.baton.runbook.Seeds;
import dev.baton.runbook.Step;
import dev.baton.step.SendPlan;
import dev.baton.step.StepSender;
import dev.baton.terminal.LocalShellSession;
import dev.baton.ui.terminal.TerminalTab;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every seed collection opens in the console, every runnable step has its Run button, and every step
 * can be sent: into a terminal whose program (cat, with bracketed paste on) shows what arrived and
 * runs nothing.
 */
class SeedStepsUiTest extends ConsoleTest {
    @Override
    protected Path runbooks() {
        return Seeds.folder();
    }




    @Test
    void everySeedStepCanBeSent() throws Exception {
        fx.waitForLibrary();
        StepSender sender = new StepSender();
        int sent = 0;
        try (RunbookLibrary library = RunbookLibrary.load(Seeds.folder())) {
            for (Runbook runbook : library.runbooks()) {
                fx.show(runbook.id(), runbook.title());
                List<String> hrefs = fx.hrefs();
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
                    assertThat(hrefs).as(runbook.id() + " step " + step.number()).contains("baton:run/" + step.number());
                    Map<String, String> values = new HashMap<>();
                    step.placeholders().forEach(p -> values.put(p, "x"));
                    SendPlan plan = sender.plan(step.command(), values, tab.widget().bracketedPaste());
                    assertThat(plan.refused()).as(runbook.id() + " step " + step.number() + ": " + plan.refusal()).isFalse();
                    tab.session().connector().write(plan.payload());
                    String firstLine = plan.shownText().lines().findFirst().orElseThrow().strip();
                    String probe = firstLine.substring(0, Math.min(20, firstLine.length()));
                    fx.waitForText(tab, probe, 10);
                    sent++;
                }
                ConsoleFixture.onFx(() -> {
                    app.console().terminals().closeActive();
                    return null;
                });
            }
        }
        // 62 runnable steps in the five collections when this test was written; fewer means steps went missing.
        assertThat(sent).isGreaterThanOrEqualTo(62);
    }
}
