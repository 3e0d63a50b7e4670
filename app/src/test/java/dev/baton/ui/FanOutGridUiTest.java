package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.session.FanOut;
import dev.baton.session.FanOutRun;
import dev.baton.session.ManyNodesServer;
import dev.baton.ssh.InProcessSshServer;
import dev.baton.ssh.KnownHosts;
import dev.baton.ssh.SshConnector;
import dev.baton.ssh.SshPrompts;
import dev.baton.ssh.SshSettings;
import dev.baton.step.ExecPlan;
import dev.baton.ui.fanout.FanOutWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.Scene;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * While results arrive the grid keeps its rows in place: groups, then the nodes under way, then one row for the nodes
 * still waiting, with their count. That row stays open once opened, and what the responder selected stays selected
 * as nodes move from waiting to running to a group.
 */
@ExtendWith(ApplicationExtension.class)
class FanOutGridUiTest {
    private static Path dir;
    private static ManyNodesServer server;
    private static Path key;
    private static ExecutorService executor;
    private Stage stage;

    @BeforeAll
    static void startNodes() throws Exception {
        dir = Files.createTempDirectory("baton-grid");
        key = InProcessSshServer.generateClientKey(dir.resolve("keys"), "id_ed25519", "");
        server = ManyNodesServer.start(ManyNodesServer.addresses(2, 6), InProcessSshServer.publicKeyOf(key),
                InProcessSshServer.newHostKey());
        Files.writeString(dir.resolve("known_hosts"), server.knownHosts());
        executor = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stopNodes() throws Exception {
        server.close();
        executor.shutdownNow();
        ConsoleTest.deleteQuietly(dir);
    }

    @Start
    void start(Stage shown) {
        stage = shown;
        stage.show();
    }

    @Test
    void waitingNodesShareOneRowAndTheSelectionSurvivesResults() throws Exception {
        // Each node runs until the test lets it go: a file named after its address.
        Path gates = Files.createDirectories(dir.resolve("gates"));
        String command = "while [ ! -e " + gates + "/$NODE_ADDR ]; do sleep 0.05; done; echo 'disk 40%'";
        SshSettings settings = SshSettings.ofUser().withKnownHosts(new KnownHosts(dir.resolve("known_hosts")))
                .withConnectTimeout(Duration.ofSeconds(10)).withAgent(Optional.empty()).withDefaultIdentities(List.of());
        FanOut fanOut = new FanOut(FanOut.Connections.opening(new SshConnector(settings, SshPrompts.NONE,
                name -> Optional.empty())), dir.resolve("spool"), Optional.empty());
        FanOutRun run = fanOut.start(null, 1, ExecPlan.of(command, Map.of()), server.nodes(key), Map.of(),
                new FanOut.Options(2, Duration.ofMinutes(2)), outcome -> { });
        FanOutWindow window = ConsoleFixture.onFx(() -> {
            FanOutWindow grid = new FanOutWindow(fanOut, null, 1, "6 nodes",
                    new Background(executor, new ErrorReporter(message -> { })), notes -> { }, opened -> { });
            stage.setScene(new Scene(grid, 900, 500));
            grid.watch(run);
            return grid;
        });
        try {
            ConsoleFixture.waitFor(30, () -> rows(window).equals(List.of("n2 running", "n3 running",
                    "4 nodes waiting waiting")));
            ConsoleFixture.onFx(() -> {
                TreeItem<Object> waiting = grid(window).getRoot().getChildren().get(2);
                waiting.setExpanded(true);
                grid(window).getSelectionModel().select(waiting.getChildren().get(2)); // n6
                return null;
            });

            Files.createFile(gates.resolve("127.0.0.2"));
            // n4 starts in the row n2 had while it ran; n3 keeps its row.
            ConsoleFixture.waitFor(30, () -> rows(window).equals(List.of("n2 succeeded", "n4 running", "n3 running",
                    "3 nodes waiting waiting")));
            assertThat(ConsoleFixture.onFx(() -> grid(window).getRoot().getChildren().get(3).isExpanded())).isTrue();
            assertThat(selected(window)).containsExactly("n6");
            // A node that ended shows how long it ran; one still running has no duration yet.
            List<String> shown = ConsoleFixture.onFx(() -> durations(window));
            assertThat(shown.get(0)).matches("\\d+\\.\\d s");
            assertThat(shown.subList(1, 3)).containsOnly("");

            Files.createFile(gates.resolve("127.0.0.3"));
            ConsoleFixture.waitFor(30, () -> rows(window).get(0).equals("2 nodes: same output, exit 0 succeeded"));
            List<TreeItem<Object>> kept = ConsoleFixture.onFx(() -> {
                grid(window).getSelectionModel().select(grid(window).getRoot().getChildren().get(0));
                return List.of(grid(window).getRoot().getChildren().get(0), grid(window).getRoot().getChildren()
                        .get(grid(window).getRoot().getChildren().size() - 1));
            });
            assertThat(selected(window)).containsExactlyInAnyOrder("n6", "2 nodes: same output, exit 0");

            // The group grows: its row stays selected, as does the waiting node once it runs.
            Files.createFile(gates.resolve("127.0.0.4"));
            ConsoleFixture.waitFor(30, () -> rows(window).get(0).equals("3 nodes: same output, exit 0 succeeded")
                    && rows(window).get(rows(window).size() - 1).equals("1 node waiting waiting"));
            assertThat(selected(window)).containsExactlyInAnyOrder("n6", "3 nodes: same output, exit 0");
            // The group's row and the waiting row are the same rows, their counts changed in place.
            assertThat(ConsoleFixture.onFx(() -> grid(window).getRoot().getChildren().get(0))).isSameAs(kept.get(0));
            assertThat(ConsoleFixture.onFx(() -> grid(window).getRoot().getChildren()
                    .get(grid(window).getRoot().getChildren().size() - 1))).isSameAs(kept.get(1));

            for (String address : List.of("127.0.0.5", "127.0.0.6", "127.0.0.7")) {
                Files.createFile(gates.resolve(address));
            }
            assertThat(run.await(Duration.ofSeconds(60))).isTrue();
            ConsoleFixture.waitFor(30, () -> rows(window).equals(List.of("6 nodes: same output, exit 0 succeeded")));
            // n6 is now one of the group's members; the group's row is still selected.
            assertThat(selected(window)).contains("6 nodes: same output, exit 0");
        } finally {
            run.cancel();
            ConsoleFixture.onFx(() -> {
                window.closed();
                return null;
            });
        }
    }

    @SuppressWarnings("unchecked")
    private static TreeTableView<Object> grid(FanOutWindow window) {
        return (TreeTableView<Object>) window.lookup("#fanout-grid");
    }

    /** Each top-level row as its Node and State columns read; on the FX thread (waitFor runs its test there). */
    private static List<String> rows(FanOutWindow window) {
        TreeTableView<Object> grid = grid(window);
        return grid.getRoot() == null ? List.of() : grid.getRoot().getChildren().stream()
                .map(item -> grid.getColumns().get(0).getCellData(item) + " "
                        + grid.getColumns().get(1).getCellData(item)).toList();
    }

    private static List<String> durations(FanOutWindow window) {
        TreeTableView<Object> grid = grid(window);
        return grid.getRoot().getChildren().stream()
                .map(item -> String.valueOf(grid.getColumns().get(3).getCellData(item))).toList();
    }

    private static List<String> selected(FanOutWindow window) throws Exception {
        return ConsoleFixture.onFx(() -> {
            TreeTableView<Object> grid = grid(window);
            return grid.getSelectionModel().getSelectedItems().stream()
                    .map(item -> String.valueOf(grid.getColumns().get(0).getCellData(item))).toList();
        });
    }
}
