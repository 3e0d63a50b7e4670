package dev.baton.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.incident.IncidentListing;
import dev.baton.incident.OpenIncident;
import dev.baton.team.TeamRefs;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The incidents of the team's remote as Open… and {@code baton incident list} show them. */
class TeamIncidentsTest {
    @TempDir
    Path dir;

    TeamFixture team;
    TeamFixture.Responder alice;
    TeamFixture.Responder bob;

    @BeforeEach
    void team() throws Exception {
        team = new TeamFixture(dir);
        alice = team.responder("alice");
        bob = team.responder("bob");
    }

    @Test
    void everySharedIncidentIsListedWithItsTitleSeverityStateRespondersAndLastActivity() throws Exception {
        String latency;
        String disk;
        try (OpenIncident incident = alice.start("Checkout latency")) {
            latency = incident.info().id();
            incident.note("paging db on-call");
        }
        try (OpenIncident incident = alice.start("Disk full on db-2")) {
            disk = incident.info().id();
            incident.end();
        }
        Instant before = Instant.now().minusSeconds(2);
        alice.sync.share(latency, "alice", alice.access);
        alice.sync.share(disk, "alice", alice.access);
        bob.sync.join(latency, "bob", bob.access);
        try (OpenIncident incident = bob.open(latency)) {
            incident.note("replica lag 40 s");
        }
        bob.sync.sync(latency, "bob", bob.access);

        TeamFixture.Responder carol = team.responder("carol");
        TeamIncidents.Remote listed = carol.sync.remoteIncidents(carol.access);
        assertThat(listed.skipped()).isEmpty();
        assertThat(listed.incidents()).extracting(TeamIncidents.Row::title)
                .containsExactlyInAnyOrder("Checkout latency", "Disk full on db-2");
        TeamIncidents.Row row = listed.incidents().stream().filter(r -> r.id().equals(latency)).findFirst().orElseThrow();
        assertThat(row.severity()).isEqualTo("SEV2");
        assertThat(row.state()).isEqualTo(IncidentListing.OPEN);
        assertThat(row.responders()).containsExactly("alice", "bob");
        assertThat(row.lastActivity()).isAfter(before);
        assertThat(row.where()).isEqualTo("team remote");
        assertThat(listed.incidents().stream().filter(r -> r.id().equals(disk)).findFirst().orElseThrow().state())
                .isEqualTo(IncidentListing.ENDED);

        // bob has one of them here: one row for it, here and shared, beside the one he has not joined.
        List<TeamIncidents.Row> merged = TeamIncidents.merge(TeamIncidents.local(bob.store),
                bob.sync.remoteIncidents(bob.access).incidents());
        assertThat(merged).extracting(TeamIncidents.Row::id, TeamIncidents.Row::where)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(latency, "here, shared"),
                        org.assertj.core.groups.Tuple.tuple(disk, "team remote"));
    }

    @Test
    void hostileValuesAreEscapedAndBoundedAndUnverifiableLogsSkippedWithAMessage() throws Exception {
        Path bobKey = team.key("bob", true);
        String json = "{\"title\": \"Looks fine \\u001b[2J\\u001b]0;pwned\\u0007 \\u202eevil\\u202c\\n" + "x".repeat(5000)
                + "\", \"severity\": \"" + "S".repeat(20_000) + "\", \"responder\": \"bob\", \"startedAt\": \"2026-12-07T09:12:00Z\"}";
        team.push(team.plainGitCommit("bob", bobKey, "bob", json, "hostile"), TeamRefs.SHARED + "hostile-1/bob");
        // A ref whose incident name holds a bidirectional override, one too deep, one signed by no allowed key,
        // one signed by bob's key in eve's name, one whose incident.json is enormous.
        String ok = "{\"title\": \"t\", \"severity\": \"SEV3\", \"responder\": \"bob\", \"startedAt\": \"2026-12-07T09:12:00Z\"}";
        team.push(team.plainGitCommit("bob", bobKey, "bob", ok, "n"), TeamRefs.SHARED + "odd\u202ename/bob");
        team.push(team.plainGitCommit("bob", bobKey, "bob", ok, "n"), TeamRefs.SHARED + "deep/er/bob");
        team.push(team.plainGitCommit("mallory", team.key("mallory", false), "mallory", ok, "n"),
                TeamRefs.SHARED + "unsigned-1/mallory");
        team.push(team.plainGitCommit("eve", bobKey, "eve", ok, "n"), TeamRefs.SHARED + "forged-1/eve");
        team.push(team.plainGitCommit("bob", bobKey, "bob", "{\"title\": \"" + "y".repeat(200_000) + "\"}", "n"),
                TeamRefs.SHARED + "huge-1/bob");

        TeamIncidents.Remote listed = alice.sync.remoteIncidents(alice.access);

        assertThat(listed.incidents()).as(String.join("\n", listed.skipped())).extracting(TeamIncidents.Row::id)
                .containsExactly("hostile-1");
        TeamIncidents.Row row = listed.incidents().get(0);
        assertThat(row.title()).startsWith("Looks fine \\u001b[2J\\u001b]0;pwned\\u0007 \\u202eevil\\u202c\\u000a")
                .endsWith("…").hasSizeLessThan(TeamIncidents.TITLE_MAX + 60);
        assertThat(row.severity()).hasSize(TeamIncidents.FIELD_MAX + 1);
        assertThat(row.title() + row.severity()).doesNotContain("\u001b", "\u202e", "\u0007", "\n");
        assertThat(String.join("\n", listed.skipped()))
                .contains("odd\\u202ename/bob: not an incident and responder Baton accepts")
                .contains("deep/er/bob: not an incident")
                .contains("mallory's log of unsigned-1: its latest commit is signed by a key allowed_signers does not list")
                .contains("eve's log of forged-1: its latest commit is signed by bob, not by eve")
                .contains("bob's log of huge-1: its incident.json is larger than 64 KiB")
                .doesNotContain("\u202e");
    }

    @Test
    void anUnreachableRemoteSaysWhy() throws Exception {
        var access = new TeamSync.Access(dir.resolve("nowhere.git").toString(), null, team.allowedSigners);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> alice.sync.remoteIncidents(access))
                .isInstanceOf(dev.baton.team.TeamRepository.UnreachableException.class)
                .hasMessageContaining("Could not fetch from");
    }
}
