package dev.baton.ui.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.incident.IncidentEvent;
import dev.baton.incident.Timeline;
import dev.baton.render.StepHistory;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/** The runs the runbook page shows beside each step, and when the page is told to show them again. */
class RunHistoryTest {
    @TempDir
    Path folder;

    @BeforeAll
    static void startToolkit() {
        try {
            Platform.startup(() -> { });
        } catch (IllegalStateException alreadyStarted) {
            // another test of this JVM started it
        }
    }

    @Test
    void aTypedStepThatIsThenRunOrAbandonedTellsThePageToShowItAgain() throws Exception {
        AtomicInteger changes = new AtomicInteger();
        RunHistory history = new RunHistory(changes::incrementAndGet);
        try (Timeline timeline = Timeline.open(folder.resolve("timeline.jsonl"))) {
            history.recorded(timeline.append(new IncidentEvent.StepSent("disk.md", 2, "rm -rf /tmp/a", "Local 1", false)));
            toldAgain(changes, 0);
            assertThat(history.of("disk.md").get(2)).extracting(StepHistory::status).containsExactly("typed");

            history.recorded(timeline.append(new IncidentEvent.StepEntered("disk.md", 2, "Local 1", "rm -rf /tmp/a",
                    false, 1)));
            toldAgain(changes, 1);
            assertThat(history.of("disk.md").get(2)).extracting(StepHistory::status).containsExactly("run");

            history.recorded(timeline.append(new IncidentEvent.StepSent("disk.md", 3, "rm -rf /tmp/b", "Local 1", false)));
            toldAgain(changes, 2);
            history.recorded(timeline.append(new IncidentEvent.StepAbandoned("disk.md", 3, "Local 1", "rm -rf /tmp/b",
                    "Ctrl+C", 3)));
            toldAgain(changes, 3);
            assertThat(history.of("disk.md").get(3)).extracting(StepHistory::status).containsExactly("abandoned");
        }
    }

    /** Waits until the page has been told of a change more than {@code before} times. */
    private static void toldAgain(AtomicInteger changes, int before) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> changes.get() > before);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(changes.get()).as("told once for one event").isEqualTo(before + 1);
    }
}
