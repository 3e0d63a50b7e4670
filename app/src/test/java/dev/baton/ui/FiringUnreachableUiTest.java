package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.alerts.AlertFixtures;
import dev.baton.alerts.AlertmanagerServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.control.Label;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * The Firing tab when its Alertmanager (Debian's, on loopback) goes away after a first reading: first its port
 * refuses, then something accepts there and never answers. Either way the tab says since when it is unreachable
 * and keeps the last list, marked stale; it never says "Nothing firing".
 */
class FiringUnreachableUiTest extends ConsoleTest {
    private static final String UNREACHABLE = "Alertmanager team-am unreachable since \\d\\d:\\d\\d — showing the last "
            + "list from \\d\\d:\\d\\d";

    private static Path dir;
    private static Path folder;
    private static AlertmanagerServer alertmanager;
    private static int port;
    private static ServerSocket silent;
    private static final List<Socket> accepted = new CopyOnWriteArrayList<>();

    @Override
    protected Path runbooks() {
        return folder;
    }

    @BeforeAll
    static void startAlertmanager() throws Exception {
        dir = Files.createTempDirectory("baton-firing-down");
        folder = AlertFixtures.runbookFolder(dir);
        alertmanager = AlertmanagerServer.start(dir.resolve("am"));
        port = alertmanager.url().getPort();
        Files.writeString(folder.resolve("baton.yaml"), "alertmanager:\n  - name: team-am\n    url: " + alertmanager.url() + "\n");
        alertmanager.post("[" + AlertFixtures.alert("PaymentsPodRestarting", "warning", "payments", "api-7f9c",
                "node-3:9100") + "," + AlertFixtures.alert("LedgerDown", "critical", "ledger", "ledger-0",
                "node-5:9100") + "]");
        alertmanager.awaitContaining("/api/v2/alerts/groups", "LedgerDown");
        alertmanager.awaitContaining("/api/v2/alerts/groups", "PaymentsPodRestarting");
    }

    @AfterAll
    static void stopAll() throws IOException {
        alertmanager.close();
        for (Socket socket : accepted) {
            socket.close();
        }
        if (silent != null) {
            silent.close();
        }
        deleteQuietly(dir);
    }

    @SuppressWarnings("unchecked")
    private TreeView<Object> table(FxRobot robot) {
        return robot.lookup("#firing-table").queryAs(TreeView.class);
    }

    /** The state line; on the FX thread (conditions of {@link ConsoleFixture#waitFor} are). */
    private static String stateNow(FxRobot robot) {
        return robot.lookup("#firing-state").queryAs(Label.class).getText();
    }

    private static String problemsNow(FxRobot robot) {
        return robot.lookup("#firing-problems").queryAs(Label.class).getText();
    }

    private String state(FxRobot robot) throws Exception {
        return ConsoleFixture.onFx(() -> stateNow(robot));
    }

    private String problems(FxRobot robot) throws Exception {
        return ConsoleFixture.onFx(() -> problemsNow(robot));
    }

    private List<String> rows(FxRobot robot) throws Exception {
        return ConsoleFixture.onFx(() -> {
            TreeView<Object> table = table(robot);
            List<String> shown = new java.util.ArrayList<>();
            for (int i = 0; i < table.getExpandedItemCount(); i++) {
                shown.add(String.valueOf(table.getTreeItem(i).getValue()));
            }
            return shown;
        });
    }

    /** Asks again (as Ctrl+F5 does) until the state line matches; a refresh under way is not doubled. */
    private void refreshUntil(FxRobot robot, int seconds, java.util.concurrent.Callable<Boolean> done) throws Exception {
        ConsoleFixture.waitFor(seconds, () -> {
            if (done.call()) {
                return true;
            }
            fx.console().firing().refresh();
            return false;
        });
    }

    @Test
    void aRefusingThenSilentAlertmanagerKeepsTheLastListMarkedStale(FxRobot robot) throws Exception {
        fx.waitForLibrary();
        robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.F);
        refreshUntil(robot, 30, () -> table(robot).getExpandedItemCount() == 4);
        assertThat(state(robot)).matches("2 firing, 0 silenced or inhibited · read \\d\\d:\\d\\d");
        List<String> listed = rows(robot);

        alertmanager.close(); // its port now refuses
        refreshUntil(robot, 30, () -> stateNow(robot).startsWith("Alertmanager team-am unreachable"));

        assertThat(state(robot)).matches(UNREACHABLE).doesNotContain("Nothing firing");
        assertThat(problems(robot)).contains("connection refused by 127.0.0.1:" + port);
        assertThat(rows(robot)).isEqualTo(listed);
        assertThat(ConsoleFixture.onFx(() -> robot.lookup("#firing-state").query().getStyleClass())).contains("stale");
        assertThat(ConsoleFixture.onFx(() -> table(robot).getStyleClass())).contains("stale");
        String since = state(robot).replaceAll(".*since (\\d\\d:\\d\\d).*", "$1");

        listenWithoutAnswering();
        refreshUntil(robot, 60, () -> problemsNow(robot).contains("timed out"));

        assertThat(state(robot)).matches(UNREACHABLE).contains("since " + since).doesNotContain("Nothing firing");
        assertThat(rows(robot)).isEqualTo(listed);
        assertThat(ConsoleFixture.onFx(() -> table(robot).getStyleClass())).contains("stale");
        Screenshots.save(fx.console().getScene(), "firing-unreachable.png");
    }

    /** Something on the Alertmanager's port that takes each connection and never says a word. */
    private static void listenWithoutAnswering() throws Exception {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(20);
        while (true) {
            try {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                break;
            } catch (java.net.BindException stillHeld) {
                if (java.time.Instant.now().isAfter(deadline)) {
                    throw stillHeld;
                }
                Thread.sleep(100); // the Alertmanager process lets go of the port as it exits
            }
        }
        silent = socket;
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    accepted.add(socket.accept());
                }
            } catch (IOException closed) {
                // the test is over
            }
        }, "silent-alertmanager");
        acceptor.setDaemon(true);
        acceptor.start();
    }
}
