package dev.baton.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.incident.IncidentEvent;
import dev.baton.incident.OpenIncident;
import dev.baton.incident.Timeline;
import dev.baton.team.TeamRefs;
import dev.baton.team.TeamRepository;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two responders, two data folders, one bare repository as the team's remote. */
class TeamSyncTest {
    @TempDir
    Path dir;

    TeamFixture team;
    TeamFixture.Responder alice;
    TeamFixture.Responder bob;
    String id;

    @BeforeEach
    void shareAndJoin() throws Exception {
        team = new TeamFixture(dir);
        alice = team.responder("alice");
        bob = team.responder("bob");
        try (OpenIncident incident = alice.start("Checkout latency")) {
            id = incident.info().id();
            incident.note("paging db on-call");
        }
        alice.sync.share(id, "alice", alice.access);
        bob.sync.join(id, "bob", bob.access);
    }

    @Test
    void joinMakesTheIncidentAndAppendsGoBothWays() throws Exception {
        assertThat(bob.store.list()).extracting(info -> info.title()).containsExactly("Checkout latency");
        assertThat(bob.seen(id)).containsExactly("alice: paging db on-call");
        // Before bob first opens it, his copy has no timeline of his own: nothing to push, nothing wrong.
        assertThat(bob.sync.behind(id, "bob")).isZero();
        assertThat(bob.sync.sync(id, "bob", bob.access).refused()).isEmpty();

        try (OpenIncident incident = bob.open(id)) {
            incident.note("replica lag 40 s on db-2");
        }
        bob.sync.sync(id, "bob", bob.access);
        try (OpenIncident incident = alice.open(id)) {
            incident.note("failing over to db-3");
        }
        alice.sync.sync(id, "alice", alice.access);
        bob.sync.sync(id, "bob", bob.access);

        assertThat(alice.seen(id)).containsExactly("alice: paging db on-call", "bob: replica lag 40 s on db-2",
                "alice: failing over to db-3");
        assertThat(bob.seen(id)).isEqualTo(alice.seen(id));
        assertThat(alice.sync.verify(id)).allSatisfy((who, problems) -> assertThat(problems).isEmpty());
        assertThat(bob.sync.behind(id, "bob")).isZero();
    }

    @Test
    void secretsAreRedactedBeforeTheyLeaveAndTheFirstPushListsThem() throws Exception {
        String token = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
        String leaky;
        try (OpenIncident incident = alice.start("CI broken, token " + token + " revoked?")) {
            leaky = incident.info().id();
        }
        assertThat(alice.sync.redactions(leaky)).isNotEmpty();
        var outcome = alice.sync.share(leaky, "alice", alice.access);
        assertThat(outcome.redacted()).isNotEmpty();
        String ref = TeamRefs.shared(leaky, "alice");
        String pushed = TeamFixture.run(dir, "git", "--git-dir=" + team.remote, "show", ref + ":" + TeamRefs.eventsFile("alice"));
        String info = TeamFixture.run(dir, "git", "--git-dir=" + team.remote, "show", ref + ":" + TeamRefs.INFO);
        assertThat(pushed + info).contains("CI broken").doesNotContain(token);
        assertThat(Timeline.verify(pushed.getBytes(StandardCharsets.UTF_8)).intact()).isTrue();
    }

    @Test
    void offlineEventsWaitAndGoOutWhenTheRemoteIsBack() throws Exception {
        Path away = dir.resolve("remote-away.git");
        Files.move(team.remote, away);
        try (OpenIncident incident = bob.open(id)) {
            incident.note("offline 1");
            incident.note("offline 2");
        }
        assertThatThrownBy(() -> bob.sync.sync(id, "bob", bob.access))
                .isInstanceOf(TeamRepository.UnreachableException.class).hasMessageContaining("does not appear to be a git repository");
        assertThat(bob.sync.behind(id, "bob")).isEqualTo(2);
        assertThat(bob.seen(id)).contains("bob: offline 1", "bob: offline 2");

        Files.move(away, team.remote);
        bob.sync.sync(id, "bob", bob.access);
        alice.sync.sync(id, "alice", alice.access);
        assertThat(alice.seen(id)).containsExactly("alice: paging db on-call", "bob: offline 1", "bob: offline 2");
        assertThat(bob.sync.behind(id, "bob")).isZero();
    }

    @Test
    void aCommitSignedByAKeyNotInAllowedSignersIsRefusedAndNotShown() throws Exception {
        Path mallory = team.key("mallory", false);
        Path clone = teammateCommit("mallory", mallory, "mallory", "all clear, stand down");
        TeamFixture.run(clone, "git", "push", "--quiet", "origin", "HEAD:" + TeamRefs.shared(id, "mallory"));

        var outcome = alice.sync.sync(id, "alice", alice.access);
        assertThat(outcome.refused()).singleElement().satisfies(refusal -> {
            assertThat(refusal.responder()).isEqualTo("mallory");
            assertThat(refusal.reason()).contains("allowed_signers");
        });
        assertThat(alice.seen(id)).containsExactly("alice: paging db on-call");
    }

    @Test
    void aCommitInOneResponderLogSignedByAnotherIsRefused() throws Exception {
        // bob's key is allowed, but only to sign as bob: a log of alice's signed by bob is a forgery.
        Path clone = teammateCommit("eve", team.key("bob", true), "alice", "forged");
        TeamFixture.run(clone, "git", "push", "--quiet", "origin", "HEAD:" + TeamRefs.shared(id, "eve"));
        var outcome = alice.sync.sync(id, "alice", alice.access);
        assertThat(outcome.refused()).singleElement().satisfies(refusal ->
                assertThat(refusal.reason()).contains("signed by bob, not by eve"));
    }

    @Test
    void aForcePushedLogIsDetectedAndTheAcceptedOneKept() throws Exception {
        try (OpenIncident incident = bob.open(id)) {
            incident.note("first look");
            incident.note("second look");
        }
        bob.sync.sync(id, "bob", bob.access);
        alice.sync.sync(id, "alice", alice.access);
        assertThat(alice.seen(id)).contains("bob: second look");

        // Someone with write access rewrites bob's log with a history of its own, signed by bob's key even.
        Path clone = teammateCommit("bob", team.key("bob", true), "bob", "nothing to see");
        TeamFixture.run(clone, "git", "push", "--quiet", "--force", "origin", "HEAD:" + TeamRefs.shared(id, "bob"));

        var outcome = alice.sync.sync(id, "alice", alice.access);
        assertThat(outcome.refused()).singleElement().satisfies(refusal -> {
            assertThat(refusal.responder()).isEqualTo("bob");
            assertThat(refusal.reason()).contains("rewritten or force-pushed");
        });
        assertThat(alice.seen(id)).contains("bob: first look", "bob: second look").doesNotContain("bob: nothing to see");

        // bob's own Baton sees it too: its next push is refused, not forced.
        try (OpenIncident incident = bob.open(id)) {
            incident.note("third look");
        }
        var bobs = bob.sync.sync(id, "bob", bob.access);
        assertThat(bobs.refused()).extracting(r -> r.reason()).anyMatch(r -> r.contains("force-pushed"));
    }

    @Test
    void plainGitVerifiesWhatBatonPushedAndBatonReadsWhatPlainGitCommitted() throws Exception {
        String ref = TeamRefs.shared(id, "alice");
        String gitDir = "--git-dir=" + team.remote;
        String signers = "gpg.ssh.allowedSignersFile=" + team.allowedSigners;
        TeamFixture.run(dir, "git", gitDir, "-c", signers, "verify-commit", ref);
        assertThat(TeamFixture.run(dir, "git", gitDir, "-c", signers, "log", "--show-signature", ref))
                .contains("Good \"git\" signature for alice");

        Path clone = teammateCommit("carol", team.key("carol", true), "carol", "checked the CDN: fine");
        TeamFixture.run(clone, "git", "push", "--quiet", "origin", "HEAD:" + TeamRefs.shared(id, "carol"));
        alice.sync.sync(id, "alice", alice.access);
        assertThat(alice.seen(id)).contains("carol: checked the CDN: fine");
    }

    /**
     * A teammate's commit made with plain git in the documented layout: {@code events/<name>.jsonl} in a clone,
     * signed with {@code key}'s SSH signature as git's {@code commit -S} makes it.
     */
    private Path teammateCommit(String name, Path key, String author, String note) throws Exception {
        return team.plainGitCommit(name, key, author,
                Files.readString(alice.store.incidentsDirectory().resolve(id).resolve("incident.json")), note);
    }
}
