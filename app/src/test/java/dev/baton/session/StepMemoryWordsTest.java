package dev.baton.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.history.StepMemory;
import dev.baton.render.StepRecall;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepMemoryWordsTest {
    @Test
    void saysHowOftenAStepRanAndFailedItsMedianAndWhetherItKeepsFailing() {
        Map<Integer, StepRecall> words = StepMemoryWords.of(Map.of(
                1, new StepMemory(1, 4, 0, 300, Instant.now(), "inc-1", 7, "/ 93%\n", false),
                2, new StepMemory(2, 1, 1, 2500, Instant.now(), "inc-2", 9, "x".repeat(1000), true)));

        assertThat(words.get(1)).isEqualTo(new StepRecall(
                "Past incidents: ran 4 times, failed 0 times, median 300 ms; last in inc-1.", "Last output:\n/ 93%\n", false));
        assertThat(words.get(2).summary()).isEqualTo("Past incidents: ran once, failed once, median 2.5 s; last in inc-2.");
        assertThat(words.get(2).failing()).isTrue();
        assertThat(words.get(2).lastOutput()).hasSize("Last output:\n".length() + 301).endsWith("…");
    }
}
