package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.inventory.Inventory;
import dev.baton.inventory.InventoryLoader;
import dev.baton.session.Engine;
import dev.baton.session.EngineDefaults;
import dev.baton.ui.fanout.TargetDialog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The node dialog preselects the engine the inventory or config.yaml sets for the chosen nodes and says why; an
 * engine Baton does not have is shown naming its group, and OK waits until the responder picks one.
 */
@ExtendWith(ApplicationExtension.class)
class TargetDialogEngineUiTest {
    @TempDir
    static Path dir;
    private TargetDialog dialog;

    @Start
    void start(Stage stage) {
        stage.show();
    }

    private void open() throws Exception {
        Path hosts = Files.writeString(dir.resolve("hosts.ini"), String.join("\n", "[prod_db]", "db1", "db2",
                "[web]", "web1", "[cache]", "c1", "[prod_db:vars]", "baton_engine=ansible", "[cache:vars]",
                "baton_engine=salt", ""));
        Path home = Files.createDirectories(dir.resolve("xdg/baton"));
        Files.writeString(home.resolve("config.yaml"), "engines:\n  web: ssh\n");
        Inventory inventory = EngineDefaults.apply(InventoryLoader.load(List.of(hosts)),
                Map.of("XDG_CONFIG_HOME", dir.resolve("xdg").toString()), null);
        ConsoleFixture.onFx(() -> {
            // Its controls are read and driven as built; showing it adds nothing these checks need.
            dialog = new TargetDialog(inventory, Optional.empty());
            return null;
        });
    }

    private Object onDialog(String id, java.util.function.Function<javafx.scene.Node, Object> read) throws Exception {
        return ConsoleFixture.onFx(() -> read.apply(dialog.getDialogPane().lookup(id)));
    }

    private void group(String name) throws Exception {
        ConsoleFixture.onFx(() -> {
            ((ComboBox<?>) dialog.getDialogPane().lookup("#run-group")).getSelectionModel().select(
                    ((ComboBox<?>) dialog.getDialogPane().lookup("#run-group")).getItems().indexOf(name));
            return null;
        });
    }

    @Test
    void theEngineSetForAGroupIsPreselectedWithItsReason() throws Exception {
        open();
        group("prod_db");
        assertThat(onDialog("#run-engine", n -> ((ComboBox<?>) n).getValue())).isEqualTo(Engine.ANSIBLE);
        assertThat(onDialog("#run-engine-why", n -> ((Label) n).getText())).isEqualTo("Ansible: set by group prod_db");
        group("web");
        assertThat(onDialog("#run-engine", n -> ((ComboBox<?>) n).getValue())).isEqualTo(Engine.SSH);
        assertThat(onDialog("#run-engine-why", n -> ((Label) n).getText()))
                .isEqualTo("SSH: set by group web in your config.yaml");
    }

    @Test
    void anEngineBatonDoesNotHaveIsNamedAndOkWaitsForTheResponder() throws Exception {
        open();
        group("cache");
        assertThat(onDialog("#run-engine-why", n -> ((Label) n).getText())).asString().contains("group cache")
                .contains("'salt'");
        assertThat(onDialog("#run-engine", n -> ((ComboBox<?>) n).getValue())).isNull();
        assertThat(ConsoleFixture.onFx(() -> dialog.getDialogPane().lookupButton(ButtonType.OK).isDisabled())).isEqualTo(true);
        ConsoleFixture.onFx(() -> {
            @SuppressWarnings("unchecked")
            ComboBox<Engine> engine = (ComboBox<Engine>) dialog.getDialogPane().lookup("#run-engine");
            engine.getSelectionModel().select(Engine.SSH);
            return null;
        });
        assertThat(ConsoleFixture.onFx(() -> dialog.getDialogPane().lookupButton(ButtonType.OK).isDisabled())).isEqualTo(false);
        assertThat(onDialog("#run-engine-why", n -> ((Label) n).getText())).isEqualTo("SSH: chosen here");
    }
}
