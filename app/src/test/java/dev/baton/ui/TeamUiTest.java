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

    /** The team: its remote, allowed_signers, and bob's key; the window's responder signs with "me". */
    private record Team(Path remote, Path signers, Path bobKey, String me) {
        TeamSync.Access access(Path key) {
            return new TeamSync.Access(remote.toString(), key, signers);
        }
    }

    /** A bare remote, keys for the window's responder and bob, config.yaml and allowed_signers naming them. */
    private Team team() throws Exception {
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
        return new Team(remote, signers, bobKey, me);
    }

    /** Starts an incident in the window and shares it through the Share dialog; returns its id once in step. */
    private String shareFromTheWindow(FxRobot robot, Team shared) throws Exception {
        String id = fx.session().start("Cache stampede", "SEV1", "").get(20, TimeUnit.SECONDS).info().id();
        ConsoleFixture.waitFor(10, () -> fx.console().incident().currentProperty().get() != null);
        ConsoleFixture.onFx(() -> {
            fx.console().team().share();
            return null;
        });
        ConsoleFixture.waitFor(20, () -> robot.lookup("#team-share-ok").tryQuery().isPresent());
        assertThat(robot.lookup("#team-remote").queryTextInputControl().getText()).isEqualTo(shared.remote().toString());
        assertThat(robot.lookup("#team-redactions").queryTextInputControl().getText()).isEqualTo("Nothing to redact.");
        DialogButtons.close(robot, "#team-share-ok");
        ConsoleFixture.waitFor(30, () -> teamStatus().contains("in step"));
        return id;
    }

    @Test
    void sharedFromTheWindowATeammatesNoteAppearsMarkedAsTheirs(FxRobot robot) throws Exception {
        Team shared = team();
        String id = shareFromTheWindow(robot, shared);

        // bob joins from his own data folder and notes something.
        Path bobData = team.resolve("data-bob");
        TeamSync bob = new TeamSync(new IncidentStore(bobData), bobData, Map.of());
        TeamSync.Access access = shared.access(shared.bobKey());
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

    @Test
    void handingOffThroughGitTurnsTheWindowReadOnlyAndShowsTheTakeOver(FxRobot robot) throws Exception {
        dev.baton.ui.terminal.TerminalTab shell = fx.waitForShell("Local 1");
        Team shared = team();
        String id = shareFromTheWindow(robot, shared);
        Path bobData = team.resolve("data-bob");
        IncidentStore bobStore = new IncidentStore(bobData);
        TeamSync bob = new TeamSync(bobStore, bobData, Map.of());
        TeamSync.Access access = shared.access(shared.bobKey());
        bob.join(id, "bob", access);

        javafx.application.Platform.runLater(() -> fx.console().team().handOff());
        ConsoleFixture.waitFor(20, () -> robot.lookup("#team-handoff-ok").tryQuery().isPresent());
        ConsoleFixture.onFx(() -> {
            robot.lookup("#team-handoff-to").queryTextInputControl().setText("bob");
            robot.lookup("#team-handoff-note").queryTextInputControl().setText("stampede over, watch the hit ratio");
            return null;
        });
        DialogButtons.close(robot, "#team-handoff-ok");

        ConsoleFixture.waitFor(20, () -> shell.readOnlyText().startsWith("Read-only: you handed this incident off"));
        ConsoleFixture.waitFor(10, () -> bannerText().startsWith("You handed this incident to bob through the team's"));
        // The window pushes the handoff by itself (its live sync); bob's Baton fetches until it is there.
        fetchUntil(bob, id, access, standing -> standing.isPresent());
        var accepted = dev.baton.session.GitHandoffs.takeOver(bobStore, bob, id, "bob", access);
        assertThat(accepted.named()).isTrue();

        ConsoleFixture.waitFor(20, () -> bannerText().startsWith("bob took over at "));
        assertThat(shell.readOnlyText()).as("still read-only once taken over").isNotEmpty();
        java.util.concurrent.atomic.AtomicBoolean tookBack = new java.util.concurrent.atomic.AtomicBoolean();
        ConsoleFixture.onFx(() -> {
            fx.console().team().takeBack(() -> tookBack.set(true));
            return null;
        });
        assertThat(tookBack).as("no take-back once bob took over").isFalse();
        assertThat(fx.session().handedOff().get(10, TimeUnit.SECONDS)).isPresent();
    }

    @Test
    void aHandoffToThisResponderIsOfferedAndTakenOver(FxRobot robot) throws Exception {
        Team shared = team();
        // bob (his own data folder) worked the incident, shared it, and hands it to the window's responder.
        Path bobData = team.resolve("data-bob");
        IncidentStore bobStore = new IncidentStore(bobData);
        TeamSync bob = new TeamSync(bobStore, bobData, Map.of());
        TeamSync.Access access = shared.access(shared.bobKey());
        String id;
        try (OpenIncident incident = bobStore.start("Replication lag on db-2", "SEV2", "", "bob", java.time.Instant.now())) {
            id = incident.info().id();
            incident.creditTo("bob");
            incident.connection("db-2", true, "ssh");
            incident.stepSent("postgresql-replication-lag.md", 3, "SELECT pg_wal_replay_resume();", "db-2", Map.of(),
                    false);
        }
        bob.share(id, "bob", access);
        dev.baton.session.GitHandoffs.handOff(bobStore, bob, id, "bob", access,
                name -> java.util.Optional.of(dev.baton.inventory.Node.direct(name, "127.0.0.1", 22, "ops")
                        .asProduction()), shared.me(), "lag back under 5 s; replay was paused, resume it on db-2");

        new TeamSync(fx.session().store(), Map.of()).join(id, shared.me(), shared.access(null));
        fx.session().open(id).get(20, TimeUnit.SECONDS);
        ConsoleFixture.waitFor(30, () -> bannerText().startsWith("bob handed this incident to you at "));
        assertThat(ConsoleFixture.onFx(this::bannerText)).contains("— Take over", "resume it on db-2", "db-2 (production)",
                "SELECT pg_wal_replay_resume(); in db-2", "postgresql-replication-lag.md");
        assertThat(robot.lookup("#handoff-take-over").query().isVisible()).isTrue();
        Screenshots.save(fx.console().getScene(), "team-takeover.png");

        robot.clickOn("#handoff-take-over");
        ConsoleFixture.waitFor(20, () -> bannerText().startsWith("You took over from bob at "));
        // The nodes handed over join the Nodes pane as a bundle's do, production kept.
        ConsoleFixture.waitFor(10, () -> fx.console().nodes().inventory().find("db-2")
                .map(dev.baton.inventory.Node::production).orElse(false));
        var standing = fetchUntil(bob, id, access, s -> s.map(x -> x.takenOver()).orElse(false)).orElseThrow();
        assertThat(standing.takenBy()).isEqualTo(shared.me());
        assertThat(fx.session().handedOff().get(10, TimeUnit.SECONDS)).isEmpty();
    }

    /** bob's Baton fetches (as its live sync would) until the incident's git handoff stands as {@code wanted}. */
    private static java.util.Optional<dev.baton.session.GitHandoffs.Standing> fetchUntil(TeamSync bob, String id,
            TeamSync.Access access, java.util.function.Predicate<java.util.Optional<dev.baton.session.GitHandoffs.Standing>>
            wanted) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            bob.fetch(id, "bob", access);
            var standing = dev.baton.session.GitHandoffs.standing(bob.timeline(id, "bob"));
            if (wanted.test(standing)) {
                return standing;
            }
            assertThat(System.nanoTime()).as("the remote got there within 30 s: " + standing).isLessThan(deadline);
        }
    }

    /** The handoff banner's words; read on the FX thread (waitFor's conditions run there). */
    private String bannerText() {
        return fx.console().handoffBanner().text();
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
