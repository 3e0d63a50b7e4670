package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.incident.EventType;
import dev.baton.session.IncidentSnapshot;
import dev.baton.incident.Timeline;
import dev.baton.incident.TimelineEvent;
import dev.baton.ui.terminal.TerminalTab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.TextArea;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** The incident pane with a real shell, a real SSH server and real files: what the responder does lands in the timeline and notes. */
class IncidentUiTest extends IncidentConsoleTest {
    private String notes() throws Exception {
        return ConsoleFixture.onFx(() -> fx.console().incident().notesText());
    }

    @Test
    void aTickedChecklistItemStartsAnIncidentAndLandsInTheTimeline(FxRobot robot) throws Exception {
        showDiskFull();
        fx.click("baton:tick/2");

        until(20, () -> !events(EventType.CHECKLIST_TICKED).isEmpty());
        assertThat(events(EventType.CHECKLIST_TICKED)).singleElement().satisfies(event -> {
            assertThat(event.text("item")).isEqualTo("2");
            assertThat(event.text("text")).isEqualTo("Freed space without touching database files");
            assertThat(event.text("runbook")).endsWith("disk-full.md");
        });
        assertThat(incident().info().title()).isEqualTo("Disk full");
        ConsoleFixture.waitFor(10, () -> fx.console().incident().events().stream()
                .anyMatch(e -> e.type().equals(EventType.CHECKLIST_TICKED)));
        assertThat(robot.lookup("#timeline-list").queryListView().getItems()).hasSize(2);

        fx.click("baton:tick/2");
        until(10, () -> !events(EventType.CHECKLIST_UNTICKED).isEmpty());
        assertThat(Timeline.verify(incident().folder().resolve("timeline.jsonl")).intact()).isTrue();
    }

    @Test
    void anExecResultIsRecordedWithItsOutputAndCapturedIntoTheNotes(FxRobot robot) throws Exception {
        showDiskFull();
        runFirstStepOnDb1(robot);
        TimelineEvent result = events(EventType.RUN_RESULT).get(0);
        assertThat(result.text("target")).isEqualTo("db1");
        assertThat(result.text("exit")).isEqualTo("0");
        assertThat(Files.readString(incident().folder().resolve(result.text("stdout")))).contains("Filesystem");
        assertThat(events(EventType.STEP_RUN)).singleElement()
                .satisfies(e -> assertThat(e.text("targets")).isEqualTo("db1"));

        robot.clickOn("#run-capture");
        until(10, () -> notes().contains("**Capture** · db1"));
        assertThat(notes()).contains("exit 0 in", "$ df -h -x tmpfs -x devtmpfs", "Filesystem");
        assertThat(events(EventType.CAPTURE)).singleElement()
                .satisfies(e -> assertThat(e.text("source")).isEqualTo("exec"));
        // The capture is in the notes file within the autosave delay, without a keystroke.
        Path notesFile = incident().folder().resolve("notes.md");
        until(5, () -> Files.exists(notesFile) && Files.readString(notesFile).contains("**Capture** · db1"));
    }

    @Test
    void aTerminalSelectionAndTheLastCommandsOutputAreCaptured(FxRobot robot) throws Exception {
        showDiskFull();
        TerminalTab shell = fx.waitForShell("Local 1");
        shell.session().connector().write("printf 'alpha-%s\\nbeta\\n' $((40+2))\n");
        fx.waitForText(shell, "alpha-42", 20);
        ConsoleFixture.waitFor(10, () -> shell.widget().lastCommand().isPresent());

        ConsoleFixture.onFx(() -> {
            fx.console().activeTerminal().captureLastCommand();
            return null;
        });
        until(10, () -> notes().contains("alpha-42"));
        assertThat(notes()).contains("· last-command", "$ printf 'alpha-%s\\nbeta\\n' $((40+2))", "alpha-42\nbeta\n");

        ConsoleFixture.onFx(() -> {
            shell.widget().getTerminalPanel().selectAll();
            fx.console().activeTerminal().captureSelection();
            return null;
        });
        until(10, () -> events(EventType.CAPTURE).size() == 2);
        assertThat(events(EventType.CAPTURE).get(1).text("source")).isEqualTo("selection");
        assertThat(notes()).contains("· selection");
    }

    @Test
    void typedNotesAreSavedWithinASecondAndSurviveAReopen(FxRobot robot) throws Exception {
        showDiskFull();
        robot.clickOn("#incident-new");
        ConsoleFixture.waitFor(10, () -> robot.lookup("#incident-dialog-ok").tryQuery().isPresent());
        DialogButtons.close(robot, "#incident-dialog-ok");
        IncidentSnapshot incident = incident();
        assertThat(incident.info().title()).isEqualTo("Disk full");

        robot.clickOn("#notes-editor").write("Paged DBA at 03:14");
        Path notesFile = incident.folder().resolve("notes.md");
        until(5, () -> Files.exists(notesFile) && Files.readString(notesFile).equals("Paged DBA at 03:14"));
        assertThat(ConsoleFixture.onFx(() -> robot.lookup("#notes-editor").queryAs(TextArea.class).getText()))
                .isEqualTo("Paged DBA at 03:14");
    }

    @Test
    void aStepSentToATerminalIsRecordedWithTheExactText(FxRobot robot) throws Exception {
        showDiskFull();
        TerminalTab shell = fx.waitForShell("Local 1");
        fx.click("baton:run/1");
        fx.waitForText(shell, "IUse%", 20);
        until(10, () -> !events(EventType.STEP_SENT).isEmpty());
        TimelineEvent sent = events(EventType.STEP_SENT).get(0);
        assertThat(sent.text("text")).startsWith("df -h -x tmpfs -x devtmpfs\ndf -i -x tmpfs -x devtmpfs");
        assertThat(sent.text("target")).isEqualTo("Local 1");
        assertThat(sent.text("step")).isEqualTo("1");
    }

    @Test
    void aShortcutPressedInATerminalRunsItsActionAndTypesNothingIntoTheShell(FxRobot robot) throws Exception {
        showDiskFull();
        TerminalTab shell = fx.waitForShell("Local 1");
        shell.session().connector().write("echo shortcut-$((6*7))\n");
        fx.waitForText(shell, "shortcut-42", 20);
        ConsoleFixture.waitFor(10, () -> shell.widget().lastCommand().isPresent());
        robot.clickOn(shell.widget().getPane());
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.SHIFT, javafx.scene.input.KeyCode.L)
                .release(javafx.scene.input.KeyCode.L, javafx.scene.input.KeyCode.SHIFT, javafx.scene.input.KeyCode.CONTROL);
        until(10, () -> notes().contains("· last-command"));
        robot.write("echo typed-after");
        robot.type(javafx.scene.input.KeyCode.ENTER);
        fx.waitForText(shell, "typed-after", 20);
        String screen = ConsoleFixture.onFx(() -> shell.widget().screenText());
        assertThat(screen).contains("echo typed-after").doesNotContain("Lecho typed-after")
                .doesNotContain("command not found");
    }
}
