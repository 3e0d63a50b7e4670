package dev.baton.ui;

import dev.baton.session.IncidentSnapshot;
import dev.baton.incident.TimelineEvent;
import dev.baton.runbook.Seeds;
import dev.baton.ssh.InProcessSshServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testfx.api.FxRobot;

/**
 * A console on the shipped runbooks with a trusted in-process SSH node, db1, and ways to read the
 * incident it records into.
 */
abstract class IncidentConsoleTest extends ConsoleTest {
    static Path dir;
    private static InProcessSshServer server;

    @BeforeAll
    static void startNode() throws Exception {
        ConsoleSshNode.Trusted node = ConsoleSshNode.startTrusted("baton-incident-ui");
        dir = node.dir();
        server = node.server();
    }

    @AfterAll
    static void stopNode() throws Exception {
        ConsoleSshNode.forget();
        server.close();
        deleteQuietly(dir);
    }

    @Override
    protected Path runbooks() {
        return Seeds.shippedRunbooks();
    }

    /** Polls on the test thread: the conditions here read files and the journal, and call onFx themselves. */
    static void until(int seconds, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        org.testfx.util.WaitForAsyncUtils.waitFor(seconds, java.util.concurrent.TimeUnit.SECONDS, condition);
    }

    IncidentSnapshot incident() throws Exception {
        return fx.incident();
    }

    List<TimelineEvent> events(String type) throws Exception {
        return incident().events().stream().filter(e -> e.type().equals(type)).toList();
    }

    void showDiskFull() throws Exception {
        fx.waitForLibrary();
        fx.show(runbooks().resolve("disk-full.md").normalize().toString(), "Disk full");
    }

    /** Runs the shown runbook's first step on db1 through the confirmations, until it can be captured. */
    void runFirstStepOnDb1(FxRobot robot) throws Exception {
        ConsoleFixture.waitFor(20, () -> fx.console().nodes().inventory().find("db1").isPresent());
        ConsoleFixture.onFx(() -> {
            fx.console().nodes().select(fx.console().nodes().inventory().find("db1").orElseThrow());
            return null;
        });
        fx.click("baton:run-on-node/1");
        ConsoleFixture.waitFor(10, () -> robot.lookup("#run-nodes-ok").tryQuery().isPresent());
        DialogButtons.close(robot, "#run-nodes-ok");
        ConsoleFixture.waitFor(30, () -> robot.lookup("#run-capture").tryQuery().map(n -> !n.isDisabled()).orElse(false));
    }
}
