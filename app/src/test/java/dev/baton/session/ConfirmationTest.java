package dev.baton.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.inventory.Node;
import dev.baton.step.ExecPlan;
import dev.baton.step.StepSender;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One rule for the window and the command line: what the responder must see before a step goes. */
class ConfirmationTest {
    private static final Node DB1 = Node.parseAddress("db1", "ops");
    private static final Node DB2 = Node.parseAddress("db2", "ops");

    private static Confirmation typed(String text) {
        return Confirmation.of(new StepSender().plan(text, Map.of(), true));
    }

    private static Confirmation onNodes(String text, List<Node> nodes) {
        return NodeRunning.confirmation(ExecPlan.of(text, Map.of()), nodes);
    }

    @Test
    void aHarmlessOneLinerGoesAtOnceEverywhere() {
        assertThat(typed("df -h").level()).isEqualTo(Confirmation.Level.NONE);
        assertThat(onNodes("df -h", List.of(DB1)).level()).isEqualTo(Confirmation.Level.NONE);
    }

    @Test
    void aHarmlessMultiLineStepGoesAtOnceToo() {
        assertThat(typed("cd /var/log\nls -la").level()).isEqualTo(Confirmation.Level.NONE);
        assertThat(onNodes("cd /var/log\nls -la", List.of(DB1)).level()).isEqualTo(Confirmation.Level.NONE);
    }

    @Test
    void anAlertValueThatHadToBeQuotedIsShownFilledIn() {
        var plan = new StepSender().plan("kubectl logs <pod>", Map.of("pod", "api 7f9c"), java.util.Set.of("pod"), true);
        assertThat(Confirmation.of(plan).level()).isEqualTo(Confirmation.Level.SHOW);
    }

    @Test
    void aProductionNodeIsConfirmedEvenForAHarmlessStep() {
        Node prod = new Node("pg1", "10.0.0.5", 22, "ops", List.of(), false, List.of(), java.time.Duration.ZERO, 3,
                false, List.of("eu-prod-db"), "hosts.ini");
        Confirmation onProd = onNodes("df -h", List.of(prod));
        assertThat(onProd.level()).isEqualTo(Confirmation.Level.CONFIRM);
        assertThat(onProd.productionWords()).isEqualTo("production node pg1");
        assertThat(Confirmation.of(new StepSender().plan("df -h", Map.of(), true), List.of("pg1")).level())
                .isEqualTo(Confirmation.Level.CONFIRM);
        assertThat(onNodes("df -h", List.of(DB1)).production()).isEmpty();
    }

    @Test
    void aDestructiveStepIsConfirmedByTheSameRuleForATerminalAndForNodes() {
        Confirmation terminal = typed("rm -rf /var/lib/app/cache");
        Confirmation node = onNodes("rm -rf /var/lib/app/cache", List.of(DB1));
        assertThat(terminal.level()).isEqualTo(Confirmation.Level.CONFIRM);
        assertThat(node.level()).isEqualTo(Confirmation.Level.CONFIRM);
        assertThat(terminal.destructive()).isTrue();
        assertThat(node.warnings()).isEqualTo(terminal.warnings());
    }

    @Test
    void hiddenUnicodeIsConfirmedToo() {
        assertThat(typed("ls\u202e -la").level()).isEqualTo(Confirmation.Level.CONFIRM);
        assertThat(onNodes("ls\u202e -la", List.of(DB1)).level()).isEqualTo(Confirmation.Level.CONFIRM);
    }

    @Test
    void severalNodesAreConfirmedEvenForAHarmlessStep() {
        assertThat(onNodes("uptime", List.of(DB1, DB2)).level()).isEqualTo(Confirmation.Level.CONFIRM);
    }
}
