package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.ui.terminal.TerminalTab;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** The placeholder dialog and the destructive confirmation, against a real shell. */
class StepDialogsTest extends ConsoleTest {
    @Override
    protected Path runbooks() {
        return folder;
    }

    private static Path folder;
    private static Path marker;

    @AfterAll
    static void removeRunbooks() {
        deleteQuietly(folder);
    }

    @BeforeAll
    static void writeRunbooks() throws Exception {
        folder = Files.createTempDirectory("baton-dialogs");
        marker = folder.resolve("marker-file");
        Files.writeString(folder.resolve("steps.md"), """
                # Dialog steps

                ```bash
                echo "hello-<name>" | tr a-z A-Z
                ```

                ```bash
                rm -f %s
                ```

                Replace checkout-xxxxx with the pod's name.

                ```bash
                echo "pod checkout-xxxxx on $NODE" | tr a-z A-Z
                ```
                """.formatted(marker));
    }



    private void waitForDialog(FxRobot robot, String id) throws Exception {
        ConsoleFixture.waitFor(10, () -> robot.lookup(id).tryQuery().isPresent());
    }

    @Test
    void placeholdersAreAskedForOnceAndRemembered(FxRobot robot) throws Exception {
        fx.waitForLibrary();
        TerminalTab shell = fx.waitForShell("Local 1");
        fx.show(folder.resolve("steps.md").toString(), "Dialog steps");

        fx.click("baton:run/1");
        waitForDialog(robot, "#placeholder-name");
        DialogButtons.press(robot, "#placeholder-name");
        robot.write("world");
        DialogButtons.close(robot, "#placeholder-ok");
        fx.waitForText(shell, "HELLO-WORLD", 20);

        fx.click("baton:run/1");
        waitForDialog(robot, "#placeholder-name");
        assertThat(robot.lookup("#placeholder-name").queryAs(TextField.class).getText()).isEqualTo("world");
        DialogButtons.close(robot, "#placeholder-ok");
    }

    @Test
    void anXWordIsAskedForAndAnUnsetVariableIsOfferedFromTheIncident(FxRobot robot) throws Exception {
        fx.waitForLibrary();
        TerminalTab shell = fx.waitForShell("Local 1");
        fx.session().start("Checkout down", "critical", "CheckoutDown").get(20, java.util.concurrent.TimeUnit.SECONDS);
        fx.session().withOpen(open -> {
            open.variablesFrom(java.util.Map.of("node", "db-7"), "alert CheckoutDown");
            return null;
        }).get(20, java.util.concurrent.TimeUnit.SECONDS);
        fx.show(folder.resolve("steps.md").toString(), "Dialog steps");

        fx.click("baton:run/3");
        waitForDialog(robot, "#placeholder-checkout-xxxxx");
        assertThat(robot.lookup("#placeholder-NODE").queryAs(TextField.class).getText()).isEqualTo("db-7");
        DialogButtons.press(robot, "#placeholder-checkout-xxxxx");
        robot.write("checkout-7c9d");
        DialogButtons.close(robot, "#placeholder-ok");
        fx.waitForText(shell, "POD CHECKOUT-7C9D ON DB-7", 20);
    }

    /** The dialog runbook on screen beside the first local shell, with the marker file in place. */
    private TerminalTab openStepsWithMarker() throws Exception {
        Files.writeString(marker, "still here");
        fx.waitForLibrary();
        TerminalTab shell = fx.waitForShell("Local 1");
        fx.show(folder.resolve("steps.md").toString(), "Dialog steps");
        return shell;
    }

    @Test
    void destructiveStepNamesTheTerminalAndIsTypedButNotRun(FxRobot robot) throws Exception {
        TerminalTab shell = openStepsWithMarker();

        fx.click("baton:run/2");
        waitForDialog(robot, "#confirm-send");
        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertThat(pane.getHeaderText()).contains("Destructive", "Local 1");
        Button send = robot.lookup("#confirm-send").queryAs(Button.class);
        assertThat(send.getText()).isEqualTo("Type into “Local 1”");
        assertThat(send.isDefaultButton()).as("Enter must not confirm a destructive step").isFalse();
        DialogButtons.close(robot, "#confirm-send");

        fx.waitForText(shell, "rm -f " + marker, 20);
        Thread.sleep(1000);
        assertThat(marker).as("typed, not submitted").exists();

        shell.session().connector().write("\r");
        ConsoleFixture.waitFor(10, () -> !Files.exists(marker));
    }

    @Test
    void cancellingTheConfirmationSendsNothing(FxRobot robot) throws Exception {
        TerminalTab shell = openStepsWithMarker();
        fx.click("baton:run/2");
        waitForDialog(robot, "#confirm-send");
        DialogButtons.close(robot, "Cancel");
        Thread.sleep(800);
        assertThat(shell.widget().text()).doesNotContain("rm -f");
    }
}
