package dev.baton.ui;

import dev.baton.incident.IncidentEvent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.runbook.Seeds;
import dev.baton.ssh.ConnectionState;
import dev.baton.ssh.InProcessSshServer;
import dev.baton.ui.nodes.RunResultWindow;
import dev.baton.ui.terminal.TerminalTab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** The nodes pane against a real in-process SSH server: host key dialog, SSH tabs, runs on a node, loss and reconnect. */
class NodesUiTest extends ConsoleTest {
    private static Path dir;
    private static Path clientKey;
    private static Path knownHosts;
    private static KeyPair hostKey;
    private static InProcessSshServer server;

    @BeforeAll
    static void startNode() throws Exception {
        dir = Files.createTempDirectory("baton-nodes");
        clientKey = InProcessSshServer.generateClientKey(dir.resolve("keys"), "id_ed25519", "");
        hostKey = InProcessSshServer.newHostKey();
        server = InProcessSshServer.start(InProcessSshServer.publicKeyOf(clientKey), hostKey);
        knownHosts = dir.resolve("known_hosts");
        ConsoleSshNode.use(dir, server, clientKey, knownHosts, """
                    ServerAliveInterval 1
                    ServerAliveCountMax 2
                """);
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

    private void selectNode(FxRobot robot) throws Exception {
        ConsoleFixture.waitFor(20, () -> !fx.console().nodes().inventory().nodes().isEmpty());
        ConsoleFixture.onFx(() -> {
            fx.console().nodes().select(fx.console().nodes().inventory().find("db1").orElseThrow());
            return null;
        });
    }

    private ConnectionState state() throws Exception {
        return ConsoleFixture.onFx(() -> fx.console().sessions()
                .state(fx.console().nodes().inventory().find("db1").orElseThrow()));
    }

    @Test
    void anUnknownHostIsTrustedInADialogThenATerminalOpensOnIt(FxRobot robot) throws Exception {
        Files.deleteIfExists(knownHosts);
        robot.clickOn("#nodes-tab");
        selectNode(robot);
        assertThat(state()).isEqualTo(ConnectionState.NEVER_TRIED);

        robot.clickOn("#open-ssh-terminal");
        ConsoleFixture.waitFor(20, () -> robot.lookup("#host-key-dialog").tryQuery().isPresent());
        String shown = ConsoleFixture.onFx(() -> ((javafx.scene.control.DialogPane) robot.lookup("#host-key-dialog")
                .query()).getHeaderText());
        assertThat(shown).contains(dev.baton.ssh.KnownHosts.fingerprint(server.hostKey()));
        DialogButtons.close(robot, "#host-key-save");

        TerminalTab tab = fx.waitForTerminal("db1");
        ConsoleFixture.waitFor(20, () -> fx.console().sessions()
                .state(fx.console().nodes().inventory().find("db1").orElseThrow()) == ConnectionState.CONNECTED);
        tab.session().connector().write("echo remote-$((40+2))\n");
        fx.waitForText(tab, "remote-42", 20);
        assertThat(Files.readString(knownHosts)).startsWith("|1|");
    }

    @Test
    void theKeyboardAloneFindsANodeAndOpensATerminalOnIt(FxRobot robot) throws Exception {
        Files.writeString(knownHosts, server.knownHostsLine() + "\n");
        ConsoleFixture.waitFor(20, () -> !fx.console().nodes().inventory().nodes().isEmpty());
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.N).release(KeyCode.N, KeyCode.SHIFT, KeyCode.CONTROL);
        ConsoleFixture.waitFor(10, () -> robot.lookup("#nodes-filter").query().isFocused());
        robot.write("db1");
        robot.type(KeyCode.ENTER);

        TerminalTab tab = fx.waitForTerminal("db1");
        tab.session().connector().write("echo keyboard-$((6*7))\n");
        fx.waitForText(tab, "keyboard-42", 20);
    }

    @Test
    void aStepRunsOnTheNodeWithItsOutputAndExitStatus(FxRobot robot) throws Exception {
        Files.writeString(knownHosts, server.knownHostsLine() + "\n");
        fx.waitForLibrary();
        fx.show(runbooks().resolve("disk-full.md").normalize().toString(), "Disk full");
        robot.clickOn("#nodes-tab");
        selectNode(robot);

        fx.click("baton:run-on-node/1");
        ConsoleFixture.waitFor(10, () -> robot.lookup("#run-nodes-ok").tryQuery().isPresent());
        DialogButtons.close(robot, "#run-nodes-ok");
        // A harmless multi-line step on one node that is not production runs at once: no dialog.

        org.testfx.util.WaitForAsyncUtils.waitFor(30, java.util.concurrent.TimeUnit.SECONDS, () -> fx.incident()
                .events().stream().anyMatch(e -> e.typed() instanceof IncidentEvent.RunResult));
        var result = fx.incident().events().stream().map(e -> e.typed())
                .filter(IncidentEvent.RunResult.class::isInstance).map(IncidentEvent.RunResult.class::cast)
                .findFirst().orElseThrow();
        assertThat(result.target()).isEqualTo("db1");
        assertThat(result.command()).startsWith("df -h -x tmpfs -x devtmpfs");
        assertThat(result.exit()).isZero();
        RunResultWindow window = fx.console().runOnNode().windows().get(0);
        ConsoleFixture.waitFor(10, () -> window.summaryText().startsWith("exit 0"));
        assertThat(ConsoleFixture.onFx(window::stdoutText)).contains("Filesystem", "Inodes");
    }

    @Test
    void aDroppedConnectionIsShownAndReconnectRunsNothingAgain(FxRobot robot) throws Exception {
        Files.writeString(knownHosts, server.knownHostsLine() + "\n");
        Path marker = dir.resolve("ran-once");
        Files.deleteIfExists(marker);
        robot.clickOn("#nodes-tab");
        selectNode(robot);
        robot.clickOn("#open-ssh-terminal");
        TerminalTab tab = fx.waitForTerminal("db1");
        tab.session().connector().write("echo ran >> " + marker + "; echo written\n");
        fx.waitForText(tab, "written", 20);

        int port = server.port();
        server.close();
        ConsoleFixture.waitFor(20, () -> fx.console().sessions()
                .state(fx.console().nodes().inventory().find("db1").orElseThrow()) == ConnectionState.LOST);
        ConsoleFixture.waitFor(10, () -> tab.getText().endsWith("(lost)"));

        server = InProcessSshServer.start(InProcessSshServer.publicKeyOf(clientKey), hostKey, port);
        robot.clickOn("#reconnect-node");
        ConsoleFixture.waitFor(20, () -> fx.console().sessions()
                .state(fx.console().nodes().inventory().find("db1").orElseThrow()) == ConnectionState.CONNECTED);
        Thread.sleep(500);
        assertThat(Files.readAllLines(marker)).isEqualTo(List.of("ran"));
    }

    @Test
    void aChangedHostKeyIsRefusedWithNoWayToAcceptIt(FxRobot robot) throws Exception {
        Files.writeString(knownHosts, "[127.0.0.1]:" + server.port() + " "
                + org.apache.sshd.common.config.keys.PublicKeyEntry.toString(
                        InProcessSshServer.newHostKey().getPublic()) + "\n");
        robot.clickOn("#nodes-tab");
        selectNode(robot);

        robot.clickOn("#open-ssh-terminal");

        ConsoleFixture.waitFor(20, () -> fx.console().sessions()
                .state(fx.console().nodes().inventory().find("db1").orElseThrow()) == ConnectionState.HOST_KEY_PROBLEM);
        assertThat(robot.lookup("#host-key-dialog").tryQuery()).isEmpty();
        assertThat(fx.status())
                .contains("HAS CHANGED");
        assertThat(fx.console().terminals().all()).noneMatch(t -> t.name().equals("db1"));
    }
}
