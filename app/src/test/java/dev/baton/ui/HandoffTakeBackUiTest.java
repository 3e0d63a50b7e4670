package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.handoff.BundleImporter;
import dev.baton.handoff.BundleReader;
import dev.baton.handoff.BundleWriter;
import dev.baton.handoff.HandoffState;
import dev.baton.incident.EventType;
import dev.baton.incident.IncidentStore;
import dev.baton.incident.OpenIncident;
import dev.baton.session.Handoffs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.scene.control.DialogPane;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * ana's window hands the incident to bob, whose copy lives in his own data folder. What Take back tells her
 * of bob, and what a tick in her handed-off copy does.
 */
class HandoffTakeBackUiTest extends ConsoleTest {
    private static Path dir;

    @BeforeAll
    static void folders() throws Exception {
        dir = Files.createTempDirectory("baton-take-back");
        System.setProperty("baton.responder", "ana");
        System.setProperty("baton.inventory", Files.writeString(dir.resolve("ssh_config"), "# no hosts\n").toString());
        Files.createDirectories(dir.resolve("runbooks"));
        Files.writeString(dir.resolve("runbooks/failover.md"), """
                # Fail over

                ## Checklist

                - [ ] Tell the team in #incidents
                - [ ] Page the database owner

                ### Step 1: Promote the replica

                ```bash
                echo promoted
                ```
                """);
    }

    @AfterAll
    static void clean() {
        System.clearProperty("baton.inventory");
        System.clearProperty("baton.responder");
        deleteQuietly(dir);
    }

    @Override
    protected Path runbooks() {
        return dir.resolve("runbooks");
    }

    @Override
    protected void started() {
        javafx.stage.Window window = fx.console().getScene().getWindow();
        window.setWidth(1280);
        window.setHeight(720);
    }

    /** ana hands the open incident to bob from her window, as the Hand off dialog would. */
    private Path anaHandsOffToBob() throws Exception {
        Path bundle = dir.resolve("to-bob-" + System.nanoTime() + ".baton");
        var prepared = Handoffs.prepare(app.session(), name -> Optional.empty(), List.of(), null).get();
        Handoffs.export(app.session(), prepared, new Handoffs.Choices("over to you", Set.of(), null, bundle, false,
                "bob")).get();
        ConsoleFixture.waitFor(20, () -> robot().lookup("#handoff-take-back").tryQuery().isPresent());
        return bundle;
    }

    private FxRobot robot() {
        return new FxRobot();
    }

    /** bob continues ana's bundle in his own data folder, works on, and sends his copy back to ana. */
    private Instant bobContinuesAndSendsBack(Path fromAna) throws Exception {
        Path bobData = dir.resolve("bob-data-" + System.nanoTime());
        Path back = dir.resolve("back-to-ana-" + System.nanoTime() + ".baton");
        String previous = System.getProperty("baton.responder");
        System.setProperty("baton.responder", "bob");
        Instant tookOver;
        try {
            var imported = BundleImporter.importBundle(fromAna, new IncidentStore(bobData));
            tookOver = imported.incident().timeline().events().get(imported.incident().timeline().events().size() - 1)
                    .time();
            try (OpenIncident bob = imported.incident()) {
                bob.creditTo("bob");
                bob.stepSent("", 1, "echo promoted", "Local 1", Map.of());
                BundleWriter.exportFrom(bob, new BundleWriter.Request("back to you", "bob", Instant.now(), "test",
                        new HandoffState(null, null, null, null), id -> Optional.empty(), Set.of(), null), back, "ana");
            }
        } finally {
            if (previous == null) {
                System.clearProperty("baton.responder");
            } else {
                System.setProperty("baton.responder", previous);
            }
        }
        // ana opens bob's bundle in her store beside her own handed-off copy (as `baton bundle import` does).
        Handoffs.importInto(app.session().store(), BundleReader.verify(back)).incident().close();
        return tookOver;
    }

    @Test
    void takeBackNamesWhoItWasHandedToAndWhenTheyContinuedAndAsks(FxRobot robot) throws Exception {
        fx.waitForLibrary();
        app.session().start("Primary down", "P1", "").get();
        Path bundle = anaHandsOffToBob();
        String handedAt = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault())
                .format(fx.incident().events().stream().filter(e -> e.type().equals(EventType.HANDOFF_EXPORTED))
                        .findFirst().orElseThrow().time());
        Instant tookOver = bobContinuesAndSendsBack(bundle);
        String continuedAt = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault()).format(tookOver);

        robot.clickOn("#handoff-take-back");
        ConsoleFixture.waitFor(20, () -> robot.lookup("#handoff-take-back-confirm").tryQuery().isPresent());
        DialogPane pane = robot.lookup("#handoff-take-back-confirm").queryAs(DialogPane.class);
        assertThat(ConsoleFixture.onFx(pane::getHeaderText))
                .isEqualTo("Take back the incident you handed to bob at " + handedAt + "?");
        assertThat(ConsoleFixture.onFx(pane::getContentText))
                .startsWith("You handed this incident to bob at " + handedAt)
                .contains("bob continued this incident at " + continuedAt, "fork", "handoff.taken_back");
        Screenshots.save(pane.getScene(), "handoff-takeback.png");
        DialogButtons.close(robot, "#handoff-take-back-cancel");
        assertThat(fx.incident().events()).noneMatch(e -> e.type().equals(EventType.HANDOFF_TAKEN_BACK));

        robot.clickOn("#handoff-take-back");
        ConsoleFixture.waitFor(20, () -> robot.lookup("#handoff-take-back-ok").tryQuery().isPresent());
        DialogButtons.close(robot, "#handoff-take-back-ok");
        ConsoleFixture.waitFor(20, () -> fx.incident().events().stream()
                .anyMatch(e -> e.type().equals(EventType.HANDOFF_TAKEN_BACK)));
    }

    @Test
    void aTickInAHandedOffCopyIsRefusedInAMessageAndTheBoxNeverTicks(FxRobot robot) throws Exception {
        fx.waitForLibrary();
        app.session().start("Primary down", "P1", "").get();
        fx.show(runbooks().resolve("failover.md").normalize().toString(), "Fail over");
        anaHandsOffToBob();

        // Every render of the page is watched: the box must not show ticked at any moment.
        List<String> marks = new java.util.concurrent.CopyOnWriteArrayList<>();
        ConsoleFixture.onFx(() -> {
            fx.console().runbook().engine().getLoadWorker().stateProperty().addListener((obs, old, state) -> {
                if (state == javafx.concurrent.Worker.State.SUCCEEDED) {
                    marks.add(markNow());
                }
            });
            return null;
        });
        fx.click("baton:tick/1");
        marks.add(fx.tickMark(1));
        ConsoleFixture.waitFor(20, () -> robot.lookup("#checklist-refused").tryQuery().isPresent());
        marks.add(fx.tickMark(1));
        assertThat(ConsoleFixture.onFx(() -> robot.lookup("#checklist-refused").queryAs(DialogPane.class)
                .getContentText())).contains("handed this incident off", "checklist item 1", "Take the incident back");
        assertThat(marks).allSatisfy(mark -> assertThat(mark).doesNotContain("checked"));
        DialogButtons.close(robot, "#checklist-refused .button");
        assertThat(fx.incident().events()).noneMatch(e -> e.type().equals(EventType.CHECKLIST_TICKED));
        assertThat(fx.tickMark(1)).doesNotContain("checked");
    }

    @Test
    void bothCopiesGoingOnAfterATakeBackShowAsAForkOnceBroughtTogether(FxRobot robot) throws Exception {
        fx.waitForLibrary();
        app.session().start("Primary down", "P1", "").get();
        String anaCopy = fx.incident().info().id();
        bobContinuesAndSendsBack(anaHandsOffToBob());
        robot.clickOn("#handoff-take-back");
        ConsoleFixture.waitFor(20, () -> robot.lookup("#handoff-take-back-ok").tryQuery().isPresent());
        DialogButtons.close(robot, "#handoff-take-back-ok");
        ConsoleFixture.waitFor(20, () -> fx.incident().events().stream()
                .anyMatch(e -> e.type().equals(EventType.HANDOFF_TAKEN_BACK)));
        app.session().stepSent(null, 0, "echo ana_goes_on", "Local 1", Map.of()).get();

        // ana opens bob's copy, which she imported beside her own: the timeline forks where they parted.
        String bobCopy = app.session().store().list().stream().map(info -> info.id())
                .filter(id -> !id.equals(anaCopy)).findFirst().orElseThrow();
        app.session().open(bobCopy).get();
        ConsoleFixture.waitFor(20, () -> fx.console().incident().rows().stream().anyMatch(r -> r.contains("  Fork: ")));
        List<String> rows = ConsoleFixture.onFx(() -> fx.console().incident().rows());
        int fork = -1;
        for (int i = 0; i < rows.size(); i++) {
            fork = rows.get(i).contains("  Fork: ") ? i : fork;
        }
        assertThat(rows.get(fork)).contains("ana handed this incident off", "took it back", "bob went on");
        assertThat(rows.subList(0, fork)).anySatisfy(row -> assertThat(row).contains("Primary down"))
                .allSatisfy(row -> assertThat(row).doesNotStartWith("["));
        List<String> after = rows.subList(fork + 1, rows.size());
        assertThat(after).allSatisfy(row -> assertThat(row).matches("\\[(ana|bob)'s copy\\] .*"));
        assertThat(after).anySatisfy(row -> assertThat(row).startsWith("[bob's copy]").contains("echo promoted"));
        assertThat(after).anySatisfy(row -> assertThat(row).startsWith("[ana's copy]").contains("ana_goes_on"));
        assertThat(after).anySatisfy(row -> assertThat(row).startsWith("[ana's copy]").contains("Taken back"));
        assertThat(rows).filteredOn(row -> row.contains("echo promoted")).hasSize(1);
        Screenshots.save(fx.console().getScene(), "handoff-fork.png");
    }

    /** Item 1's mark on the page now; on the FX thread. */
    private String markNow() {
        var document = fx.console().runbook().engine().getDocument();
        if (document == null) {
            return "";
        }
        var anchors = document.getElementsByTagName("a");
        for (int i = 0; i < anchors.getLength(); i++) {
            var anchor = (org.w3c.dom.Element) anchors.item(i);
            if ("baton:tick/1".equals(anchor.getAttribute("href"))) {
                return anchor.getAttribute("class") + " " + anchor.getTextContent();
            }
        }
        return "";
    }
}
