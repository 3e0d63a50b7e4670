package dev.baton.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.incident.IncidentEvent;
import dev.baton.incident.OpenIncident;
import dev.baton.inventory.Node;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A shared incident handed from one data folder to another through a bare repository, with no bundle file. */
class GitHandoffTest {
    @TempDir
    Path dir;

    TeamFixture team;
    TeamFixture.Responder alice;
    TeamFixture.Responder bob;
    String id;
    final Function<String, Optional<Node>> inventory = name -> Optional.of(
            Node.direct(name, "127.0.0.1", 22, "ops")).map(node -> name.startsWith("db") ? node.asProduction() : node);

    @BeforeEach
    void shareAndJoin() throws Exception {
        team = new TeamFixture(dir);
        alice = team.responder("alice");
        bob = team.responder("bob");
        try (OpenIncident incident = alice.start("Checkout latency")) {
            id = incident.info().id();
            incident.connection("db-1", true, "ssh");
            incident.connection("web-1", true, "ssh");
            incident.stepSent("db-failover", 2, "pg_ctl promote -D /var/lib/pg", "db-1", Map.of(), false);
            incident.stepSent("db-failover", 1, "pg_isready", "db-1", Map.of(), true);
        }
        alice.sync.share(id, "alice", alice.access);
        bob.sync.join(id, "bob", bob.access);
    }

    @Test
    void handOffTakeOverAndTheSenderStaysReadOnly() throws Exception {
        GitHandoffs.handOff(alice.store, alice.sync, id, "alice", alice.access, inventory, "bob",
                "failover half done: promote db-1 once lag is 0");
        try (OpenIncident incident = alice.open(id)) {
            assertThat(incident.handedOff()).isPresent();
        }

        bob.sync.sync(id, "bob", bob.access);
        var waiting = GitHandoffs.standing(bob.sync.timeline(id, "bob")).orElseThrow();
        assertThat(waiting.awaits("bob")).isTrue();
        assertThat(waiting.words("bob", ZoneOffset.UTC).orElseThrow()).startsWith("alice handed this incident to you at ")
                .contains("— Take over", "promote db-1 once lag is 0", "db-1 (production)", "web-1",
                        "pg_ctl promote -D /var/lib/pg in db-1", "db-failover").doesNotContain("web-1 (production)")
                .doesNotContain("pg_isready");

        assertThat(waiting.nodes().nodes()).extracting(Node::name, Node::hostName, Node::production)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("db-1", "127.0.0.1", true),
                        org.assertj.core.groups.Tuple.tuple("web-1", "127.0.0.1", false));
        IncidentEvent.HandoffAccepted accepted = GitHandoffs.takeOver(bob.store, bob.sync, id, "bob", bob.access);
        assertThat(accepted.named()).isTrue();
        assertThat(accepted.from()).isEqualTo("alice");

        alice.sync.sync(id, "alice", alice.access);
        var done = GitHandoffs.standing(alice.sync.timeline(id, "alice")).orElseThrow();
        assertThat(done.takenBy()).isEqualTo("bob");
        assertThat(done.words("alice", ZoneOffset.UTC).orElseThrow()).startsWith("bob took over at ")
                .contains("stays read-only");
        assertThat(GitHandoffs.takeBackRefusal(Optional.of(done), "alice")).isPresent();
        try (OpenIncident incident = alice.open(id)) {
            assertThat(incident.handedOff()).isPresent();
        }

        for (TeamFixture.Responder who : new TeamFixture.Responder[] {alice, bob}) {
            var merged = who.sync.timeline(id, who.name);
            assertThat(merged.stream().filter(e -> e.event().typed() instanceof IncidentEvent.HandoffSent))
                    .singleElement().satisfies(e -> assertThat(e.responder()).isEqualTo("alice"));
            assertThat(merged.stream().filter(e -> e.event().typed() instanceof IncidentEvent.HandoffAccepted))
                    .singleElement().satisfies(e -> assertThat(e.responder()).isEqualTo("bob"));
            assertThat(who.sync.verify(id)).isNotEmpty()
                    .allSatisfy((log, problems) -> assertThat(problems).isEmpty());
        }
        assertThatThrownBy(() -> GitHandoffs.takeOver(bob.store, bob.sync, id, "bob", bob.access))
                .isInstanceOf(GitHandoffs.Refused.class).hasMessageContaining("already took this incident over");
    }

    @Test
    void someoneTheHandoffDidNotNameMayTakeOverAndItIsSaid() throws Exception {
        TeamFixture.Responder carol = team.responder("carol");
        carol.sync.join(id, "carol", carol.access);
        GitHandoffs.handOff(alice.store, alice.sync, id, "alice", alice.access, inventory, "bob", "");

        carol.sync.sync(id, "carol", carol.access);
        assertThat(GitHandoffs.standing(carol.sync.timeline(id, "carol")).orElseThrow().words("carol", ZoneOffset.UTC)
                .orElseThrow()).startsWith("alice handed this incident to bob at ").contains("not to you");
        IncidentEvent.HandoffAccepted accepted = GitHandoffs.takeOver(carol.store, carol.sync, id, "carol",
                carol.access);
        assertThat(accepted.named()).isFalse();
        assertThat(accepted.to()).isEqualTo("bob");

        bob.sync.sync(id, "bob", bob.access);
        var standing = GitHandoffs.standing(bob.sync.timeline(id, "bob")).orElseThrow();
        assertThat(standing.takenBy()).isEqualTo("carol");
        assertThat(standing.words("bob", ZoneOffset.UTC).orElseThrow())
                .contains("carol took over from alice", "(the handoff named bob)");
        assertThatThrownBy(() -> GitHandoffs.takeOver(bob.store, bob.sync, id, "bob", bob.access))
                .isInstanceOf(GitHandoffs.Refused.class).hasMessageContaining("carol already took");
    }

    @Test
    void theSenderTakesBackBeforeAnyoneTakesOver() throws Exception {
        GitHandoffs.handOff(alice.store, alice.sync, id, "alice", alice.access, inventory, "bob", "going off shift");
        try (OpenIncident incident = alice.open(id)) {
            assertThat(GitHandoffs.takeBackRefusal(GitHandoffs.standing(alice.sync.timeline(id, "alice")), "alice"))
                    .isEmpty();
            incident.takeBack("alice");
            assertThat(incident.handedOff()).isEmpty();
        }
        alice.sync.sync(id, "alice", alice.access);
        bob.sync.sync(id, "bob", bob.access);
        assertThat(GitHandoffs.standing(bob.sync.timeline(id, "bob")).orElseThrow().takenBack()).isTrue();
        assertThatThrownBy(() -> GitHandoffs.takeOver(bob.store, bob.sync, id, "bob", bob.access))
                .isInstanceOf(GitHandoffs.Refused.class).hasMessageContaining("nothing to take over");
    }

    @Test
    void anIncidentNotSharedIsHandedOffAsABundle() throws Exception {
        String local;
        try (OpenIncident incident = alice.start("Disk full")) {
            local = incident.info().id();
        }
        assertThatThrownBy(() -> GitHandoffs.handOff(alice.store, alice.sync, local, "alice", alice.access, inventory,
                "bob", "")).isInstanceOf(GitHandoffs.Refused.class).hasMessageContaining("not shared");
        assertThatThrownBy(() -> GitHandoffs.handOff(alice.store, alice.sync, id, "alice", alice.access, inventory,
                "alice", "")).isInstanceOf(GitHandoffs.Refused.class).hasMessageContaining("yourself");
    }
}
