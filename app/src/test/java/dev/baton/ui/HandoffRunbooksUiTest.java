package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.handoff.BundleWriter;
import dev.baton.handoff.HandoffState;
import dev.baton.incident.IncidentStore;
import dev.baton.incident.OpenIncident;
import dev.baton.inventory.Node;
import dev.baton.session.HandoffRunbooks;
import dev.baton.session.PaletteSearch;
import dev.baton.ssh.OutputSpool;
import dev.baton.ssh.RunOutcome;
import dev.baton.ssh.RunResult;
import dev.baton.ui.terminal.TerminalTab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * Two responders, two data folders: ana worked from a runbook of her own folder, on db1 (production in her
 * inventory), and handed off. ben's library has never had that runbook; the bundle's copy opens in its place.
 */
class HandoffRunbooksUiTest extends ConsoleTest {
    private static Path dir;
    private static Path anaRunbook;

    @BeforeAll
    static void twoResponders() throws Exception {
        dir = Files.createTempDirectory("baton-handoff-runbooks");
        System.setProperty("baton.inventory", Files.writeString(dir.resolve("ssh_config"), "# no hosts\n").toString());
        Files.createDirectories(dir.resolve("ben-runbooks"));
        Files.writeString(dir.resolve("ben-runbooks/disk-full.md"), """
                # Disk full

                ### Step 1: Look

                ```bash
                df -h
                ```
                """);
        Files.createDirectories(dir.resolve("ana-runbooks"));
        anaRunbook = Files.writeString(dir.resolve("ana-runbooks/restart-primary.md"), """
                # Restart the primary

                Only once replication has caught up. [Dashboard](https://grafana.example/d/db)

                ### Step 1: Check replication

                ```bash
                echo replication_$((6*7))
                ```

                ### Step 2: Restart

                ```bash
                echo restarted
                ```
                """);
    }

    @AfterAll
    static void stop() {
        System.clearProperty("baton.inventory");
        deleteQuietly(dir);
    }

    @Override
    protected Path runbooks() {
        return dir.resolve("ben-runbooks");
    }

    @Override
    protected void started() {
        javafx.stage.Window window = fx.console().getScene().getWindow();
        window.setWidth(1280);
        window.setHeight(720);
    }

    /** ana ran step 1 on db1 and typed it into her shell, from her own runbook, then handed off. */
    private Path anaHandsOff() throws Exception {
        Node db1 = new Node("db1", "127.0.0.1", 22, "ana", List.of(), true, List.of(), Duration.ZERO, 3, false,
                List.of("prod_db"), "ana's inventory");
        String id = anaRunbook.toString();
        Path bundle = dir.resolve("from-ana-" + System.nanoTime() + ".baton");
        try (OpenIncident ana = new IncidentStore(dir.resolve("ana-data-" + System.nanoTime()))
                .start("Replication lag", "P1", "", "ana", Instant.now())) {
            ana.creditTo("ana");
            ana.stepRun(id, 1, "echo replication_$((6*7))", List.of("db1"), Map.of(), null);
            ana.runResult(new RunResult("db1", "echo replication_$((6*7))", Instant.now(), Duration.ofMillis(30),
                    RunOutcome.COMPLETED, 0, null, OutputSpool.empty(), OutputSpool.empty(), ""), Map.of());
            ana.stepSent(id, 1, "echo replication_$((6*7))", "Local 1", Map.of());
            HandoffState state = new HandoffState(HandoffState.targetsFrom(ana.timeline().events(),
                    name -> name.equals("db1") ? Optional.of(db1) : Optional.empty()), null, null, null);
            BundleWriter.export(ana.folder(), new BundleWriter.Request("Primary lagging; restart pending.", "ana",
                    Instant.now(), "test", state, runbook -> runbook.equals(id) ? Optional.of(anaRunbook)
                            : Optional.empty(), Set.of(), null), bundle);
        }
        return bundle;
    }

    /** The page's text; on the FX thread. */
    private String pageText() {
        var document = fx.console().runbook().engine().getDocument();
        return document == null ? "" : document.getDocumentElement().getTextContent();
    }

    @Test
    void aRunbookTheReceiverLacksOpensFromTheBundleMarkedSearchableAndItsStepsWork(FxRobot robot) throws Exception {
        fx.waitForLibrary();
        TerminalTab shell = fx.waitForShell("Local 1");
        Path bundle = anaHandsOff();
        ConsoleFixture.onFx(() -> {
            fx.console().handoff().open(bundle);
            return null;
        });
        ConsoleFixture.waitFor(20, () -> robot.lookup("#handoff-continue").tryQuery().isPresent());
        robot.clickOn("#handoff-continue");

        // The runbook ana used reopens, from the bundle's copy, and says so above everything else on its page.
        ConsoleFixture.waitFor(30, () -> "Restart the primary".equals(fx.console().runbook().engine().getTitle())
                && pageText().contains("by ana"));
        String page = ConsoleFixture.onFx(this::pageText);
        assertThat(page).contains(HandoffRunbooks.SENDER_COPY + " (ana", "your library has no restart-primary.md");
        assertThat(ConsoleFixture.onFx(() -> fx.console().runbook().engine().getDocument()
                .getElementById("copy-notice"))).isNotNull();
        // Each step's history shows ana's run on db1 and the step she typed, with her name.
        String history = ConsoleFixture.onFx(() -> fx.console().runbook().engine().getDocument()
                .getElementById("step-runs-1").getTextContent());
        assertThat(history).contains("db1", "exit 0", "Local 1", "by ana");
        Screenshots.save(fx.console().getScene(), "handoff-snapshot-runbook.png");

        // Found in the palette, marked, and by the library's search (Ctrl+K).
        List<PaletteSearch.Entry> found = ConsoleFixture.onFx(() -> new PaletteSearch().find("restart",
                new PaletteSearch.Sources(fx.console().runbook().library(), fx.console().nodes().inventory(),
                        List.of(), List.of()), 20));
        assertThat(found).filteredOn(e -> e.kind() == PaletteSearch.Kind.RUNBOOK).singleElement()
                .satisfies(e -> assertThat(e.detail()).startsWith(HandoffRunbooks.SENDER_COPY));
        robot.clickOn("#runbook-list");
        robot.press(KeyCode.SHORTCUT, KeyCode.K).release(KeyCode.K, KeyCode.SHORTCUT);
        ConsoleFixture.waitFor(10, () -> robot.lookup("#runbook-search").queryAs(TextField.class).isFocused());
        robot.write("replication");
        ConsoleFixture.waitFor(20, () -> robot.lookup("#runbook-list").queryAs(ListView.class).getItems().stream()
                .anyMatch(r -> ((dev.baton.runbook.Runbook) r).title().equals("Restart the primary")));

        // Its steps work as any runbook's: sent to the terminal, and run on the handed-off production node
        // only after the production confirmation.
        ConsoleFixture.waitFor(10, () -> fx.console().terminals().active().orElseThrow() == shell);
        fx.click("baton:run/1");
        fx.waitForText(shell, "replication_42", 20);
        fx.click("baton:run-on-node/1");
        ConsoleFixture.waitFor(10, () -> robot.lookup("#run-nodes-ok").tryQuery().isPresent());
        DialogButtons.close(robot, "#run-nodes-ok");
        ConsoleFixture.waitFor(10, () -> robot.lookup("#confirm-production").tryQuery().isPresent());
        assertThat(robot.lookup("#confirm-production").queryLabeled().getText()).contains("db1");
        DialogButtons.close(robot, "Cancel");
    }
}
