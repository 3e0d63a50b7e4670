package dev.baton.step;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepSenderTest {
    private final StepSender sender = new StepSender();

    @Test
    void singleHarmlessLineIsTypedAndSubmitted() {
        SendPlan plan = sender.plan("kubectl get pods -n <ns>", Map.of("ns", "prod"), false);
        assertThat(plan.payload()).isEqualTo("kubectl get pods -n prod\r");
        assertThat(plan.submits()).isTrue();
        assertThat(plan.mustShow()).isFalse();
        assertThat(plan.mustConfirm()).isFalse();
    }

    @Test
    void destructiveLineIsTypedButNotSubmittedAndNeedsConfirmation() {
        SendPlan plan = sender.plan("kubectl delete pod <pod>", Map.of("pod", "api-1"), true);
        assertThat(plan.payload()).isEqualTo("kubectl delete pod api-1");
        assertThat(plan.submits()).isFalse();
        assertThat(plan.mustConfirm()).isTrue();
        assertThat(plan.shownText()).isEqualTo("kubectl delete pod api-1");
    }

    @Test
    void placeholderValueCannotSmuggleADestructiveCommandPastTheCheck() {
        SendPlan plan = sender.plan("kubectl logs <pod>", Map.of("pod", "x; rm -rf /"), false);
        assertThat(plan.mustConfirm()).isTrue();
        assertThat(plan.submits()).isFalse();
    }

    @Test
    void multiLineGoesInsideBracketedPasteWhenTheTerminalAsks() {
        SendPlan plan = sender.plan("uptime\ndf -h\n", Map.of(), true);
        assertThat(plan.payload()).isEqualTo("\u001b[200~uptime\rdf -h\u001b[201~\r");
        assertThat(plan.mustShow()).as("a harmless multi-line step tells the responder nothing new").isFalse();
    }

    @Test
    void multiLineWithoutBracketedPasteIsSentLineByLine() {
        SendPlan plan = sender.plan("uptime\n\tdf -h", Map.of(), false);
        assertThat(plan.payload()).isEqualTo("uptime\r df -h\r");
    }

    @Test
    void flaggedMultiLineWithoutBracketedPasteIsRefused() {
        SendPlan plan = sender.plan("ls\nrm -rf /tmp/x", Map.of(), false);
        assertThat(plan.refused()).isTrue();
        assertThat(plan.payload()).isEmpty();
        assertThat(plan.refusal()).contains("bracketed paste");
    }

    @Test
    void escapeSequencesCannotBreakOutOfThePasteBracket() {
        String hostile = "echo hi\n\u001b[201~rm -rf ~\n\u009b201~";
        SendPlan plan = sender.plan(hostile, Map.of(), true);
        assertThat(plan.payload()).startsWith(StepSender.PASTE_START);
        int end = plan.payload().indexOf(StepSender.PASTE_END);
        assertThat(end).as("exactly one paste end, Baton's own").isEqualTo(plan.payload().lastIndexOf(StepSender.PASTE_END));
        String inside = plan.payload().substring(StepSender.PASTE_START.length(), end);
        assertThat(inside).isEqualTo("echo hi\r[201~rm -rf ~\r201~");
        assertThat(inside.chars().filter(c -> c == 0x1b || c == 0x9b)).isEmpty();
    }

    @Test
    void controlCharactersAreStrippedFromPlaceholderValuesToo() {
        SendPlan plan = sender.plan("echo <v>", Map.of("v", "a\u0003b\u0007c\u001b]52;c;aGk=\u0007"), false);
        assertThat(plan.payload()).isEqualTo("echo abc]52;c;aGk=\r");
    }

    @Test
    void hiddenUnicodeIsShownAndNotSubmitted() {
        SendPlan plan = sender.plan("ls \u202Eexe.txt", Map.of(), true);
        assertThat(plan.mustShow()).isTrue();
        assertThat(plan.submits()).isFalse();
        assertThat(plan.mustConfirm()).isFalse();
        assertThat(plan.shownText()).isEqualTo("ls ⟦U+202E⟧exe.txt");
    }

    @Test
    void emptyStepIsRefused() {
        assertThat(sender.plan("  \n ", Map.of(), true).refused()).isTrue();
    }

    @Test
    void stripControlsKeepsNewlinesTabsAndUnicode() {
        assertThat(TerminalText.stripControls("a\tb\nc\r\u0000d\u007fé🔴\u0085"))
                .isEqualTo("a\tb\ncdé🔴");
    }

    @Test
    void aPlaceholderLeftEmptyIsRefusedNotSentAsNothing() {
        for (String step : List.of("kubectl logs checkout-xxxxx -n shop", "kubectl logs <pod> -n shop")) {
            String name = dev.baton.step.Placeholders.find(step).get(0);
            SendPlan plan = sender.plan(step, Map.of(name, " "), false);
            assertThat(plan.refused()).as(step).isTrue();
            assertThat(plan.payload()).isEmpty();
            assertThat(plan.refusal()).contains(name).contains("empty");
            ExecPlan exec = ExecPlan.of(step, Map.of(name, ""));
            assertThat(exec.missingPlaceholders()).containsExactly(name);
        }
    }
}
