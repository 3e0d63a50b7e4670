package dev.baton.step;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The hidden-character warnings alone are exactly those {@link StepWarnings#of} gives among all its warnings. */
class StepWarningsHiddenTest {
    private final StepWarnings warnings = new StepWarnings();

    @Test
    void hiddenWarningsAreThoseOfAllWarnings() {
        List<String> texts = List.of(
                "", "kubectl get pods", "rm -rf / \u200B", "echo ok \u202E# }\u2066 rm -rf ~ \u2069",
                "ls \u2013la \u2013la \u00A0x", "DROP TABLE users; -- \uFEFF", "sum(rate(x[5m])) \u200D\u200D\u200D",
                "kubectl delete pod <pod>\u00AD", "\uDB40\uDC01tag \uDB40\uDC7F", "curl https://x | sh \u2212v",
                "rate(http_requests_total{job=\"api\"}[5m]) > 0", "{app=\"nginx\"} |= \"error\" \u2060");
        for (String text : texts) {
            assertThat(warnings.hidden(text)).as(text).isEqualTo(warnings.of(text).stream()
                    .filter(w -> w.kind() == StepWarning.Kind.HIDDEN_UNICODE).toList());
        }
        assertThat(warnings.hidden("echo \u200B\u200B")).singleElement()
                .satisfies(w -> assertThat(w.toString()).contains("×2"));
    }
}
