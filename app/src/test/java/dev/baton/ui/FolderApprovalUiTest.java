package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.alerts.AlertFixtures;
import dev.baton.sources.DataSource;
import dev.baton.sources.SourceKind;
import dev.baton.sources.SourcesConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * A runbook folder whose baton.yaml reads a secret: the window asks once per file, shows each source's address
 * and the secret it would read, says no on Enter, and approves (then reloads the sources) only on a click.
 * Approvals go beside the config.yaml of {@code baton.config-home}, never into the real ~/.config.
 */
class FolderApprovalUiTest extends ConsoleTest {
    private static Path dir;
    private static Path folder;
    private static String previousConfig;

    @Override
    protected Path runbooks() {
        return folder;
    }

    @BeforeAll
    static void folderThatReadsASecret() throws Exception {
        dir = Files.createTempDirectory("baton-approval");
        folder = AlertFixtures.runbookFolder(dir);
        Files.writeString(folder.resolve("baton.yaml"), """
                prometheus:
                  - name: team
                    url: http://127.0.0.1:9/
                    auth: { bearer_token_env: TEAM_PROM_TOKEN }
                """);
        previousConfig = System.getProperty("baton.config-home");
        System.setProperty("baton.config-home", dir.resolve("config").toString());
    }

    @AfterAll
    static void configBack() {
        if (previousConfig == null) {
            System.clearProperty("baton.config-home");
        } else {
            System.setProperty("baton.config-home", previousConfig);
        }
        deleteQuietly(dir);
    }

    private static Path approvals() {
        return dir.resolve("config/baton/approved-folders");
    }

    private DialogPane waitForDialog(FxRobot robot) throws Exception {
        ConsoleFixture.waitFor(30, () -> robot.lookup("#folder-approval").tryQuery().isPresent());
        return robot.lookup("#folder-approval").queryAs(DialogPane.class);
    }

    @Test
    void enterSaysNoTheSameFileIsNotAskedAgainAndAChangedOneIsApprovedOnAClick(FxRobot robot) throws Exception {
        DialogPane dialog = waitForDialog(robot);
        String shown = ConsoleFixture.onFx(() -> robot.lookup("#folder-approval-text").queryAs(TextArea.class).getText());
        assertThat(shown).contains(folder.resolve("baton.yaml").toString()).contains("prometheus team")
                .contains("http://127.0.0.1:9/").contains("TEAM_PROM_TOKEN");
        Button dont = robot.lookup("#folder-approval-dont").queryAs(Button.class);
        assertThat(ConsoleFixture.onFx(dont::getText)).isEqualTo(FolderApprovalPrompt.DONT);
        assertThat(ConsoleFixture.onFx(dont::isDefaultButton)).isTrue();
        assertThat(ConsoleFixture.onFx(robot.lookup("#folder-approval-approve").queryAs(Button.class)::isDefaultButton))
                .isFalse();

        javafx.stage.Window window = ConsoleFixture.onFx(() -> dialog.getScene().getWindow());
        ConsoleFixture.onFx(() -> {
            window.requestFocus();
            return null;
        });
        robot.type(KeyCode.ENTER);
        ConsoleFixture.waitFor(10, () -> !window.isShowing());
        assertThat(approvals()).doesNotExist();
        assertThat(SourcesConfig.load(Map.of(), folder).sources(SourceKind.PROMETHEUS)).isEmpty();

        // The library loaded again with the same file: not asked again.
        var same = dev.baton.runbook.RunbookLibrary.load(folder);
        ConsoleFixture.onFx(() -> {
            fx.console().setLibrary(same, "reloaded");
            return null;
        });
        // Then the file changes: a new file, asked anew.
        Files.writeString(folder.resolve("baton.yaml"), Files.readString(folder.resolve("baton.yaml"))
                .replace("TEAM_PROM_TOKEN", "TEAM_PROM_TOKEN_2"));
        var changed = dev.baton.runbook.RunbookLibrary.load(folder);
        ConsoleFixture.onFx(() -> {
            fx.console().setLibrary(changed, "reloaded");
            return null;
        });
        waitForDialog(robot);
        assertThat(ConsoleFixture.onFx(() -> robot.lookup("#folder-approval-text").queryAs(TextArea.class).getText()))
                .contains("TEAM_PROM_TOKEN_2");
        assertThat(robot.lookup("#folder-approval").queryAll()).hasSize(1);
        DialogButtons.close(robot, "#folder-approval-approve");
        ConsoleFixture.waitFor(10, () -> Files.exists(approvals()));
        assertThat(Files.readString(approvals())).contains(folder.toAbsolutePath().normalize().toString());
        assertThat(SourcesConfig.load(Map.of(), folder).sources(SourceKind.PROMETHEUS)).extracting(DataSource::name)
                .containsExactly("team");
    }
}
