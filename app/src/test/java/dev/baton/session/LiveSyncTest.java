package dev.baton.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.incident.OpenIncident;
import dev.baton.incident.TimelineEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The background syncer a window runs: others' events arrive within seconds, offline is said and recovered from. */
class LiveSyncTest {
    @TempDir
    Path dir;

    @Test
    void teammatesEventsArriveCreditedAndOfflineIsSaid() throws Exception {
        TeamFixture team = new TeamFixture(dir);
        TeamFixture.Responder alice = team.responder("alice");
        TeamFixture.Responder bob = team.responder("bob");
        String id;
        try (OpenIncident incident = alice.start("Search slow")) {
            id = incident.info().id();
        }
        alice.sync.share(id, "alice", alice.access);
        bob.sync.join(id, "bob", bob.access);

        List<TimelineEvent> arrived = new CopyOnWriteArrayList<>();
        List<LiveSync.Status> statuses = new CopyOnWriteArrayList<>();
        try (LiveSync live = new LiveSync(alice.sync, id, "alice", alice.access, new LiveSync.Listener() {
            @Override
            public void arrived(List<TimelineEvent> events) {
                arrived.addAll(events);
            }

            @Override
            public void status(LiveSync.Status status) {
                statuses.add(status);
            }
        })) {
            live.start();
            try (OpenIncident incident = bob.open(id)) {
                incident.note("reindex started");
            }
            bob.sync.sync(id, "bob", bob.access);
            await(() -> arrived.stream().anyMatch(e -> e.text("text").equals("reindex started")));
            assertThat(arrived).filteredOn(e -> e.text("text").equals("reindex started"))
                    .singleElement().satisfies(e -> assertThat(e.text("by")).isEqualTo("bob"));

            // Offline: alice keeps recording; the syncer says how far behind it is, and catches up once back.
            Path away = dir.resolve("away.git");
            Files.move(team.remote, away);
            try (OpenIncident incident = alice.open(id)) {
                incident.note("while offline");
            }
            await(() -> !statuses.isEmpty() && statuses.get(statuses.size() - 1).offline()
                    && statuses.get(statuses.size() - 1).behind() == 1);
            assertThat(statuses.get(statuses.size() - 1).words()).isEqualTo("Offline: 1 waiting");
            assertThat(statuses.get(statuses.size() - 1).detail()).contains("1 event(s) of yours wait to go out",
                    "The remote cannot be reached: Could not push");
            Files.move(away, team.remote);
            await(() -> !statuses.get(statuses.size() - 1).offline() && statuses.get(statuses.size() - 1).behind() == 0);
        }
        bob.sync.sync(id, "bob", bob.access);
        assertThat(bob.seen(id)).contains("alice: while offline");
        assertThat(arrived).filteredOn(e -> e.text("text").equals("reindex started")).hasSize(1);
    }

    /** Waits for a condition, checked every 50 ms, for at most a minute (the backoff reaches 30 s). */
    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within a minute").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
