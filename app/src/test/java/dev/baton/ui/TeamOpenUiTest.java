package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.incident.IncidentStore;
import dev.baton.incident.OpenIncident;
import dev.baton.runbook.Seeds;
import dev.baton.session.TeamFixture;
import dev.baton.session.TeamIncidents;
import dev.baton.team.TeamRefs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * Open… lists the team remote's incidents beside this machine's and joins the one chosen; Join… joins by id;
 * Share asks twice when secrets are to be redacted. The team: a bare repository on disk, bob in a data folder
 * of his own (as {@link TeamFixture} makes them), this window as the other responder.
 */
class TeamOpenUiTest extends ConsoleTest {
    private Path dir;
    private TeamFixture team;
    private TeamFixture.Responder bob;

    @Override
    protected Path runbooks() {
        return Seeds.shippedRunbooks();
    }

    @AfterEach
    void forget() {
        System.clearProperty("baton.config-home");
        deleteQuietly(dir);
    }

    /** This window's responder on the team: their key allowed, config.yaml naming {@code remote}. */
    private void joinTheTeam(String remote) throws Exception {
        dir = Files.createTempDirectory("baton-team-open");
        team = new TeamFixture(dir);
        bob = team.responder("bob");
        Path myKey = team.key(fx.session().responder(), true);
        Path config = dir.resolve("config");
        Files.createDirectories(config.resolve("baton"));
        Files.writeString(config.resolve("baton").resolve("config.yaml"), "team:\n  remote: "
                + (remote == null ? team.remote : remote) + "\n  identity: " + myKey + "\n  allowed_signers: "
                + team.allowedSigners + "\n");
        System.setProperty("baton.config-home", config.toString());
    }

    /** bob starts an incident, notes something and shares it; its id. */
    private String bobShares(String title) throws Exception {
        String id;
        try (OpenIncident incident = bob.start(title)) {
            id = incident.info().id();
            incident.note("rolled back payments-api to 4.2");
        }
        bob.sync.share(id, "bob", bob.access);
        return id;
    }

    private void startLocally(String title) throws Exception {
        IncidentStore store = new IncidentStore(dataFolder);
        try (var incident = store.start(title, "SEV3", "", "me", Instant.parse("2026-11-20T03:00:00Z"))) {
            incident.note("looking");
        }
        store.clearCurrent();
    }

    @SuppressWarnings("unchecked")
    private TableView<TeamIncidents.Row> openDialog(FxRobot robot) throws Exception {
        ConsoleFixture.waitFor(10, () -> robot.lookup("#incident-open").tryQuery().isPresent());
        robot.clickOn("#incident-open");
        ConsoleFixture.waitFor(10, () -> robot.lookup("#incident-open-table").tryQuery().isPresent());
        return (TableView<TeamIncidents.Row>) (TableView<?>) robot.lookup("#incident-open-table").queryTableView();
    }

    /** What the dialog says of the remote; on the FX thread (as waitFor runs its condition). */
    private static String remoteStatus(FxRobot robot) {
        return ((Label) robot.lookup("#incident-open-remote").query()).getText();
    }

    @Test
    void openListsTheRemotesIncidentsBesideTheLocalOnesAndJoinsTheOneChosen(FxRobot robot) throws Exception {
        joinTheTeam(null);
        startLocally("Cert expiry on edge");
        String id = bobShares("Payments 502s");
        // A teammate's incident whose title tries to redraw the terminal and reverse the text around it.
        Path hostile = team.plainGitCommit("bob", team.key("bob", true), "bob", "{\"title\": \"Fine \\u001b[2J \\u202eerom\", "
                + "\"severity\": \"SEV1\", \"responder\": \"bob\", \"startedAt\": \"2026-12-01T09:00:00Z\"}", "x");
        team.push(hostile, TeamRefs.SHARED + "20261201-090000-fine/bob");
        team.push(team.plainGitCommit("mallory", team.key("mallory", false), "mallory", "{\"title\": \"All clear\"}",
                "x"), TeamRefs.SHARED + "20261201-090000-clear/mallory");

        TableView<TeamIncidents.Row> table = openDialog(robot);
        ConsoleFixture.waitFor(30, () -> table.getItems().size() == 3);
        List<String> rows = ConsoleFixture.onFx(() -> {
            List<String> all = new java.util.ArrayList<>();
            for (int row = 0; row < table.getItems().size(); row++) {
                List<String> cells = new java.util.ArrayList<>();
                for (var column : table.getColumns()) {
                    cells.add(String.valueOf(column.getCellData(row)));
                }
                all.add(String.join(" | ", cells));
            }
            return all;
        });
        assertThat(ConsoleFixture.onFx(() -> table.getColumns().stream().map(c -> c.getText()).toList()))
                .containsExactly("Title", "Severity", "Started", "State", "Responders", "Last activity", "Where");
        assertThat(rows).anySatisfy(row -> assertThat(row).startsWith("Payments 502s | SEV2 | ")
                .contains(" | open | bob | ").endsWith(" | team remote"));
        assertThat(rows).anySatisfy(row -> assertThat(row).startsWith("Cert expiry on edge | SEV3 | ").endsWith(" | here"));
        assertThat(rows).anySatisfy(row -> assertThat(row).startsWith("Fine \\u001b[2J \\u202eerom | SEV1"));
        assertThat(String.join("\n", rows)).doesNotContain("All clear", "\u202e", "\u001b");
        assertThat(ConsoleFixture.onFx(() -> remoteStatus(robot))).contains("2 incidents in the team remote", "1 log skipped");

        int chosen = ConsoleFixture.onFx(() -> table.getItems().stream().map(TeamIncidents.Row::id).toList().indexOf(id));
        ConsoleFixture.onFx(() -> {
            table.getSelectionModel().clearAndSelect(chosen);
            table.requestFocus();
            return null;
        });
        robot.type(KeyCode.ENTER);
        ConsoleFixture.waitFor(30, () -> robot.lookup("#incident-title").queryLabeled().getText().contains("Payments 502s"));
        assertThat(new IncidentStore(dataFolder).list()).extracting(info -> info.id()).contains(id);
        ConsoleFixture.waitFor(30, () -> robot.lookup("#incident-team-status").queryLabeled().getText().contains("in step"));
    }

    @Test
    void anUnreachableRemoteIsSaidInTheDialogAndTheLocalIncidentsStay(FxRobot robot) throws Exception {
        joinTheTeam("/nonexistent/incidents.git");
        startLocally("Cert expiry on edge");
        TableView<TeamIncidents.Row> table = openDialog(robot);
        assertThat(ConsoleFixture.onFx(() -> table.getItems().size())).isEqualTo(1);
        ConsoleFixture.waitFor(30, () -> remoteStatus(robot).startsWith("team remote unreachable: "));
        assertThat(ConsoleFixture.onFx(() -> table.getItems().get(0).title())).isEqualTo("Cert expiry on edge");
        robot.type(KeyCode.ENTER);
        ConsoleFixture.waitFor(20, () -> robot.lookup("#incident-title").queryLabeled().getText().contains("Cert expiry"));
    }

    @Test
    void joinFetchesTheIncidentByIdAndOpensItWithTheTeammatesEvents(FxRobot robot) throws Exception {
        joinTheTeam(null);
        String id = bobShares("Payments 502s");
        Platform.runLater(() -> fx.console().team().join());
        ConsoleFixture.waitFor(10, () -> robot.lookup("#team-join-id").tryQuery().isPresent());
        robot.clickOn("#team-join-id").write(id);
        assertThat(robot.lookup("#team-join-remote").queryTextInputControl().getPromptText()).contains("config.yaml");
        DialogButtons.close(robot, "#team-join-ok");
        ConsoleFixture.waitFor(30, () -> robot.lookup("#incident-title").queryLabeled().getText().contains("Payments 502s"));
        ConsoleFixture.waitFor(30, () -> ((javafx.scene.control.ListView<?>) fx.console().lookup("#timeline-list"))
                .getItems().stream().map(e -> dev.baton.incident.EventWords.describe((dev.baton.incident.TimelineEvent) e))
                .anyMatch(words -> words.contains("rolled back payments-api")));

        // An id the remote does not hold: said, and nothing opened in its place.
        Platform.runLater(() -> fx.console().team().join());
        ConsoleFixture.waitFor(10, () -> robot.lookup("#team-join-id").tryQuery().isPresent());
        robot.clickOn("#team-join-id").write("20261207-000000-no-such-incident");
        DialogButtons.close(robot, "#team-join-ok");
        ConsoleFixture.waitFor(30, () -> robot.lookup("#status").queryLabeled().getText()
                .contains("No incident 20261207-000000-no-such-incident"));
        assertThat(robot.lookup("#incident-title").queryLabeled().getText()).contains("Payments 502s");
    }

    @Test
    void shareWithSecretsToRedactListsThemAndEnterDoesNotPush(FxRobot robot) throws Exception {
        joinTheTeam(null);
        String token = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
        fx.session().start("CI broken, token " + token + " revoked?", "SEV2", "").get(20, TimeUnit.SECONDS);
        ConsoleFixture.waitFor(10, () -> fx.console().incident().currentProperty().get() != null);
        Platform.runLater(() -> fx.console().team().share());
        ConsoleFixture.waitFor(20, () -> robot.lookup("#team-share-ok").tryQuery().isPresent());
        assertThat(robot.lookup("#team-redactions").queryTextInputControl().getText()).contains("incident.json");
        assertThat(ConsoleFixture.onFx(() -> ((Button) robot.lookup("#team-share-ok").query()).isDefaultButton()))
                .as("Enter must not push what the responder has not read").isFalse();
        // Every status line said from here on: a later one (the incident's own news) may replace it on screen.
        java.util.List<String> said = new java.util.concurrent.CopyOnWriteArrayList<>();
        ConsoleFixture.onFx(() -> {
            robot.lookup("#status").queryLabeled().textProperty().addListener((o, before, now) -> said.add(now));
            return null;
        });
        robot.type(KeyCode.ENTER);
        ConsoleFixture.waitFor(10, () -> robot.lookup("#team-share-ok").tryQuery().isEmpty());
        ConsoleFixture.waitFor(10, () -> said.stream().anyMatch(line -> line.contains("Not shared")));
        assertThat(TeamFixture.run(dir, "git", "--git-dir=" + team.remote, "for-each-ref")).isEmpty();
    }
}
