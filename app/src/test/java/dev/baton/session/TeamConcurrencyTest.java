package dev.baton.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.incident.OpenIncident;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two Batons appending hundreds of events to one incident at once, each syncing all the while, through one remote. */
class TeamConcurrencyTest {
    private static final int EACH = 300;

    @TempDir
    Path dir;

    @Test
    void everyEventOfBothIsThereExactlyOnceAndEveryChainVerifies() throws Exception {
        TeamFixture team = new TeamFixture(dir);
        TeamFixture.Responder alice = team.responder("alice");
        TeamFixture.Responder bob = team.responder("bob");
        String id;
        try (OpenIncident incident = alice.start("Payment errors")) {
            id = incident.info().id();
        }
        alice.sync.share(id, "alice", alice.access);
        bob.sync.join(id, "bob", bob.access);

        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean appending = new AtomicBoolean(true);
        List<Future<?>> work = new ArrayList<>();
        List<Future<Integer>> syncs = new ArrayList<>();
        try (OpenIncident a = alice.open(id); OpenIncident b = bob.open(id)) {
            for (var pair : List.of(new Object[] {alice, a}, new Object[] {bob, b})) {
                TeamFixture.Responder who = (TeamFixture.Responder) pair[0];
                OpenIncident incident = (OpenIncident) pair[1];
                work.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < EACH; i++) {
                        incident.note(who.name + " " + i);
                    }
                    return null;
                }));
                syncs.add(pool.submit(() -> {
                    start.await();
                    int rounds = 0;
                    while (appending.get()) {
                        var outcome = who.sync.sync(id, who.name, who.access);
                        assertThat(outcome.refused()).isEmpty();
                        rounds++;
                    }
                    return rounds;
                }));
            }
            start.countDown();
            for (Future<?> appender : work) {
                appender.get(5, TimeUnit.MINUTES);
            }
            appending.set(false);
            for (Future<Integer> sync : syncs) {
                assertThat(sync.get(5, TimeUnit.MINUTES)).isPositive();
            }
        } finally {
            pool.shutdownNow();
        }
        // One last round each, as the live syncer would run after the last event.
        alice.sync.sync(id, "alice", alice.access);
        bob.sync.sync(id, "bob", bob.access);
        alice.sync.sync(id, "alice", alice.access);

        List<String> expected = new ArrayList<>();
        for (String who : List.of("alice", "bob")) {
            for (int i = 0; i < EACH; i++) {
                expected.add(who + ": " + who + " " + i);
            }
        }
        for (TeamFixture.Responder who : List.of(alice, bob)) {
            List<String> seen = who.seen(id);
            assertThat(seen).hasSize(2 * EACH).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
            // Each responder's own events keep their order within the merged view.
            assertThat(seen.stream().filter(s -> s.startsWith("bob: ")).toList())
                    .isEqualTo(expected.subList(EACH, 2 * EACH));
            assertThat(who.sync.verify(id)).containsOnlyKeys("alice", "bob")
                    .allSatisfy((responder, problems) -> assertThat(problems).isEmpty());
            assertThat(who.sync.behind(id, who.name)).isZero();
        }
    }
}
