package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.session.FanOutRun;
import dev.baton.session.ManyNodesServer;
import dev.baton.session.NodeOutcome;
import dev.baton.ssh.InProcessSshServer;
import dev.baton.ui.fanout.FanOutWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * A step run on the twenty nodes of an inventory group: one window, the grid grouping the eighteen that
 * said the same, the failed ones filtered, and Retry failed running again on just those.
 */
class FanOutUiTest extends ConsoleTest {
    private static Path dir;
    private static ManyNodesServer server;

    @BeforeAll
    static void startNodes() throws Exception {
        dir = Files.createTempDirectory("baton-fanout");
        Path key = InProcessSshServer.generateClientKey(dir.resolve("keys"), "id_ed25519", "");
        List<String> addresses = ManyNodesServer.addresses(2, 20);
        server = ManyNodesServer.start(addresses, InProcessSshServer.publicKeyOf(key), InProcessSshServer.newHostKey());
        Path inventory = dir.resolve("hosts.ini");
        Files.writeString(inventory, "[web]\n" + addresses.stream().map(address -> "n"
                + address.substring(address.lastIndexOf('.') + 1) + " ansible_host=" + address + " ansible_port="
                + server.port() + " ansible_user=" + InProcessSshServer.USER + " ansible_ssh_private_key_file=" + key)
                .collect(Collectors.joining("\n", "", "\n")));
        Files.writeString(dir.resolve("known_hosts"), server.knownHosts());
        Path runbooks = Files.createDirectories(dir.resolve("runbooks"));
        Path mark = dir.resolve("n5-failed-once");
        Files.writeString(runbooks.resolve("disk.md"), """
                # Disk usage on the web tier

                ```bash
                case $NODE_ADDR in 127.0.0.5) if [ -e %s ]; then echo "disk 40%%"; else touch %s; echo "disk 91%%"; exit 1; fi;; 127.0.0.6) echo "disk 91%%"; exit 1;; *) echo "disk 40%%";; esac
                ```
                """.formatted(mark, mark));
        Files.writeString(runbooks.resolve("clean.md"), """
                # Clean the web tier's scratch

                ```bash
                rm -rf %s; echo cleaned
                ```
                """.formatted(dir.resolve("scratch")));
        System.setProperty("baton.inventory", inventory.toString());
        System.setProperty("baton.known-hosts", dir.resolve("known_hosts").toString());
    }

    @AfterAll
    static void stopNodes() throws Exception {
        System.clearProperty("baton.inventory");
        System.clearProperty("baton.known-hosts");
        server.close();
        deleteQuietly(dir);
    }

    @Override
    protected Path runbooks() {
        return dir.resolve("runbooks");
    }

    private static List<String> rows(FanOutWindow window) throws Exception {
        return ConsoleFixture.onFx(() -> {
            @SuppressWarnings("unchecked")
            TreeTableView<Object> grid = (TreeTableView<Object>) window.lookup("#fanout-grid");
            return grid.getRoot().getChildren().stream().map(TreeItem::getValue).map(row -> row.toString()).toList();
        });
    }

    private static List<String> names(FanOutWindow window) throws Exception {
        return ConsoleFixture.onFx(() -> {
            @SuppressWarnings("unchecked")
            TreeTableView<Object> grid = (TreeTableView<Object>) window.lookup("#fanout-grid");
            return grid.getRoot().getChildren().stream().map(item -> grid.getColumns().get(0).getCellData(item))
                    .map(String::valueOf).toList();
        });
    }

    private static void finished(FanOutWindow window) throws Exception {
        try {
            window.run().await(java.time.Duration.ofSeconds(60));
        } finally {
            assertThat(window.run().progress().finished()).as("%s", window.run().outcomes().stream()
                    .map(o -> o.name() + " " + o.status() + " " + o.reason()).toList()).isTrue();
        }
        ConsoleFixture.waitFor(20, () -> window.run().progress().finished()
                && window.lookup("#fanout-retry") != null
                && ((javafx.scene.control.Label) window.lookup("#fanout-progress")).getText()
                        .startsWith(window.run().progress().toString()));
    }

    @Test
    void aGroupRunsInOneGridThatGroupsFiltersAndRetries(FxRobot robot) throws Exception {
        fx.waitForLibrary();
        fx.show(runbooks().resolve("disk.md").normalize().toString(), "Disk usage on the web tier");
        ConsoleFixture.waitFor(20, () -> fx.console().nodes().inventory().nodes().size() == 20);
        fx.click("baton:run-on-node/1");
        // The step reads $NODE_ADDR and never sets it: Baton asks, and a blank answer leaves it to each node's shell.
        ConsoleFixture.waitFor(10, () -> robot.lookup("#placeholder-NODE_ADDR").tryQuery().isPresent());
        DialogButtons.close(robot, "#placeholder-ok");
        ConsoleFixture.waitFor(10, () -> robot.lookup("#run-group").tryQuery().isPresent());
        ConsoleFixture.onFx(() -> {
            robot.lookup("#run-group").queryAs(ComboBox.class).setValue("web");
            return null;
        });
        DialogButtons.close(robot, "#run-nodes-ok");
        ConsoleFixture.waitFor(10, () -> robot.lookup("#confirm-send").tryQuery().isPresent());
        assertThat(robot.lookup("#confirm-send").queryButton().getText()).isEqualTo("Run on 20 nodes of group web");
        DialogButtons.close(robot, "#confirm-send");

        ConsoleFixture.waitFor(10, () -> fx.console().runOnNode().fanOuts().size() == 1);
        FanOutWindow window = fx.console().runOnNode().fanOuts().get(0);
        finished(window);
        FanOutRun run = window.run();
        assertThat(run.progress().failed()).isEqualTo(2);
        assertThat(names(window)).containsExactly("18 nodes: same output, exit 0", "2 nodes: same output, exit 1");

        ConsoleFixture.onFx(() -> {
            @SuppressWarnings("unchecked")
            TreeTableView<Object> grid = (TreeTableView<Object>) window.lookup("#fanout-grid");
            TreeItem<Object> failedGroup = grid.getRoot().getChildren().get(1);
            failedGroup.setExpanded(true);
            grid.getSelectionModel().clearSelection();
            grid.getSelectionModel().select(failedGroup.getChildren().get(0));
            grid.getSelectionModel().select(grid.getRoot().getChildren().get(0));
            return null;
        });
        ConsoleFixture.waitFor(10, () -> ((javafx.scene.control.TextArea) window.lookup("#fanout-details"))
                .getText().startsWith("--- "));
        assertThat(ConsoleFixture.onFx(() -> ((javafx.scene.control.TextArea) window
                .lookup("#fanout-details")).getText())).contains("n5", "disk 91%", "disk 40%", "@@");

        ConsoleFixture.onFx(() -> {
            ((CheckBox) window.lookup("#fanout-failed-only")).setSelected(true);
            return null;
        });
        assertThat(names(window)).containsExactly("2 nodes: same output, exit 1");

        ConsoleFixture.onFx(() -> {
            ((javafx.scene.control.Button) window.lookup("#fanout-retry")).fire();
            return null;
        });
        ConsoleFixture.waitFor(10, () -> fx.console().runOnNode().fanOuts().size() == 2);
        FanOutWindow retried = fx.console().runOnNode().fanOuts().get(1);
        finished(retried);
        assertThat(retried.run().outcomes()).extracting(NodeOutcome::name).containsExactly("n5", "n6");
        assertThat(retried.run().outcomes()).extracting(NodeOutcome::status)
                .containsExactly(NodeOutcome.Status.SUCCEEDED, NodeOutcome.Status.FAILED);
        assertThat(names(retried)).containsExactlyInAnyOrder("n5", "n6");
        assertThat(rows(retried)).hasSize(2);
    }

    /** A destructive step on a group stops after its canary, in the grid, until the responder continues. */
    @Test
    void aDestructiveStepRunsOnTheCanaryAndWaitsForContinue(FxRobot robot) throws Exception {
        fx.waitForLibrary();
        fx.show(runbooks().resolve("clean.md").normalize().toString(), "Clean the web tier's scratch");
        ConsoleFixture.waitFor(20, () -> fx.console().nodes().inventory().nodes().size() == 20);
        int before = fx.console().runOnNode().fanOuts().size();
        fx.click("baton:run-on-node/1");
        ConsoleFixture.waitFor(10, () -> robot.lookup("#run-group").tryQuery().isPresent());
        ConsoleFixture.onFx(() -> {
            robot.lookup("#run-group").queryAs(ComboBox.class).setValue("web");
            return null;
        });
        DialogButtons.close(robot, "#run-nodes-ok");
        ConsoleFixture.waitFor(10, () -> robot.lookup("#confirm-send").tryQuery().isPresent());
        DialogButtons.close(robot, "#confirm-send");

        ConsoleFixture.waitFor(10, () -> fx.console().runOnNode().fanOuts().size() == before + 1);
        FanOutWindow window = fx.console().runOnNode().fanOuts().get(before);
        ConsoleFixture.waitFor(30, () -> window.lookup("#fanout-canary").isVisible());
        FanOutRun run = window.run();
        assertThat(run.awaitingResponder()).isTrue();
        assertThat(run.progress().done()).isEqualTo(1);
        assertThat(ConsoleFixture.onFx(() -> ((javafx.scene.control.Label) window.lookup("#fanout-canary-question"))
                .getText())).isEqualTo("Canary n2: succeeded (exit 0). Look at its output below.");
        assertThat(ConsoleFixture.onFx(() -> ((javafx.scene.control.Button) window.lookup("#fanout-continue"))
                .getText())).isEqualTo("Continue on 19 more");
        // The nineteen nodes not yet run wait in one row, open to list them. A redraw keeps the grid's root, that row
        // and the row of a node whose outcome did not change: with 1,000 nodes a new root, a new row per node, or
        // rows that each moved one place with every result stalled the FX thread.
        assertThat(names(window)).containsExactly("n2", "19 nodes waiting");
        List<Object> shown = ConsoleFixture.onFx(() -> {
            @SuppressWarnings("unchecked")
            TreeTableView<Object> grid = (TreeTableView<Object>) window.lookup("#fanout-grid");
            TreeItem<Object> waitingRow = grid.getRoot().getChildren().get(1);
            waitingRow.setExpanded(true);
            TreeItem<Object> waiting = waitingRow.getChildren().stream()
                    .filter(item -> grid.getColumns().get(0).getCellData(item).equals("n3")).findFirst().orElseThrow();
            ((CheckBox) window.lookup("#fanout-failed-only")).setSelected(true);
            ((CheckBox) window.lookup("#fanout-failed-only")).setSelected(false);
            return List.of(grid.getRoot(), waitingRow, waiting);
        });
        ConsoleFixture.onFx(() -> {
            @SuppressWarnings("unchecked")
            TreeTableView<Object> grid = (TreeTableView<Object>) window.lookup("#fanout-grid");
            assertThat(grid.getRoot()).isSameAs(shown.get(0));
            assertThat(grid.getRoot().getChildren()).hasSize(2).contains((TreeItem<Object>) shown.get(1));
            TreeItem<?> waitingRow = (TreeItem<?>) shown.get(1);
            assertThat(waitingRow.isExpanded()).isTrue();
            assertThat(waitingRow.getChildren()).hasSize(19).contains((TreeItem) shown.get(2));
            assertThat(((TreeItem<?>) shown.get(2)).getParent()).isSameAs(waitingRow);
            assertThat(waitingRow.getChildren().stream().map(item -> String.valueOf(grid.getColumns().get(1)
                    .getCellData((TreeItem<Object>) item))).toList()).containsOnly("waiting");
            assertThat(grid.getColumns().get(1).getCellData(grid.getRoot().getChildren().get(1))).isEqualTo("waiting");
            return null;
        });
        ConsoleFixture.onFx(() -> {
            ((javafx.scene.control.Button) window.lookup("#fanout-continue")).fire();
            return null;
        });
        finished(window);
        assertThat(run.progress().failed()).isZero();
        assertThat(run.progress().done()).isEqualTo(20);
        ConsoleFixture.waitFor(10, () -> !window.lookup("#fanout-canary").isVisible());
    }
}
