package dev.baton.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepRunsTest {
    @TempDir
    Path folder;

    private static IncidentEvent.RunResult result(String node, Integer exit, long ms) {
        return new IncidentEvent.RunResult(node, "df -h", "COMPLETED", exit, null, "exit " + exit,
                Instant.parse("2026-11-24T03:12:05Z"), ms, "out/" + node + ".stdout", 10, "", 0);
    }

    @Test
    void eachResultIsJoinedToTheStepThatStartedItOnThatNodeNewestFirst() throws Exception {
        try (Timeline timeline = Timeline.open(folder.resolve("timeline.jsonl"))) {
            timeline.append(new IncidentEvent.StepRun("disk.md", 1, "df -h", List.of("db1", "db2"), 2));
            timeline.append(new IncidentEvent.StepRun("other.md", 4, "uptime", List.of("web1"), null));
            timeline.append(result("db2", 1, 900));
            timeline.append(result("web1", 0, 100));
            timeline.append(result("db1", 0, 1200));
            timeline.append(new IncidentEvent.StepSent("disk.md", 2, "du -sh /var", "Local 1"));
            timeline.append(new IncidentEvent.StepRun("disk.md", 1, "df -h", List.of("db1"), null));
            timeline.append(result("db1", 0, 300));

            Map<Integer, List<StepRuns.Run>> runs = StepRuns.of(timeline.events(), "disk.md", 3);

            assertThat(runs.keySet()).containsExactlyInAnyOrder(1, 2);
            assertThat(runs.get(1)).extracting(run -> run.target() + " " + run.exit() + " " + run.durationMs()
                    + " " + run.failed()).containsExactly("db1 0 300 false", "db1 0 1200 false", "db2 1 900 true");
            assertThat(runs.get(1).get(0).seq()).isEqualTo(8);
            assertThat(runs.get(2)).singleElement().satisfies(run -> {
                assertThat(run.outcome()).as("written by a Baton that could not tell").isEqualTo("sent");
                assertThat(run.target()).isEqualTo("Local 1");
                assertThat(run.exit()).isNull();
                assertThat(run.failed()).isFalse();
                assertThat(run.hasOutput()).isFalse();
            });
            assertThat(StepRuns.of(timeline.events(), "disk.md", 1).get(1)).hasSize(1);
        }
    }

    @Test
    void aStepTypedIntoATerminalReadsRunTypedOrAbandonedAsTheTimelineSettledIt() throws Exception {
        try (Timeline timeline = Timeline.open(folder.resolve("timeline.jsonl"))) {
            timeline.append(new IncidentEvent.StepSent("disk.md", 1, "df -h", "Local 1", true));
            timeline.append(new IncidentEvent.StepSent("disk.md", 2, "rm -rf /tmp/a", "Local 1", false));
            timeline.append(new IncidentEvent.StepAbandoned("disk.md", 2, "Local 1", "rm -rf /tmp/a", "Ctrl+C", 2));
            timeline.append(new IncidentEvent.StepSent("disk.md", 3, "rm -rf /tmp/b", "Local 1", false));
            timeline.append(new IncidentEvent.StepEntered("disk.md", 3, "Local 1", "rm -rf /tmp/b", false, 4));
            timeline.append(new IncidentEvent.StepSent("disk.md", 4, "du -sh /var", "Local 1", false));

            Map<Integer, List<StepRuns.Run>> runs = StepRuns.of(timeline.events(), "disk.md", 3);

            assertThat(runs.get(1)).extracting(StepRuns.Run::outcome).containsExactly("run");
            assertThat(runs.get(2)).extracting(StepRuns.Run::outcome).containsExactly("abandoned");
            assertThat(runs.get(3)).extracting(StepRuns.Run::outcome).containsExactly("run");
            assertThat(runs.get(4)).extracting(StepRuns.Run::outcome).containsExactly("typed");
        }
    }
}
