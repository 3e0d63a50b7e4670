package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.handoff.BundleWriter;
import dev.baton.handoff.HandoffState;
import dev.baton.incident.EventType;
import dev.baton.incident.EventWords;
import dev.baton.incident.IncidentStore;
import dev.baton.incident.OpenIncident;
import dev.baton.incident.TimelineEvent;
import dev.baton.runbook.Seeds;
import dev.baton.session.Handoffs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** The receiver sees the note and the runbooks in use and is credited; the sender's copy waits to be taken back. */
class HandoverUiTest extends ConsoleTest {
    private static Path dir;
    private static String previousResponder;

    @BeforeAll
    static void asBen() throws Exception {
        dir = Files.createTempDirectory("baton-handover");
        previousResponder = System.getProperty("baton.responder");
        System.setProperty("baton.responder", "ben");
    }

    @AfterAll
    static void restore() {
        if (previousResponder == null) {
            System.clearProperty("baton.responder");
        } else {
            System.setProperty("baton.responder", previousResponder);
        }
        deleteQuietly(dir);
    }

    @Override
    protected Path runbooks() {
        return Seeds.shippedRunbooks();
    }

    private List<String> timelineRows() throws Exception {
        return ConsoleFixture.onFx(() -> fx.console().incident().events().stream()
                .map(e -> EventWords.describe(e) + " " + EventWords.credit(e)).toList());
    }

    private String banner() throws Exception {
        return ConsoleFixture.onFx(() -> fx.console().handoffBanner().text());
    }

    @Test
    void continuingShowsTheNoteReopensTheRunbookAndCreditsTheReceiver(FxRobot robot) throws Exception {
        fx.waitForLibrary();
        String diskFull = ConsoleFixture.onFx(() -> fx.console().runbook().library().runbooks().stream()
                .filter(r -> r.title().equals("Disk full")).findFirst().orElseThrow().id());
        Path bundle = dir.resolve("from-ana.baton");
        try (OpenIncident sender = new IncidentStore(dir.resolve("ana")).start("Disk full", "P2", "", "ana",
                Instant.now())) {
            sender.creditTo("ana");
            sender.stepSent(diskFull, 1, "df -h", "Local 1", Map.of());
            BundleWriter.export(sender.folder(), new BundleWriter.Request("Pending: /var at 91%.\nNext: rotate logs.",
                    "ana", Instant.now(), "test", new HandoffState(null, null, null, null), id -> Optional.empty(),
                    Set.of(), null), bundle);
        }
        ConsoleFixture.onFx(() -> {
            fx.console().handoff().open(bundle);
            return null;
        });
        ConsoleFixture.waitFor(20, () -> robot.lookup("#handoff-continue").tryQuery().isPresent());
        robot.clickOn("#handoff-continue");

        ConsoleFixture.waitFor(20, () -> fx.console().handoffBanner().text().contains("Pending: /var at 91%."));
        assertThat(banner()).isEqualTo("Handed over from ana (unsigned): Pending: /var at 91%.\nNext: rotate logs.");
        ConsoleFixture.waitFor(20, () -> "Disk full".equals(fx.console().runbook().engine().getTitle()));

        fx.click("baton:tick/2");
        IncidentConsoleTest.until(20, () -> timelineRows().stream().anyMatch(row -> row.startsWith("Ticked:")));
        assertThat(timelineRows()).contains("Step 1 sent to Local 1: df -h by ana",
                "Handed over from ana (unsigned): Pending: /var at 91%. … by ben",
                "Ticked: Freed space without touching database files by ben");
    }

    /** Starts an incident and hands it off as a bundle, as the sender would; waits for the window to say so. */
    private void handOffANewIncident(String bundleName) throws Exception {
        fx.waitForLibrary();
        ConsoleFixture.onFx(() -> app.session()).start("Disk full", "P2", "").get();
        var prepared = Handoffs.prepare(app.session(), name -> Optional.empty(), List.of(), null).get();
        Path bundle = dir.resolve(bundleName);
        Handoffs.export(app.session(), prepared, new Handoffs.Choices("over to you", Set.of(), null, bundle)).get();
        ConsoleFixture.waitFor(20, () -> fx.console().handoffBanner().text().startsWith("You handed this incident off"));
    }

    @Test
    void theSendersCopyIsReadOnlyUntilTakenBack(FxRobot robot) throws Exception {
        handOffANewIncident("to-carol.baton");
        assertThat(robot.lookup("#handoff-take-back").tryQuery()).hasValueSatisfying(b -> assertThat(b.isVisible()).isTrue());
        fx.show(Seeds.shippedRunbooks().resolve("disk-full.md").normalize().toString(), "Disk full");
        fx.click("baton:tick/2");
        ConsoleFixture.waitFor(20, () -> robot.lookup("#checklist-refused").tryQuery().isPresent());
        DialogButtons.close(robot, "#checklist-refused .button");
        assertThat(fx.incident().events()).noneMatch(e -> e.type().equals(EventType.CHECKLIST_TICKED));

        robot.clickOn("#handoff-take-back");
        DialogButtons.close(robot, "#handoff-take-back-ok");
        ConsoleFixture.waitFor(20, () -> fx.console().handoffBanner().text().isEmpty());
        fx.click("baton:tick/1");
        IncidentConsoleTest.until(20, () -> fx.incident().events().stream()
                .anyMatch(e -> e.type().equals(EventType.CHECKLIST_TICKED)));
        List<TimelineEvent> events = fx.incident().events();
        assertThat(events).extracting(TimelineEvent::type).containsSubsequence(EventType.HANDOFF_EXPORTED,
                EventType.HANDOFF_TAKEN_BACK, EventType.CHECKLIST_TICKED);
        assertThat(events.get(events.size() - 1).text("by")).isEqualTo("ben");
    }

    @Test
    void aTickTheSendersCopyRefusesIsNotShownOnThePage() throws Exception {
        handOffANewIncident("to-dan.baton");
        fx.show(Seeds.shippedRunbooks().resolve("disk-full.md").normalize().toString(), "Disk full");
        assertThat(fx.tickMark(2)).isEqualTo("task ☐");

        fx.click("baton:tick/2");
        try {
            IncidentConsoleTest.until(20, () -> fx.status().contains("not changed: this incident is handed off")
                    && fx.tickMark(2).equals("task ☐"));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("after a refused tick the page shows item 2 as \"" + fx.tickMark(2)
                    + "\" and the status bar says \"" + fx.status() + "\"", e);
        }
        assertThat(ConsoleFixture.onFx(() -> fx.console().runbook().isTicked(
                fx.console().runbook().shownRunbookProperty().get(), 2))).isFalse();
        assertThat(fx.incident().events()).noneMatch(e -> e.type().equals(EventType.CHECKLIST_TICKED));
    }

    @Test
    void theSendersNotesAreReadOnlyUntilTakenBack(FxRobot robot) throws Exception {
        handOffANewIncident("to-erin.baton");
        assertThat(ConsoleFixture.onFx(() -> fx.console().incident().notesEditor().isEditable())).isFalse();

        robot.clickOn("#handoff-take-back");
        DialogButtons.close(robot, "#handoff-take-back-ok");
        ConsoleFixture.waitFor(20, () -> fx.console().handoffBanner().text().isEmpty());
        assertThat(ConsoleFixture.onFx(() -> fx.console().incident().notesEditor().isEditable())).isTrue();
    }
}
