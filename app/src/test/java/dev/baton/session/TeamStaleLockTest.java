package dev.baton.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.incident.OpenIncident;
import dev.baton.team.TeamRefs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Baton killed mid-git-operation leaves .lock files in its own repository; they must not block syncing forever. */
class TeamStaleLockTest {
    @TempDir
    Path dir;

    TeamFixture team;
    TeamFixture.Responder alice;
    String id;
    Path repository;

    @BeforeEach
    void share() throws Exception {
        team = new TeamFixture(dir);
        alice = team.responder("alice");
        try (OpenIncident incident = alice.start("Checkout latency")) {
            id = incident.info().id();
            incident.note("first");
        }
        alice.sync.share(id, "alice", alice.access);
        repository = alice.data.resolve("team.git");
        try (OpenIncident incident = alice.open(id)) {
            incident.note("second, after the crash");
        }
    }

    private Path lock(String path, Instant modified) throws Exception {
        Path lock = repository.resolve(path);
        Files.createDirectories(lock.getParent());
        Files.writeString(lock, "0000000000000000000000000000000000000000\n");
        Files.setLastModifiedTime(lock, FileTime.from(modified));
        return lock;
    }

    @Test
    void locksLeftByAKilledGitLongAgoAreRemovedAndTheSyncGoesOn() throws Exception {
        Instant longAgo = Instant.now().minus(10, ChronoUnit.MINUTES);
        Path ref = lock(TeamRefs.shared(id, "alice") + ".lock", longAgo);
        Path packed = lock("packed-refs.lock", longAgo);
        Path index = lock("index.lock", longAgo);

        var outcome = alice.sync.sync(id, "alice", alice.access);

        assertThat(outcome.committed()).isTrue();
        assertThat(alice.sync.behind(id, "alice")).isZero();
        assertThat(ref).doesNotExist();
        assertThat(packed).doesNotExist();
        assertThat(index).doesNotExist();
        assertThat(TeamFixture.run(dir, "git", "--git-dir=" + team.remote, "show",
                TeamRefs.shared(id, "alice") + ":" + TeamRefs.eventsFile("alice"))).contains("second, after the crash");
    }

    @Test
    void aFreshLockMayBeAGitAtWorkAndIsLeftUntilItIsStale() throws Exception {
        Path ref = lock(TeamRefs.shared(id, "alice") + ".lock", Instant.now());

        assertThatThrownBy(() -> alice.sync.sync(id, "alice", alice.access)).hasMessageContaining(".lock");
        assertThat(ref).exists();

        Files.setLastModifiedTime(ref, FileTime.from(Instant.now().minus(10, ChronoUnit.MINUTES)));
        alice.sync.sync(id, "alice", alice.access);
        assertThat(ref).doesNotExist();
        assertThat(alice.sync.behind(id, "alice")).isZero();
    }

    @Test
    void aLockOutsideBatonsRepositoryIsNeverTouched() throws Exception {
        Path outside = dir.resolve("elsewhere.lock");
        Files.writeString(outside, "");
        Files.setLastModifiedTime(outside, FileTime.from(Instant.now().minus(1, ChronoUnit.DAYS)));
        Files.createSymbolicLink(repository.resolve("refs/baton/link.lock"), outside);
        Files.setLastModifiedTime(repository.resolve("refs/baton/link.lock"),
                FileTime.from(Instant.now().minus(1, ChronoUnit.DAYS)));

        alice.sync.sync(id, "alice", alice.access);

        assertThat(outside).exists();
    }
}
