package dev.baton.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.runbook.Runbook;
import dev.baton.runbook.RunbookParser;
import dev.baton.runbook.SourceText;
import dev.baton.runbook.Step;
import dev.baton.step.ConfirmPolicy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A runbook's {@code confirm:} front matter: the steps it names are confirmed as destructive ones are, when
 * read (lint, the view), sent to a terminal and run on nodes; other steps are not touched.
 */
class RunbookConfirmPolicyTest {
    private static final String RUNBOOK = """
            ---
            title: Rotate the payments config
            confirm:
              - kubectl apply
              - vault write
            ---
            # Rotate the payments config

            ```bash
            kubectl -n payments apply -f <file>
            ```

            ```bash
            sudo -E vault write secret/payments key=@new.json
            ```

            ```bash
            kubectl -n payments get pods
            ```
            """;

    @Test
    void theStepsTheRunbookNamesAreConfirmedEverywhereAndNoOthers() throws Exception {
        Runbook runbook = new RunbookParser().parse("rotate.md", new SourceText(RUNBOOK, List.of())).get(0);
        List<Step> steps = runbook.steps();
        StepSending sending = new StepSending(null, Runnable::run);

        assertThat(ConfirmPolicy.declared(steps.get(0).warnings())).extracting(w -> w.detail())
                .containsExactly("the runbook asks to confirm kubectl apply");
        assertThat(ConfirmPolicy.declared(steps.get(1).warnings())).extracting(w -> w.detail())
                .containsExactly("the runbook asks to confirm vault write");
        assertThat(steps.get(2).warnings()).isEmpty();

        Map<String, String> file = Map.of("file", "payments.yaml");
        assertThat(sending.plan(steps.get(0), file, Set.of(), true).mustConfirm()).isTrue();
        assertThat(sending.plan(steps.get(0), file, Set.of(), true).submits()).isFalse();
        assertThat(NodeRunning.plan(steps.get(1), Map.of(), Set.of()).mustConfirm()).isTrue();
        assertThat(sending.plan(steps.get(2), Map.of(), Set.of(), true).mustConfirm()).isFalse();
        assertThat(NodeRunning.plan(steps.get(2), Map.of(), Set.of()).mustConfirm()).isFalse();
    }
}
