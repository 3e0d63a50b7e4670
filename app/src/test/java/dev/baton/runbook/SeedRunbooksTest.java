package dev.baton.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Conformance over the five external collections (opt-in: {@code -Dbaton.seeds=DIR}); the rules
 * themselves are tested on Baton's own fixtures in {@link RunbookFormatsTest}.
 */
@Tag(Seeds.TAG)
class SeedRunbooksTest {
    static final List<String> SEEDS = Seeds.ALL;

    @ParameterizedTest
    @FieldSource("SEEDS")
    void everySeedParsesAndEveryShellStepHasText(String seed) throws Exception {
        List<Runbook> runbooks = Seeds.parse(seed);
        assertThat(runbooks).isNotEmpty();
        List<Step> steps = runbooks.stream().flatMap(r -> r.steps().stream()).toList();
        assertThat(steps).isNotEmpty();
        assertThat(steps).filteredOn(Step::runnable).isNotEmpty().allSatisfy(step -> {
            assertThat(step.command()).isNotBlank();
            assertThat(step.line()).isPositive();
            assertThat(step.sectionPath()).isNotEmpty();
        });
    }
}
