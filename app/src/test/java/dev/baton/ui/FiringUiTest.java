package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.alerts.AlertFixtures;
import dev.baton.alerts.AlertmanagerServer;
import dev.baton.incident.IncidentEvent;
import dev.baton.incident.TimelineEvent;
import dev.baton.session.IncidentSnapshot;
import dev.baton.ui.terminal.TerminalTab;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** The Firing tab against Debian's Alertmanager: the list, one click to the runbook with the labels, a silence, a paste. */
class FiringUiTest extends ConsoleTest {
    private static Path dir;
    private static Path folder;
    private static Path marker;
    private static AlertmanagerServer alertmanager;

    @Override
    protected Path runbooks() {
        return folder;
    }

    @BeforeAll
    static void startAlertmanager() throws Exception {
        dir = Files.createTempDirectory("baton-firing");
        folder = AlertFixtures.runbookFolder(dir);
        marker = dir.resolve("marker");
        alertmanager = AlertmanagerServer.start(dir.resolve("am"));
        Files.writeString(folder.resolve("baton.yaml"), "alertmanager:\n  - name: team-am\n    url: " + alertmanager.url() + "\n");
        alertmanager.post("[" + AlertFixtures.alert("PaymentsPodRestarting", "warning", "payments",
                "api-7f9c; touch " + marker, "node-3:9100") + "," + AlertFixtures.alert("LedgerDown", "critical",
                "ledger", "ledger-0", "node-5:9100") + "]");
        alertmanager.awaitContaining("/api/v2/alerts/groups", "LedgerDown");
    }

    @AfterAll
    static void stopAlertmanager() {
        alertmanager.close();
        deleteQuietly(dir);
    }

    @SuppressWarnings("unchecked")
    private TreeView<Object> table(FxRobot robot) {
        return robot.lookup("#firing-table").queryAs(TreeView.class);
    }

    private void showFiring(FxRobot robot) throws Exception {
        fx.waitForLibrary();
        // The left pane as wide as a fresh install has it (the saved layout is shared by every Baton on the
        // machine), and the tab chosen with its shortcut: a pane dragged narrow hides tab headers.
        ConsoleFixture.onFx(() -> {
            var split = (javafx.scene.control.SplitPane) app.console().getCenter();
            // The right divider first: a divider cannot pass the one after it.
            split.getDividers().get(1).setPosition(0.6);
            split.getDividers().get(0).setPosition(0.25);
            return null;
        });
        robot.push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.SHIFT, javafx.scene.input.KeyCode.A);
        ConsoleFixture.waitFor(10, () -> robot.lookup("#firing-pane").query().getParent() != null
                && robot.lookup("#firing-pane").query().isVisible()
                && robot.lookup("#firing-pane").query().getLayoutBounds().getWidth() > 150);
        ConsoleFixture.waitFor(30, () -> {
            if (table(robot).getExpandedItemCount() < 4) {
                fx.console().firing().refresh();
                return false;
            }
            return true;
        });
    }

    private IncidentSnapshot awaitIncidentWith(Class<? extends IncidentEvent> kind) throws Exception {
        ConsoleFixture.waitFor(40, () -> app.session().snapshot().get().map(s -> s.events().stream()
                .anyMatch(e -> kind.isInstance(e.typed()))).orElse(false));
        return fx.incident();
    }

    /** The runbook's page is on screen (loaded, with its title). */
    private void awaitPage(String title) throws Exception {
        ConsoleFixture.waitFor(20, () -> fx.console().runbook().engine().getLoadWorker().getState()
                == javafx.concurrent.Worker.State.SUCCEEDED && title.equals(fx.console().runbook().engine().getTitle()));
    }

    @Test
    void oneClickOpensTheRunbookWithTheLabelsFilledAndQuoted(FxRobot robot) throws Exception {
        TerminalTab shell = fx.waitForShell("Local 1");
        showFiring(robot);
        assertThat(robot.lookup("#firing-state").queryAs(Label.class).getText()).startsWith("2 firing, 0 silenced");
        assertThat(robot.lookup("no runbook").tryQuery()).isPresent();
        assertThat(robot.lookup("→ Payments pod restarting").tryQuery()).isPresent();

        robot.clickOn("PaymentsPodRestarting");

        IncidentSnapshot incident = awaitIncidentWith(IncidentEvent.AlertOpened.class);
        assertThat(incident.info().title()).startsWith("PaymentsPodRestarting on node-3:9100 payments api-7f9c; touch");
        assertThat(incident.variables()).containsEntry("namespace", "payments");
        awaitPage("Payments pod restarting");

        fx.click("baton:run/3");
        ConsoleFixture.waitFor(10, () -> robot.lookup("#placeholder-pod").tryQuery().isPresent());
        assertThat(robot.lookup("#placeholder-pod").queryAs(TextField.class).getText()).isEqualTo("api-7f9c; touch " + marker);
        assertThat(robot.lookup("#placeholder-namespace").queryAs(TextField.class).getText()).isEqualTo("payments");
        DialogButtons.close(robot, "#placeholder-ok");
        ConsoleFixture.waitFor(10, () -> robot.lookup("#confirm-text").tryQuery().isPresent());
        assertThat(CommandText.text(robot.lookup("#confirm-text").query()))
                .isEqualTo("echo \"pod: \"'api-7f9c; touch " + marker + "'\"\" 'ns: payments'");
        DialogButtons.close(robot, "#confirm-send");

        // The output may wrap in a narrow terminal: read it with the screen's line ends taken out.
        String output = "pod: api-7f9c; touch " + marker + " ns: payments";
        org.testfx.util.WaitForAsyncUtils.waitFor(20, java.util.concurrent.TimeUnit.SECONDS,
                () -> shell.widget().text().replace("\n", "").contains(output));
        assertThat(marker).doesNotExist();
    }

    @Test
    void aSilenceIsConfirmedSentToAlertmanagerAndRecorded(FxRobot robot) throws Exception {
        showFiring(robot);
        robot.clickOn("LedgerDown");
        awaitIncidentWith(IncidentEvent.AlertOpened.class);

        robot.clickOn("#firing-silence");
        ConsoleFixture.waitFor(10, () -> robot.lookup("#silence-comment").tryQuery().isPresent());
        DialogButtons.press(robot, "#silence-confirm");
        assertThat(robot.lookup("#silence-problem").queryAs(Label.class).getText()).startsWith("A silence needs a comment");
        DialogButtons.press(robot, "#silence-comment");
        robot.write("Ledger failover under way");
        assertThat(robot.lookup("#silence-what").queryAs(Label.class).getText())
                .startsWith("Silence LedgerDown instance=\"node-5:9100\"").endsWith("for 1 h: Ledger failover under way");
        DialogButtons.close(robot, "#silence-confirm");

        IncidentSnapshot incident = awaitIncidentWith(IncidentEvent.AlertSilenced.class);
        IncidentEvent.AlertSilenced silenced = incident.events().stream().map(TimelineEvent::typed)
                .filter(IncidentEvent.AlertSilenced.class::isInstance).map(IncidentEvent.AlertSilenced.class::cast)
                .findFirst().orElseThrow();
        JsonNode silence = new ObjectMapper().readTree(alertmanager.get("/api/v2/silence/" + silenced.silenceId()));
        assertThat(silence.path("comment").asText()).isEqualTo("Ledger failover under way");
        assertThat(silence.path("status").path("state").asText()).isEqualTo("active");
        ConsoleFixture.waitFor(20, () -> {
            fx.console().firing().refresh();
            return robot.lookup("silenced").tryQuery().isPresent();
        });
        // Expire it, so the other tests see LedgerDown firing.
        alertmanager.delete("/api/v2/silence/" + silenced.silenceId());
    }

    @Test
    void pastedJsonThatIsNotAnAlertIsSaidAndKeptThenAnAlertOpens(FxRobot robot) throws Exception {
        showFiring(robot);
        robot.clickOn("#firing-paste");
        ConsoleFixture.waitFor(30, () -> robot.lookup("#paste-alert-text").tryQuery().isPresent());
        TextArea text = robot.lookup("#paste-alert-text").queryAs(TextArea.class);
        ConsoleFixture.onFx(() -> {
            text.setText("{\"labels\": {\"alertname\": \"PaymentsPodRestarting\",}");
            return null;
        });
        DialogButtons.press(robot, "#paste-alert-ok");
        assertThat(robot.lookup("#paste-alert-problem").queryAs(Label.class).getText()).startsWith("Not JSON (line 1");
        assertThat(text.getText()).isEqualTo("{\"labels\": {\"alertname\": \"PaymentsPodRestarting\",}");

        ConsoleFixture.onFx(() -> {
            text.setText("{\"alerts\": [" + AlertFixtures.alert("PaymentsPodRestarting", "warning", "payments", "api-b",
                    "node-9:9100") + "]}");
            return null;
        });
        DialogButtons.close(robot, "#paste-alert-ok");

        IncidentSnapshot incident = awaitIncidentWith(IncidentEvent.AlertOpened.class);
        assertThat(incident.variables()).containsEntry("pod", "api-b").containsEntry("instance", "node-9:9100");
        awaitPage("Payments pod restarting");
    }
}


