package dev.baton.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.baton.incident.TypedStepOutcomes.Outcome;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TypedStepOutcomesTest {
    @TempDir
    Path folder;

    @Test
    void eachStepSentToATerminalIsRunAbandonedOrStillTypedAsTheTimelineSettledIt() throws Exception {
        try (Timeline timeline = Timeline.open(folder.resolve("timeline.jsonl"))) {
            timeline.append(new IncidentEvent.StepSent("disk.md", 1, "df -h", "Local 1", true));
            timeline.append(new IncidentEvent.StepSent("disk.md", 2, "rm -rf /tmp/a", "Local 1", false));
            timeline.append(new IncidentEvent.StepAbandoned("disk.md", 2, "Local 1", "rm -rf /tmp/a", "Ctrl+C", 2));
            timeline.append(new IncidentEvent.StepSent("net.md", 3, "rm -rf /tmp/b", "db1", false));
            timeline.append(new IncidentEvent.StepEntered("net.md", 3, "db1", "rm -rf /tmp/b", false, 4));
            timeline.append(new IncidentEvent.StepSent("disk.md", 4, "du -sh /var", "Local 1", false));
            timeline.append(new IncidentEvent.StepSent("disk.md", 5, "uptime", "Local 2"));

            assertThat(TypedStepOutcomes.of(timeline.events())).containsOnly(
                    entry(1L, Outcome.RUN), entry(2L, Outcome.ABANDONED), entry(4L, Outcome.RUN),
                    entry(6L, Outcome.STILL_TYPED), entry(7L, Outcome.NOT_RECORDED));
        }
    }

    @Test
    void theFirstAnswerSettlesAStepAndAnAnswerNamingNoTypedStepChangesNothing() throws Exception {
        try (Timeline timeline = Timeline.open(folder.resolve("timeline.jsonl"))) {
            timeline.append(EventType.NOTE_SAVED, Map.of("chars", 10));
            timeline.append(new IncidentEvent.StepEntered("disk.md", 1, "Local 1", "df -h", false, 1));
            timeline.append(new IncidentEvent.StepSent("disk.md", 2, "rm -rf /tmp/a", "Local 1", false));
            timeline.append(new IncidentEvent.StepAbandoned("disk.md", 2, "Local 1", "rm -rf /tmp/a", "Ctrl+C", 3));
            timeline.append(new IncidentEvent.StepEntered("disk.md", 2, "Local 1", "rm -rf /tmp/a", false, 3));
            timeline.append(new IncidentEvent.StepAbandoned("disk.md", 9, "Local 1", "ls", "Ctrl+C", 42));

            assertThat(TypedStepOutcomes.of(timeline.events())).containsOnly(entry(3L, Outcome.ABANDONED));
        }
    }

    @Test
    void anEmptyTimelineHasNoTypedSteps() {
        assertThat(TypedStepOutcomes.of(java.util.List.of())).isEmpty();
    }
}
