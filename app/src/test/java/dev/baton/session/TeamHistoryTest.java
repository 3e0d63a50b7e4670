package dev.baton.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.history.HistoryHit;
import dev.baton.history.HistoryQuery;
import dev.baton.incident.OpenIncident;
import dev.baton.incident.TimelineEvent;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incidents shared through the team's git remote are searched like local ones: a teammate's events, taken in
 * from their signed log, are found in this data folder's history, credited to them and linked to their line
 * in their log. Two data folders, one bare repository.
 */
class TeamHistoryTest {
    @TempDir
    Path dir;

    @Test
    void aNoteByTheOtherResponderIsFoundByTheHistorySearch() throws Exception {
        TeamFixture team = new TeamFixture(dir);
        TeamFixture.Responder alice = team.responder("alice");
        TeamFixture.Responder bob = team.responder("bob");
        String id;
        try (OpenIncident incident = alice.start("Checkout latency")) {
            id = incident.info().id();
            incident.note("paging db on-call");
        }
        alice.sync.share(id, "alice", alice.access);
        bob.sync.join(id, "bob", bob.access);
        try (OpenIncident incident = bob.open(id)) {
            incident.note("vacuum freeze on orders table");
        }
        bob.sync.sync(id, "bob", bob.access);
        alice.sync.sync(id, "alice", alice.access);

        try (IncidentHistory history = new IncidentHistory(alice.store)) {
            List<HistoryHit> hits = history.searchUpToDate(new HistoryQuery("vacuum freeze", null, null, null, 10)).hits();

            assertThat(hits).singleElement().satisfies(hit -> {
                assertThat(hit.incident()).isEqualTo(id);
                assertThat(hit.by()).isEqualTo("bob");
                assertThat(hit.log()).isEqualTo("bob");
                assertThat(hit.words()).contains("vacuum freeze on orders table");
                TimelineEvent line = bob.sync.timeline(id, "bob").stream().filter(e -> e.responder().equals("bob"))
                        .map(e -> e.event()).filter(e -> e.seq() == hit.seq()).findFirst().orElseThrow();
                assertThat(line.text("text")).isEqualTo("vacuum freeze on orders table");
            });
            assertThat(history.searchUpToDate(new HistoryQuery("vacuum", null, null, "bob", 10)).hits()).hasSize(1);
            // Her own events stay hers, linked to her own timeline.
            assertThat(history.searchUpToDate(new HistoryQuery("paging", null, null, null, 10)).hits())
                    .singleElement().satisfies(hit -> assertThat(hit.log()).isEmpty());
        }
        // And in bob's folder, where the incident was joined, alice's note is found, credited to her.
        try (IncidentHistory history = new IncidentHistory(bob.store)) {
            assertThat(history.searchUpToDate(new HistoryQuery("paging", null, null, null, 10)).hits())
                    .singleElement().satisfies(hit -> {
                        assertThat(hit.by()).isEqualTo("alice");
                        assertThat(hit.log()).isEqualTo("alice");
                    });
        }
    }

    @Test
    void whatLiveSyncFetchesIsSearchableSoonAfter() throws Exception {
        TeamFixture team = new TeamFixture(dir);
        TeamFixture.Responder alice = team.responder("alice");
        TeamFixture.Responder bob = team.responder("bob");
        String id;
        try (OpenIncident incident = alice.start("Search slow")) {
            id = incident.info().id();
        }
        alice.sync.share(id, "alice", alice.access);
        bob.sync.join(id, "bob", bob.access);

        try (IncidentHistory history = new IncidentHistory(alice.store);
                LiveSync live = new LiveSync(alice.sync, id, "alice", alice.access, new LiveSync.Listener() {
                    @Override
                    public void arrived(List<TimelineEvent> events) {
                    }

                    @Override
                    public void status(LiveSync.Status status) {
                    }
                })) {
            history.catchUp();
            live.indexInto(history);
            live.start();
            try (OpenIncident incident = bob.open(id)) {
                incident.note("reindex started on search-2");
            }
            bob.sync.sync(id, "bob", bob.access);

            HistoryQuery query = new HistoryQuery("reindex", null, null, null, 10);
            await(() -> {
                try {
                    return !history.search(query).hits().isEmpty();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            assertThat(history.search(query).hits()).singleElement()
                    .satisfies(hit -> assertThat(hit.by()).isEqualTo("bob"));
        }
    }

    /** Waits for a condition, checked every 50 ms, for at most a minute (LiveSync polls every few seconds). */
    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within a minute").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
