package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.session.Engine;
import dev.baton.session.FanOutRun;
import dev.baton.ui.fanout.FanOutWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * A group whose inventory says {@code baton_engine=ansible}: the node dialog offers Ansible as its engine, and
 * the step runs through Debian's real ansible into the same grid, which names the engine. The hosts use
 * Ansible's local connection: reaching nodes over ssh through Ansible is AnsibleEngineOpenSshTest's part.
 */
class AnsibleEngineUiTest extends ConsoleTest {
    private static Path dir;

    @BeforeAll
    static void writeInventory() throws Exception {
        dir = Files.createTempDirectory("baton-ansible-ui");
        Path remoteTmp = Files.createDirectories(dir.resolve("remote-tmp"));
        Path inventory = dir.resolve("hosts.ini");
        Files.writeString(inventory, String.join("\n",
                "[web]",
                "web-a1",
                "web-a2",
                "web-a3",
                "[web:vars]",
                "ansible_connection=local",
                "ansible_python_interpreter=/usr/bin/python3",
                "ansible_remote_tmp=" + remoteTmp,
                "baton_engine=ansible", ""));
        Path runbooks = Files.createDirectories(dir.resolve("runbooks"));
        Files.writeString(runbooks.resolve("disk.md"), """
                # Disk usage on the web tier

                ```bash
                echo "disk 40%"; echo '{{ .Names }}'
                ```
                """);
        System.setProperty("baton.inventory", inventory.toString());
        System.setProperty("baton.ansible-home", dir.resolve("ansible-home").toString());
    }

    @AfterAll
    static void removeInventory() {
        System.clearProperty("baton.inventory");
        System.clearProperty("baton.ansible-home");
        deleteQuietly(dir);
    }

    @Override
    protected Path runbooks() {
        return dir.resolve("runbooks");
    }

    @Test
    void theNodeDialogOffersAnsibleAndTheGridShowsItsResults(FxRobot robot) throws Exception {
        fx.waitForLibrary();
        fx.show(runbooks().resolve("disk.md").normalize().toString(), "Disk usage on the web tier");
        ConsoleFixture.waitFor(20, () -> fx.console().nodes().inventory().nodes().size() == 3);
        fx.click("baton:run-on-node/1");
        ConsoleFixture.waitFor(10, () -> robot.lookup("#run-group").tryQuery().isPresent());
        ConsoleFixture.onFx(() -> {
            robot.lookup("#run-group").queryAs(ComboBox.class).setValue("web");
            return null;
        });
        assertThat(ConsoleFixture.onFx(() -> robot.lookup("#run-engine").queryAs(ComboBox.class).getValue()))
                .isEqualTo(Engine.ANSIBLE);
        DialogButtons.close(robot, "#run-nodes-ok");
        ConsoleFixture.waitFor(10, () -> robot.lookup("#confirm-send").tryQuery().isPresent()
                || fx.console().runOnNode().fanOuts().size() == 1);
        if (robot.lookup("#confirm-send").tryQuery().isPresent()) {
            DialogButtons.close(robot, "#confirm-send");
        }
        ConsoleFixture.waitFor(60, () -> fx.console().runOnNode().fanOuts().size() == 1);
        FanOutWindow window = fx.console().runOnNode().fanOuts().get(0);
        FanOutRun run = window.run();
        assertThat(run.await(java.time.Duration.ofSeconds(120))).isTrue();
        assertThat(run.engine()).isEqualTo(Engine.ANSIBLE);
        ConsoleFixture.waitFor(20, () -> ((Label) window.lookup("#fanout-progress")).getText()
                .startsWith(run.progress().toString()));
        assertThat(ConsoleFixture.onFx(() -> ((Label) window.lookup("#fanout-engine")).getText())).isEqualTo("Ansible");
        assertThat(ConsoleFixture.onFx(() -> {
            @SuppressWarnings("unchecked")
            TreeTableView<Object> grid = (TreeTableView<Object>) window.lookup("#fanout-grid");
            TreeItem<Object> group = grid.getRoot().getChildren().get(0);
            group.setExpanded(true);
            return grid.getRoot().getChildren().stream().map(item -> grid.getColumns().get(0).getCellData(item))
                    .map(String::valueOf).toList();
        })).containsExactly("3 nodes: same output, exit 0");
        assertThat(run.outcomes()).allSatisfy(o -> assertThat(o.firstLine()).isEqualTo("disk 40%"));
        if (!System.getProperty("baton.screenshots", "").isBlank()) {
            ConsoleFixture.onFx(() -> {
                javafx.stage.Window stage = fx.console().getScene().getWindow();
                stage.setWidth(1280);
                stage.setHeight(720);
                return null;
            });
            ConsoleFixture.waitFor(10, () -> fx.console().getScene().getWidth() <= 1280);
            Screenshots.save(fx.console().getScene(), "ansible-grid-1280.png");
        }
    }
}
