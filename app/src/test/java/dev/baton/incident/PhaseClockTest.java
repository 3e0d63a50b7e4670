package dev.baton.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.runbook.Runbook;
import dev.baton.runbook.FormatFixtures;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PhaseClockTest {
    @Test
    void theClockReadsAsAResponderSaysIt() {
        assertThat(PhaseClock.format(Duration.ofSeconds(65))).isEqualTo("1:05");
        assertThat(PhaseClock.format(Duration.ofSeconds(3723))).isEqualTo("1:02:03");
    }

    @Test
    void aRunbookWithTimedPhasesSaysWhichPhaseAndWhatIsLeft() throws Exception {
        {
            Runbook runbook = FormatFixtures.parse(FormatFixtures.RUNBOOK_SECTIONS).stream()
                    .filter(r -> !r.phases().isEmpty() && r.mttrTarget().isPresent()).findFirst().orElseThrow();
            var first = runbook.phases().get(0);
            String early = PhaseClock.status(runbook, first.from().plusSeconds(10)).orElseThrow();
            assertThat(early).startsWith(first.name() + ": ").contains(" left · MTTR ");
            Duration late = runbook.mttrTarget().orElseThrow().plusMinutes(2);
            assertThat(PhaseClock.status(runbook, late).orElseThrow()).endsWith("passed 2:00 ago");
        }
    }
}
