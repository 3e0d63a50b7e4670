package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.incident.EventType;
import dev.baton.runbook.Seeds;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** The handoff dialog lists a secret typed into the note, and asks before replacing a bundle already there. */
class HandoffDialogUiTest extends ConsoleTest {
    @Override
    protected Path runbooks() {
        return Seeds.shippedRunbooks();
    }

    @Test
    void aTokenInTheNoteIsListedAndAnExistingBundleIsReplacedOnlyWhenConfirmed(FxRobot robot) throws Exception {
        fx.waitForLibrary();
        app.session().start("Disk full", "P2", "").get();
        Path bundle = Files.writeString(dataFolder.resolve("disk-full.baton"), "the handoff before");
        ConsoleFixture.onFx(() -> {
            fx.console().handoff().handOff();
            return null;
        });
        ConsoleFixture.waitFor(20, () -> robot.lookup("#handoff-ok").tryQuery().isPresent());
        assertThat(ConsoleFixture.onFx(() -> robot.lookup("#handoff-secrets-title").queryAs(Label.class).getText()))
                .isEqualTo("No secrets found.");
        ConsoleFixture.onFx(() -> {
            robot.lookup("#handoff-file").queryAs(TextField.class).setText(bundle.toString());
            robot.lookup("#handoff-to").queryAs(TextField.class).setText("bob");
            robot.lookup("#handoff-note").queryAs(TextArea.class)
                    .setText("Pending: deploy.\nGH_TOKEN=ghp_R8mN2xQ7vL4kT9pW3sY6zB1cD5fG0hJ8aK2e\n");
            return null;
        });
        ConsoleFixture.waitFor(10, () -> robot.lookup("#handoff-note-keep-0").tryQuery().isPresent());
        assertThat(ConsoleFixture.onFx(() -> robot.lookup("#handoff-secrets-title").queryAs(Label.class).getText()))
                .startsWith("1 secret(s) found");

        // The whole dialog fits a 720-pixel screen, its Write button too.
        javafx.scene.Scene dialog = robot.lookup("#handoff-ok").query().getScene();
        assertThat(ConsoleFixture.onFx(() -> dialog.getWindow().getHeight())).isLessThanOrEqualTo(720);
        Screenshots.save(dialog, "handoff-dialog.png");
        DialogButtons.press(robot, "#handoff-ok");
        ConsoleFixture.waitFor(20, () -> robot.lookup("#handoff-overwrite").tryQuery().isPresent());
        assertThat(bundle).hasContent("the handoff before");
        DialogButtons.close(robot, "#handoff-overwrite-ok");
        IncidentConsoleTest.until(30, () -> fx.incident().events().stream()
                .anyMatch(e -> e.type().equals(EventType.HANDOFF_EXPORTED) && e.text("to").equals("bob")));
        assertThat(Files.size(bundle)).isGreaterThan(100);
        try (var zip = new java.util.zip.ZipFile(bundle.toFile())) {
            String note = new String(zip.getInputStream(zip.getEntry("handoff.md")).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            assertThat(note).contains("Pending: deploy.").doesNotContain("ghp_R8mN2x");
        }
    }
}
