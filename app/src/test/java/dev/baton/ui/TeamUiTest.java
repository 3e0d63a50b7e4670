package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.incident.IncidentStore;
import dev.baton.incident.OpenIncident;
import dev.baton.runbook.Seeds;
import dev.baton.session.TeamSync;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** Share this incident from the window; a teammate's events appear in its timeline, marked as theirs. */
class TeamUiTest extends ConsoleTest {
    private Path team;

    @Override
    protected Path runbooks() {
        return Seeds.shippedRunbooks();
    }

    @AfterEach
    void forget() {
        System.clearProperty("baton.config-home");
        deleteQuietly(team);
    }

    @Test
    void sharedFromTheWindowATeammatesNoteAppearsMarkedAsTheirs(FxRobot robot) throws Exception {
        team = Files.createTempDirectory("baton-team");
        Path remote = team.resolve("remote.git");
        run("git", "init", "--quiet", "--bare", remote.toString());
        String me = fx.session().responder();
        Path myKey = key("me");
        Path bobKey = key("bob");
        Path config = team.resolve("config");
        Files.createDirectories(config.resolve("baton"));
        Files.writeString(config.resolve("baton").resolve("config.yaml"),
                "team:\n  remote: " + remote + "\n  identity: " + myKey + "\n");
        Path signers = config.resolve("baton").resolve("allowed_signers");
        Files.writeString(signers, me + " " + Files.readString(myKey.resolveSibling("me.pub"))
                + "bob " + Files.readString(bobKey.resolveSibling("bob.pub")));
        System.setProperty("baton.config-home", config.toString());

        String id = fx.session().start("Cache stampede", "SEV1", "").get(20, TimeUnit.SECONDS).info().id();
        ConsoleFixture.waitFor(10, () -> fx.console().incident().currentProperty().get() != null);
        ConsoleFixture.onFx(() -> {
            fx.console().team().share();
            return null;
        });
        ConsoleFixture.waitFor(20, () -> robot.lookup("#team-share-ok").tryQuery().isPresent());
        assertThat(robot.lookup("#team-remote").queryTextInputControl().getText()).isEqualTo(remote.toString());
        assertThat(robot.lookup("#team-redactions").queryTextInputControl().getText()).isEqualTo("Nothing to redact.");
        DialogButtons.close(robot, "#team-share-ok");
        ConsoleFixture.waitFor(30, () -> teamStatus().contains("in step"));

        // bob joins from his own data folder and notes something.
        Path bobData = team.resolve("data-bob");
        TeamSync bob = new TeamSync(new IncidentStore(bobData), bobData, Map.of());
        TeamSync.Access access = new TeamSync.Access(remote.toString(), bobKey, signers);
        bob.join(id, "bob", access);
        try (OpenIncident incident = new IncidentStore(bobData).open(id, false)) {
            incident.creditTo("bob");
            incident.note("evicting hot keys on cache-2");
        }
        bob.sync(id, "bob", access);

        ConsoleFixture.waitFor(15, () -> timeline().getItems().stream()
                .anyMatch(e -> shown(e).contains("Note: evicting hot keys on cache-2")));
        assertThat(ConsoleFixture.onFx(() -> timeline().getItems().stream().map(TeamUiTest::shown)
                .filter(text -> text.contains("evicting")).findFirst().orElseThrow())).contains("bob");
        Screenshots.save(fx.console().getScene(), "team-shared-incident.png");
    }

    /** A timeline row's words, as the pane says them: what happened and who did it. */
    private static String shown(dev.baton.incident.TimelineEvent event) {
        return dev.baton.incident.EventWords.describe(event) + " " + dev.baton.incident.EventWords.credit(event);
    }

    private String teamStatus() {
        return ((Label) fx.console().lookup("#incident-team-status")).getText();
    }

    @SuppressWarnings("unchecked")
    private ListView<dev.baton.incident.TimelineEvent> timeline() {
        return (ListView<dev.baton.incident.TimelineEvent>) fx.console().lookup("#timeline-list");
    }

    private Path key(String name) throws Exception {
        Path key = team.resolve("keys").resolve(name);
        Files.createDirectories(key.getParent());
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", key.toString());
        return key;
    }

    private void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
    }
}
