package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.runbook.Seeds;
import dev.baton.terminal.TerminalSession;
import dev.baton.ui.terminal.TerminalTab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Closing the window has one order: no new work, terminals and their shells ended, SSH closed, the incident
 * flushed and closed cleanly, and only then the executor stopped. A shell still starting when the window
 * closes is ended too, and nothing is thrown at an executor that is gone.
 */
class ShutdownOrderTest extends ConsoleTest {
    @Override
    protected Path runbooks() {
        return Seeds.shippedRunbooks();
    }

    @Test
    void closingEndsEveryShellFlushesTheIncidentAndLosesNoError() throws Exception {
        try (UncaughtFailures uncaught = new UncaughtFailures()) {
            List<TerminalSession> shells = fx.openLocalShells(2).stream().map(TerminalTab::session).toList();
            app.session().stepSent(null, 1, "uptime", "Local 1", Map.of()).get();
            Path folder = fx.incident().folder();
            assertThat(shells).hasSize(3).allMatch(TerminalSession::isAlive);

            ConsoleFixture.onFx(() -> {
                fx.console().terminals().openLocalShell(); // still starting when the window closes
                app.stop();
                return null;
            });

            assertThat(shells).noneMatch(TerminalSession::isAlive);
            assertThat(folder.resolve(".session-open")).as("closed cleanly, not left for recovery").doesNotExist();
            assertThat(Files.readAllLines(folder.resolve("timeline.jsonl"))).anyMatch(line -> line.contains("uptime"));
            ConsoleFixture.waitFor(10, () -> ProcessHandle.current().descendants().noneMatch(ProcessHandle::isAlive));
            org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
            assertThat(uncaught.all()).isEmpty();
        }
    }
}
