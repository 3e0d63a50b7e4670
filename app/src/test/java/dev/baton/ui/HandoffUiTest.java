package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.handoff.BundleImporter;
import dev.baton.handoff.BundleWriter;
import dev.baton.handoff.HandoffState;
import dev.baton.handoff.SignaturePolicy;
import dev.baton.incident.EventType;
import dev.baton.incident.IncidentStore;
import dev.baton.incident.OpenIncident;
import dev.baton.session.IncidentSnapshot;
import dev.baton.incident.TimelineEvent;
import dev.baton.ui.terminal.TerminalTab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** Hand off from the console and continue elsewhere, with a real shell and a real SSH node. */
class HandoffUiTest extends IncidentConsoleTest {
    @Test
    void aHandoffWrittenFromTheConsoleComesBackWholeAndContinues(FxRobot robot) throws Exception {
        showDiskFull();
        TerminalTab shell = fx.waitForShell("Local 1");
        fx.click("baton:run/1");
        fx.waitForText(shell, "IUse%", 20);

        runFirstStepOnDb1(robot);
        robot.clickOn("#run-capture");
        until(10, () -> !events(EventType.CAPTURE).isEmpty());
        fx.click("baton:tick/2");
        until(10, () -> !events(EventType.CHECKLIST_TICKED).isEmpty());
        ConsoleFixture.onFx(() -> {
            var shown = fx.console().runbook().shownRunbookProperty().get();
            app.session().stepSent(shown, 3, "kubectl -n payments get pods", "Local 1",
                    Map.of("ns", "payments", "api_token", "tok-not-recorded"));
            return null;
        });
        until(10, () -> !events(EventType.VARIABLE_SET).isEmpty());
        IncidentSnapshot sender = incident();
        Path senderFolder = sender.folder();

        // The run's results lie over the incident pane; closing them shows it again, as a responder would.
        robot.clickOn("#results-pane .tab-close-button");
        ConsoleFixture.waitFor(10, () -> robot.lookup("#run-capture").tryQuery().isEmpty());
        robot.clickOn("#incident-handoff");
        try {
            ConsoleFixture.waitFor(20, () -> robot.lookup("#handoff-ok").tryQuery().isPresent());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no handoff dialog; the status bar says \"" + fx.status() + "\"", e);
        }
        Path bundle = dir.resolve("disk-full.baton");
        ConsoleFixture.onFx(() -> {
            robot.lookup("#handoff-file").queryAs(TextField.class).setText(bundle.toString());
            robot.lookup("#handoff-note").queryAs(TextArea.class).setText("Pending: db1 /var at 91%.\nNext: rotate logs.");
            robot.lookup("#handoff-sign").queryAs(ComboBox.class).getSelectionModel().select(0);
            return null;
        });
        DialogButtons.press(robot, "#handoff-ok");
        until(30, () -> Files.exists(bundle) && !events(EventType.HANDOFF_EXPORTED).isEmpty());
        List<String> sentLines = Files.readAllLines(senderFolder.resolve("timeline.jsonl"));
        List<String> exportedLines = sentLines.subList(0, sentLines.size() - 1);

        IncidentStore clean = new IncidentStore(dir.resolve("clean-data"));
        try (OpenIncident received = BundleImporter.importBundle(bundle, clean).incident()) {
            List<String> receivedLines = Files.readAllLines(received.timeline().file());
            assertThat(receivedLines.subList(0, exportedLines.size())).isEqualTo(exportedLines);
            assertThat(received.timeline().events()).last()
                    .satisfies(e -> assertThat(e.type()).isEqualTo(EventType.HANDOFF_IMPORTED));
            assertThat(received.tickedItems()).isEqualTo(sender.ticked()).hasSize(1);
            assertThat(received.variables()).isEqualTo(sender.variables())
                    .containsEntry("ns", "payments").containsEntry("api_token", "<api_token: not recorded>");
            assertThat(received.notes()).isEqualTo(Files.readString(senderFolder.resolve("notes.md"))).contains("**Capture** · db1");
            try (var captures = Files.list(senderFolder.resolve("captures"))) {
                for (Path capture : captures.toList()) {
                    assertThat(received.folder().resolve("captures").resolve(capture.getFileName()))
                            .hasSameBinaryContentAs(capture);
                }
            }
            assertThat(received.folder().resolve("handoff/state.json")).content().contains("\"db1\"", "\"local\"");
        }

        ConsoleFixture.onFx(() -> {
            fx.console().handoff().open(bundle);
            return null;
        });
        ConsoleFixture.waitFor(20, () -> robot.lookup("#handoff-continue").tryQuery().isPresent());
        assertThat(ConsoleFixture.onFx(() -> robot.lookup("#handoff-signature").queryAs(Label.class).getText()))
                .startsWith("Unsigned:");
        assertThat(ConsoleFixture.onFx(() -> List.copyOf(robot.lookup("#handoff-signature").queryAs(Label.class)
                .getStyleClass()))).contains("handoff-warning");
        assertThat(ConsoleFixture.onFx(() -> robot.lookup("#handoff-received-note").queryAs(TextArea.class).getText()))
                .isEqualTo("Pending: db1 /var at 91%.\nNext: rotate logs.");
        robot.clickOn("#handoff-continue");
        until(20, () -> {
            IncidentSnapshot now = ConsoleFixture.onFx(() -> fx.console().incident().currentProperty().get());
            return now != null && !now.folder().equals(senderFolder);
        });
        IncidentSnapshot continued = incident();
        assertThat(continued.info().title()).isEqualTo("Disk full");
        assertThat(continued.events()).last()
                .satisfies(e -> assertThat(e.type()).isEqualTo(EventType.HANDOFF_IMPORTED));
        assertThat(continued.ticked()).isEqualTo(sender.ticked());
    }

    @Test
    void aWindowSetToRequireSignedBundlesRefusesAnUnsignedOne(FxRobot robot) throws Exception {
        fx.waitForLibrary();
        Path bundle = dir.resolve("unsigned.baton");
        try (OpenIncident elsewhere = new IncidentStore(dir.resolve("elsewhere")).start("Elsewhere", "", "", "eve",
                java.time.Instant.now())) {
            BundleWriter.export(elsewhere.folder(), new BundleWriter.Request("", "eve", java.time.Instant.now(), "test",
                    new HandoffState(null, null, null, null), id -> java.util.Optional.empty(), java.util.Set.of(), null),
                    bundle);
        }
        Path allowed = dir.resolve("allowed_signers");
        Files.writeString(allowed, "# nobody yet\n");
        System.setProperty(SignaturePolicy.REQUIRE_SIGNED, "true");
        System.setProperty(SignaturePolicy.ALLOWED_SIGNERS, allowed.toString());
        try {
            IncidentStore store = new IncidentStore(IncidentStore.defaultDataDirectory());
            int before = store.list().size();
            ConsoleFixture.onFx(() -> {
                fx.console().handoff().open(bundle);
                return null;
            });
            ConsoleFixture.waitFor(20, () -> robot.lookup("#handoff-refused").tryQuery().isPresent());
            assertThat(fx.status())
                    .contains("Refused unsigned.baton", "unsigned, and only signed bundles are accepted");
            assertThat(store.list()).hasSize(before);
        } finally {
            System.clearProperty(SignaturePolicy.REQUIRE_SIGNED);
            System.clearProperty(SignaturePolicy.ALLOWED_SIGNERS);
        }
    }

    @Test
    void aDamagedBundleIsRefusedInAWindowAndNothingIsWritten(FxRobot robot) throws Exception {
        fx.waitForLibrary();
        Path bad = dir.resolve("damaged.baton");
        Files.writeString(bad, "PK\u0003\u0004 not really a zip");
        IncidentStore store = new IncidentStore(IncidentStore.defaultDataDirectory());
        int before = store.list().size();
        ConsoleFixture.onFx(() -> {
            fx.console().handoff().open(bad);
            return null;
        });
        ConsoleFixture.waitFor(20, () -> robot.lookup("#handoff-refused").tryQuery().isPresent());
        assertThat(fx.status()).contains("Refused damaged.baton");
        assertThat(store.list()).hasSize(before);
    }
}
