package dev.baton.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.incident.OpenIncident;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Baton killed with SIGKILL while it pushes: after a restart nothing is lost and nothing is there twice. */
class TeamKillNineTest {
    @TempDir
    Path dir;

    @Test
    void killedMidPushLosesAndDuplicatesNothing() throws Exception {
        TeamFixture team = new TeamFixture(dir);
        TeamFixture.Responder alice = team.responder("alice");
        TeamFixture.Responder bob = team.responder("bob");
        String id;
        try (OpenIncident incident = alice.start("Kill test")) {
            id = incident.info().id();
        }
        alice.sync.share(id, "alice", alice.access);

        // Killed three times, each a few syncs in, at whatever point of a sync (fetch, commit, push) it is.
        for (int round = 0; round < 3; round++) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), TeamSyncChild.class.getName(),
                    alice.data.toString(), id, "alice", team.remote.toString(), alice.access.key().toString(),
                    team.allowedSigners.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                int synced = 0;
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("synced")) {
                        synced++;
                    }
                    // Killed right after it noted: its sync of that note is under way.
                    if (synced >= 2 + round && line.startsWith("noted")) {
                        break;
                    }
                }
                assertThat(line).as("the child stopped before it was killed").isNotNull();
                child.destroyForcibly(); // SIGKILL
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
        }

        // Restart: the incident recovers, and the next sync sends whatever the killed one had not.
        try (OpenIncident incident = alice.open(id)) {
            incident.note("after the kills");
        }
        alice.sync.sync(id, "alice", alice.access);
        bob.sync.join(id, "bob", bob.access);

        List<String> local = alice.seen(id);
        List<String> remote = bob.seen(id);
        assertThat(local).hasSizeGreaterThan(6).doesNotHaveDuplicates().last().isEqualTo("alice: after the kills");
        assertThat(remote).isEqualTo(local);
        assertThat(bob.sync.verify(id)).allSatisfy((who, problems) -> assertThat(problems).isEmpty());
        TeamFixture.run(dir, "git", "--git-dir=" + alice.data.resolve("team.git"), "fsck", "--no-progress");
    }
}
