package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.handoff.BundleWriter;
import dev.baton.handoff.HandoffState;
import dev.baton.incident.EventType;
import dev.baton.incident.IncidentStore;
import dev.baton.incident.OpenIncident;
import dev.baton.inventory.Node;
import dev.baton.session.Handoffs;
import dev.baton.session.PaletteSearch;
import dev.baton.ssh.InProcessSshServer;
import dev.baton.ui.terminal.TerminalTab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * Two responders, two data folders: ana's inventory has db1 in a production group; ben's knows nothing of it.
 * What ben sees of db1 after the handoff, and what becomes of ana's terminals once she has handed off.
 */
class HandoffSafetyUiTest extends ConsoleTest {
    private static Path dir;
    private static InProcessSshServer server;
    private static Path clientKey;
    private static Path sentinel;

    @BeforeAll
    static void twoResponders() throws Exception {
        dir = Files.createTempDirectory("baton-handoff-safety");
        clientKey = InProcessSshServer.generateClientKey(dir.resolve("keys"), "id_ed25519", "");
        server = InProcessSshServer.start(InProcessSshServer.publicKeyOf(clientKey));
        Path knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, server.knownHostsLine() + "\n");
        // The window's own inventory (ben's, and ana's shells) names no node at all.
        Path empty = Files.writeString(dir.resolve("ssh_config"), "# no hosts\n");
        System.setProperty("baton.inventory", empty.toString());
        System.setProperty("baton.known-hosts", knownHosts.toString());
        sentinel = Files.writeString(dir.resolve("still-here.txt"), "if this file goes, a handed-off step ran\n");
        Files.createDirectories(dir.resolve("runbooks"));
        Files.writeString(dir.resolve("runbooks/clean-up.md"), """
                # Clean up

                ### Step 1: Remove the marker

                ```bash
                rm -f %s
                ```
                """.formatted(sentinel));
    }

    @AfterAll
    static void stop() throws Exception {
        System.clearProperty("baton.inventory");
        System.clearProperty("baton.known-hosts");
        server.close();
        deleteQuietly(dir);
    }

    @Override
    protected Path runbooks() {
        return dir.resolve("runbooks");
    }

    @Override
    protected void started() {
        javafx.stage.Window window = fx.console().getScene().getWindow();
        window.setWidth(1280);
        window.setHeight(720);
    }

    /** ana, in her own data folder, ran a step on db1 (production in her inventory) and handed off. */
    private Path anaHandsOff() throws Exception {
        return anaHandsOff(List.of());
    }

    /** As {@link #anaHandsOff()}, her known_hosts having trusted {@code hostKeys} for db1. */
    private Path anaHandsOff(List<String> hostKeys) throws Exception {
        Node db1 = new Node("db1", "127.0.0.1", server.port(), InProcessSshServer.USER, List.of(clientKey), true,
                List.of(), Duration.ZERO, 3, false, List.of("prod_db"), "ana's inventory");
        Path bundle = dir.resolve("from-ana-" + System.nanoTime() + ".baton");
        try (OpenIncident ana = new IncidentStore(dir.resolve("ana-" + System.nanoTime()))
                .start("Replication lag", "P1", "", "ana", Instant.now())) {
            ana.creditTo("ana");
            ana.stepRun("", 1, "uptime", List.of("db1"), Map.of(), null);
            HandoffState state = new HandoffState(HandoffState.targetsFrom(ana.timeline().events(),
                    name -> name.equals("db1") ? Optional.of(db1) : Optional.empty()).stream()
                    .map(target -> target.withHostKeys(hostKeys)).toList(), null, null, null);
            BundleWriter.export(ana.folder(), new BundleWriter.Request("db1 is production: careful.", "ana",
                    Instant.now(), "test", state, id -> Optional.empty(), Set.of(), null), bundle);
        }
        return bundle;
    }

    @Test
    void theReceiverSeesTheHandedOffNodeInItsGroupAsProduction(FxRobot robot) throws Exception {
        fx.waitForLibrary();
        Path bundle = anaHandsOff();
        ConsoleFixture.onFx(() -> {
            fx.console().handoff().open(bundle);
            return null;
        });
        ConsoleFixture.waitFor(20, () -> robot.lookup("#handoff-continue").tryQuery().isPresent());
        robot.clickOn("#handoff-continue");
        ConsoleFixture.waitFor(20, () -> fx.console().nodes().inventory().find("db1").isPresent());

        Node db1 = ConsoleFixture.onFx(() -> fx.console().nodes().inventory().find("db1").orElseThrow());
        assertThat(db1.production()).isTrue();
        assertThat(ConsoleFixture.onFx(() -> fx.console().nodes().inventory().byGroup().keySet()))
                .containsExactly("prod_db");
        List<PaletteSearch.Entry> found = ConsoleFixture.onFx(() -> new PaletteSearch().find("db1",
                new PaletteSearch.Sources(fx.console().runbook().library(), fx.console().nodes().inventory(),
                        List.of(), List.of()), 20));
        assertThat(found).filteredOn(e -> e.kind() == PaletteSearch.Kind.NODE).singleElement()
                .satisfies(e -> assertThat(e.detail()).startsWith("PROD · 127.0.0.1 · prod_db"));

        ConsoleFixture.onFx(() -> {
            fx.console().openSshTerminal(db1);
            return null;
        });
        TerminalTab tab = fx.waitForTerminal("db1");
        assertThat(ConsoleFixture.onFx(() -> tab.target().production())).isTrue();
        assertThat(ConsoleFixture.onFx(() -> ((javafx.scene.layout.HBox) tab.getGraphic()).getChildren().stream()
                .anyMatch(n -> n.getStyleClass().contains("production-badge")))).isTrue();
        ConsoleFixture.onFx(() -> {
            fx.console().showNodesTab();
            fx.console().nodes().select(db1);
            return null;
        });
        Screenshots.save(fx.console().getScene(), "handoff-prod-tab.png");

        fx.show(runbooks().resolve("clean-up.md").normalize().toString(), "Clean up");
        fx.click("baton:run/1");
        ConsoleFixture.waitFor(20, () -> robot.lookup("#confirm-production").tryQuery().isPresent());
        assertThat(ConsoleFixture.onFx(() -> ((javafx.scene.control.Labeled) robot.lookup("#confirm-production")
                .query()).getText())).contains("db1");
        DialogButtons.close(robot, ".dialog-pane .button:cancel");
    }

    @Test
    void handingOffStopsTheSendersTerminalsUntilTakenBackAndTakingBackAsks(FxRobot robot) throws Exception {
        fx.waitForLibrary();
        TerminalTab shell = fx.waitForShell("Local 1");
        fx.show(runbooks().resolve("clean-up.md").normalize().toString(), "Clean up");
        // A destructive step is typed without Enter: it waits on the prompt line.
        fx.click("baton:run/1");
        ConsoleFixture.waitFor(20, () -> robot.lookup("#confirm-send").tryQuery().isPresent());
        DialogButtons.close(robot, "#confirm-send");
        fx.waitForText(shell, "rm -f " + sentinel, 20);

        var prepared = Handoffs.prepare(app.session(), name -> Optional.empty(), List.of(), null).get();
        Handoffs.export(app.session(), prepared, new Handoffs.Choices("over to you", Set.of(), null,
                dir.resolve("to-ben-" + System.nanoTime() + ".baton"))).get();
        ConsoleFixture.waitFor(20, () -> shell.readOnlyText().startsWith("Read-only: you handed this incident off"));
        // The typed step is gone from the prompt line (killed, not run).
        ConsoleFixture.waitFor(20, () -> !cursorLine(shell).contains("rm -f"));

        robot.clickOn(shell.widget().getPane());
        robot.write("echo leaked_$((6*7))");
        robot.type(KeyCode.ENTER);
        ConsoleFixture.waitFor(10, () -> robot.lookup("#terminal-read-only-refused").queryLabeled().getText()
                .endsWith("keys not sent."));
        Screenshots.save(fx.console().getScene(), "handoff-readonly.png");

        robot.clickOn("#handoff-take-back");
        ConsoleFixture.waitFor(20, () -> robot.lookup("#handoff-take-back-confirm").tryQuery().isPresent());
        String question = ConsoleFixture.onFx(() -> ((javafx.scene.control.DialogPane) robot
                .lookup("#handoff-take-back-confirm").query()).getContentText());
        assertThat(question).startsWith("You handed this incident to the next responder at ").contains("(to-ben-",
                "fork", "handoff.taken_back");
        DialogButtons.close(robot, "#handoff-take-back-cancel");
        assertThat(shell.readOnlyText()).as("left handed off").isNotEmpty();
        assertThat(fx.incident().events()).noneMatch(e -> e.type().equals(EventType.HANDOFF_TAKEN_BACK));

        robot.clickOn("#handoff-take-back");
        DialogButtons.close(robot, "#handoff-take-back-ok");
        ConsoleFixture.waitFor(20, () -> shell.readOnlyText().isEmpty());
        ConsoleFixture.onFx(() -> {
            shell.keyboard().write("echo alive_$((6*7))\r");
            return null;
        });
        fx.waitForText(shell, "alive_42", 20);
        assertThat(shell.widget().text()).doesNotContain("leaked_42");
        assertThat(sentinel).exists();
        assertThat(fx.incident().events()).extracting(e -> e.type()).containsSubsequence(
                EventType.HANDOFF_EXPORTED, EventType.HANDOFF_TAKEN_BACK);
    }

    @Test
    void theHostKeyQuestionSaysTheSenderTrustedTheSameKeyButStillAsks(FxRobot robot) throws Exception {
        fx.waitForLibrary();
        Path knownHosts = dir.resolve("known_hosts");
        String trusted = Files.readString(knownHosts);
        List<String> senderSaw = new dev.baton.ssh.KnownHosts(knownHosts).fingerprints("127.0.0.1", server.port());
        assertThat(senderSaw).hasSize(1);
        Path bundle = anaHandsOff(senderSaw);
        Files.writeString(knownHosts, "# ben has never met db1\n");
        try {
            ConsoleFixture.onFx(() -> {
                fx.console().handoff().open(bundle);
                return null;
            });
            ConsoleFixture.waitFor(20, () -> robot.lookup("#handoff-continue").tryQuery().isPresent());
            robot.clickOn("#handoff-continue");
            ConsoleFixture.waitFor(20, () -> fx.console().nodes().inventory().find("db1").isPresent());
            ConsoleFixture.onFx(() -> {
                fx.console().openSshTerminal(fx.console().nodes().inventory().find("db1").orElseThrow());
                return null;
            });
            ConsoleFixture.waitFor(30, () -> robot.lookup("#host-key-dialog").tryQuery().isPresent());
            String question = ConsoleFixture.onFx(() -> ((javafx.scene.control.DialogPane) robot
                    .lookup("#host-key-dialog").query()).getContentText());
            assertThat(question).contains("can't be established",
                    "The responder who handed this node over trusted this same key.");
            DialogButtons.close(robot, "#host-key-reject");
            assertThat(knownHosts).content().doesNotContain("ecdsa", "ssh-ed25519", "ssh-rsa");
        } finally {
            Files.writeString(knownHosts, trusted);
        }
    }

    @Test
    void endIncidentIsInTheIncidentMenuWithAShortcut(FxRobot robot) throws Exception {
        fx.waitForLibrary();
        app.session().start("Disk full", "P2", "").get();
        ConsoleFixture.waitFor(20, () -> !robot.lookup("#incident-end").queryButton().isDisabled());
        List<String> incidentMenu = ConsoleFixture.onFx(() -> robot.lookup(".menu-bar").queryAs(
                javafx.scene.control.MenuBar.class).getMenus().stream().filter(m -> m.getText().equals("Incident"))
                .flatMap(m -> m.getItems().stream()).map(javafx.scene.control.MenuItem::getText).toList());
        assertThat(incidentMenu).contains("End incident…");

        robot.press(KeyCode.SHORTCUT, KeyCode.SHIFT, KeyCode.K).release(KeyCode.K, KeyCode.SHIFT, KeyCode.SHORTCUT);
        ConsoleFixture.waitFor(20, () -> javafx.stage.Window.getWindows().stream()
                .anyMatch(w -> w.getScene() != null && w.getScene().getRoot() instanceof javafx.scene.control.DialogPane
                        pane && "End this incident?".equals(pane.getHeaderText())));
        DialogButtons.close(robot, ".dialog-pane .button:cancel");
    }

    /** The screen line the cursor is on. */
    private static String cursorLine(TerminalTab tab) {
        dev.baton.terminal.ScreenText screen = tab.widget().screen();
        return screen.lines().get(screen.cursorRow());
    }
}
