package dev.baton.step;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.session.Confirmation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An alert's labels filled into steps are one literal word to a real shell, wherever they stand. */
class ShellQuotingTest {
    @TempDir
    Path dir;

    private static final String STEP = "printf '%s|' <pod> \"in {{namespace}}\" 'at <instance>' $POD ${POD} $HOME_UNSET";

    private String hostile() {
        return "x; touch " + dir.resolve("semicolon") + " $(touch " + dir.resolve("subshell") + ") `touch "
                + dir.resolve("backtick") + "` \"q\" 'a' \\ $HOME\nsecond line";
    }

    @Test
    void hostileLabelValuesArePrintedByTheShellNotRun() throws Exception {
        String value = hostile();
        Map<String, String> labels = Map.of("pod", value, "namespace", value, "instance", value);
        List<String> names = new java.util.ArrayList<>(Placeholders.find(STEP));
        names.addAll(ShellQuoting.variableReferences(STEP));
        Map<String, String> values = ShellQuoting.fromLabels(names, labels);

        String filled = ShellQuoting.fill(STEP, values, values.keySet());

        assertThat(values.keySet()).containsExactlyInAnyOrder("pod", "namespace", "instance", "POD");
        String printed = sh(filled);
        assertThat(printed).isEqualTo(value + "|in " + value + "|at " + value + "|" + value + "|" + value + "|");
        assertThat(dir.resolve("semicolon")).doesNotExist();
        assertThat(dir.resolve("subshell")).doesNotExist();
        assertThat(dir.resolve("backtick")).doesNotExist();
    }

    @Test
    void plainValuesAreFilledAsTheyAreAndTypedValuesStayTheResponders() {
        assertThat(ShellQuoting.fill("kubectl -n {{namespace}} logs $POD -c $CONTAINER",
                Map.of("namespace", "payments", "POD", "api-7f9c"), Set.of("namespace", "POD")))
                .isEqualTo("kubectl -n payments logs api-7f9c -c $CONTAINER");
        // A value the responder typed is their shell text, as before: not quoted.
        assertThat(ShellQuoting.fill("grep <pattern> <file>", Map.of("pattern", "-e a -e b", "file", "x y"), Set.of("file")))
                .isEqualTo("grep -e a -e b 'x y'");
    }

    @Test
    void labelsMatchPlaceholdersIgnoringCaseAndDashes() {
        assertThat(ShellQuoting.fromLabels(List.of("POD", "pod-name", "Namespace", "node"),
                Map.of("pod", "a", "pod_name", "b", "namespace", "c")))
                .isEqualTo(Map.of("POD", "a", "pod-name", "b", "Namespace", "c"));
    }

    @Test
    void aStepWhoseAlertValueNeededQuotingIsShownBeforeItIsSent() {
        StepSender sender = new StepSender();
        SendPlan plain = sender.plan("kubectl logs <pod>", Map.of("pod", "api-7f9c"), Set.of("pod"), true);
        SendPlan hostile = sender.plan("kubectl logs <pod>", Map.of("pod", "a; rm -rf /"), Set.of("pod"), true);

        assertThat(plain.payload()).isEqualTo("kubectl logs api-7f9c\r");
        assertThat(Confirmation.of(plain).needed()).isFalse();
        assertThat(hostile.shownText()).isEqualTo("kubectl logs 'a; rm -rf /'");
        assertThat(Confirmation.of(hostile).needed()).isTrue();
    }

    private static String sh(String command) throws Exception {
        Process process = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(out).isZero();
        return out;
    }
}
