package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.incident.EventType;
import dev.baton.incident.IncidentEvent;
import dev.baton.incident.TimelineEvent;
import dev.baton.ui.terminal.TerminalTab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** What the record says of steps in a real shell: typed, run or abandoned, and what a capture takes as the command. */
class RecordTruthUiTest extends ConsoleTest {
    private static Path folder;

    @BeforeAll
    static void writeRunbook() throws Exception {
        folder = Files.createTempDirectory("baton-truth");
        Files.writeString(folder.resolve("tidy.md"), """
                ---
                title: Tidy scratch files
                severity: P3
                ---
                # Tidy scratch files

                ## Steps

                ### Step 1: Look

                ```bash
                echo one-$((1+1))
                echo two-$((2+1))
                ```

                ### Step 2: Remove the first

                ```bash
                rm -rf FOLDER/first.log
                ```

                ### Step 3: Remove the second

                ```bash
                rm -rf FOLDER/second.log
                ```
                """.replace("FOLDER", folder.toString()));
    }

    @AfterAll
    static void removeRunbook() {
        deleteQuietly(folder);
    }

    @Override
    protected Path runbooks() {
        return folder;
    }

    private void showTidy() throws Exception {
        fx.waitForLibrary();
        fx.show(folder.resolve("tidy.md").toString(), "Tidy scratch files");
    }

    private void send(FxRobot robot, int step) throws Exception {
        fx.click("baton:run/" + step);
        ConsoleFixture.waitFor(10, () -> robot.lookup("#confirm-send").tryQuery().isPresent());
        DialogButtons.close(robot, "#confirm-send");
    }

    private List<String> timelineRows() throws Exception {
        return ConsoleFixture.onFx(() -> fx.console().incident().lookupAll("#timeline-list").stream()
                .flatMap(list -> ((javafx.scene.control.ListView<?>) list).getItems().stream())
                .map(item -> dev.baton.incident.EventWords.describe((TimelineEvent) item)).toList());
    }

    private List<TimelineEvent> events(String type) throws Exception {
        return fx.incident().events().stream().filter(e -> e.type().equals(type)).toList();
    }

    @Test
    void aTypedStepCancelledWithCtrlCReadsAbandonedAndOneEnteredReadsRun(FxRobot robot) throws Exception {
        Path first = Files.writeString(folder.resolve("first.log"), "keep");
        Path second = Files.writeString(folder.resolve("second.log"), "remove");
        showTidy();
        TerminalTab shell = fx.waitForShell("Local 1");

        send(robot, 2);
        fx.waitForText(shell, "first.log", 20);
        // Keys as the terminal view writes them: Monocle's robot does not reach the emulator's key handling.
        shell.keyboard().write("\u0003");
        try {
            IncidentConsoleTest.until(20, () -> timelineRows().stream().anyMatch(row -> row.startsWith(
                    "Step 2 abandoned in Local 1, not run (Ctrl+C)")));
        } catch (Exception e) {
            throw new AssertionError(timelineRows() + "\n" + shell.widget().text().strip(), e);
        }

        send(robot, 3);
        fx.waitForText(shell, "second.log", 20);
        shell.keyboard().write("\r");
        IncidentConsoleTest.until(20, () -> !Files.exists(second));
        IncidentConsoleTest.until(20, () -> timelineRows().stream().anyMatch(row -> row.equals(
                "Step 3 run in Local 1 (Enter pressed): rm -rf " + second)));

        assertThat(first).exists();
        assertThat(timelineRows()).contains("Step 2 typed into Local 1 (awaiting Enter): rm -rf " + first,
                "Step 3 typed into Local 1 (awaiting Enter): rm -rf " + second);
        assertThat(events(EventType.STEP_ENTERED)).singleElement()
                .satisfies(e -> assertThat(e.text("step")).isEqualTo("3"));
        assertThat(events(EventType.STEP_ABANDONED)).singleElement()
                .satisfies(e -> assertThat(e.text("step")).isEqualTo("2"));
    }

    @Test
    void capturingATwoLineStepTakesBothLinesAsTheCommandAndOnlyWhatFollowsAsOutput(FxRobot robot) throws Exception {
        showTidy();
        TerminalTab shell = fx.waitForShell("Local 1");
        fx.click("baton:run/1"); // a harmless step of two lines goes at once, without a dialog
        fx.waitForText(shell, "two-3", 20);
        assertThat(robot.lookup("#confirm-send").tryQuery()).isEmpty();
        ConsoleFixture.onFx(() -> {
            fx.console().activeTerminal().captureLastCommand();
            return null;
        });
        try {
            IncidentConsoleTest.until(20, () -> !events(EventType.CAPTURE).isEmpty());
        } catch (Exception e) {
            throw new AssertionError(ConsoleFixture.onFx(() -> fx.console().lookup("#status").toString()) + "\n"
                    + shell.widget().text().strip(), e);
        }

        IncidentEvent.CaptureTaken capture = (IncidentEvent.CaptureTaken) events(EventType.CAPTURE).get(0).typed();
        assertThat(capture.command()).isEqualTo("echo one-$((1+1))\necho two-$((2+1))");
        String notes = ConsoleFixture.onFx(() -> fx.console().incident().notesText());
        assertThat(notes).contains("one-2\ntwo-3").doesNotContain("```text\necho two");
    }

    private List<String> sentTo() throws Exception {
        return events(EventType.STEP_SENT).stream().map(e -> ((IncidentEvent.StepSent) e.typed()).target()).toList();
    }

    /** The page is loaded (it renders again as runs are recorded) with the run's Re-run link on it. */
    private void waitForRerunLink(long seq) throws Exception {
        ConsoleFixture.waitFor(20, () -> {
            var engine = fx.console().runbook().engine();
            if (engine.getLoadWorker().getState() != javafx.concurrent.Worker.State.SUCCEEDED
                    || engine.getDocument() == null) {
                return false;
            }
            var anchors = engine.getDocument().getElementsByTagName("a");
            for (int i = 0; i < anchors.getLength(); i++) {
                if (("baton:rerun/" + seq).equals(((org.w3c.dom.Element) anchors.item(i)).getAttribute("href"))) {
                    return true;
                }
            }
            return false;
        });
    }

    @Test
    void reRunOfATypedStepGoesToTheTerminalItWasTypedInAndAsksWhenThatOneIsClosed(FxRobot robot) throws Exception {
        showTidy();
        TerminalTab first = fx.waitForShell("Local 1");
        fx.click("baton:run/1");
        fx.waitForText(first, "two-3", 20);
        IncidentConsoleTest.until(20, () -> sentTo().equals(List.of("Local 1")));
        long seq = events(EventType.STEP_SENT).get(0).seq();
        ConsoleFixture.onFx(() -> {
            fx.console().terminals().openLocalShell();
            return null;
        });
        TerminalTab second = fx.waitForShell("Local 2");
        ConsoleFixture.waitFor(10, () -> fx.console().terminals().active().orElseThrow() == second);
        waitForRerunLink(seq);

        fx.click("baton:rerun/" + seq);
        IncidentConsoleTest.until(20, () -> sentTo().size() == 2);
        assertThat(sentTo()).containsExactly("Local 1", "Local 1");
        fx.waitForStatus("Step 1 sent to Local 1", 10);
        assertThat(second.widget().text()).doesNotContain("two-");
        ConsoleFixture.waitFor(10, () -> fx.console().terminals().active().orElseThrow() == first);

        // Closed since: the status bar says so and the responder chooses, the active terminal offered first.
        ConsoleFixture.onFx(() -> {
            fx.console().terminals().getSelectionModel().select(first);
            fx.console().terminals().closeActive();
            return null;
        });
        ConsoleFixture.waitFor(10, () -> fx.console().terminals().all().equals(List.of(second)));
        waitForRerunLink(seq);
        fx.click("baton:rerun/" + seq);
        ConsoleFixture.waitFor(10, () -> robot.lookup("#choose-terminal").tryQuery().isPresent());
        assertThat(fx.status()).isEqualTo("Local 1, where step 1 was typed, is closed: choose where to run it");
        assertThat(sentTo()).hasSize(2);
        DialogButtons.close(robot, "OK");
        IncidentConsoleTest.until(20, () -> sentTo().size() == 3);
        assertThat(sentTo()).containsExactly("Local 1", "Local 1", "Local 2");
        fx.waitForText(second, "two-3", 20);
    }
}
