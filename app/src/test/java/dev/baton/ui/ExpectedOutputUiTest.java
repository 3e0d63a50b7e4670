package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.incident.EventType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** A transcript step's expected output, under the step and beside a run's output. */
class ExpectedOutputUiTest extends IncidentConsoleTest {
    @Override
    protected Path runbooks() {
        try {
            Path folder = Files.createDirectories(dir.resolve("habit-runbooks"));
            Files.writeString(folder.resolve("disk-full.md"), """
                    # Disk full

                    ```console
                    ops@db1:~$ echo spool-$((40+2))
                    spool-42 (as the author saw it)
                    ```
                    """);
            return folder;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theRunsOutputIsShownBesideWhatTheRunbookExpects(FxRobot robot) throws Exception {
        showDiskFull();
        runFirstStepOnDb1(robot);
        until(20, () -> !events(EventType.RUN_RESULT).isEmpty());
        long seq = events(EventType.RUN_RESULT).get(0).seq();
        fx.waitForLinks("baton:output/" + seq);
        fx.click("baton:output/" + seq);
        ConsoleFixture.waitFor(10, () -> robot.lookup("#expected-output").tryQuery().isPresent());
        assertThat(robot.lookup("#run-output").queryTextInputControl().getText()).contains("spool-42");
        assertThat(robot.lookup("#expected-output").queryTextInputControl().getText())
                .isEqualTo("spool-42 (as the author saw it)");
    }
}
