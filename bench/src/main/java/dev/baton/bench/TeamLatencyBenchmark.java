package dev.baton.bench;

import dev.baton.incident.IncidentStore;
import dev.baton.incident.OpenIncident;
import dev.baton.incident.TimelineEvent;
import dev.baton.session.LiveSync;
import dev.baton.session.TeamSync;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * From one responder's event to the other's timeline, through a bare repository served by OpenSSH's sshd on
 * loopback (git over SSH): alice notes, her LiveSync pushes it (nudged, as the window nudges it), bob's LiveSync
 * (polling every 2 s, as the window's does) hands it to his timeline. Prints the median and p95 of that latency.
 *
 * <p>Needs /usr/sbin/sshd, ssh-keygen and git. Argument: how many events (default 30).
 */
public final class TeamLatencyBenchmark {
    private TeamLatencyBenchmark() {}

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        Path dir = Files.createTempDirectory("baton-team-bench");
        Process sshd = startSshd(dir);
        try {
            LoopbackSshd.run("git", "init", "--quiet", "--bare", dir.resolve("remote.git").toString());
            StringBuilder signers = new StringBuilder();
            for (String name : List.of("alice", "bob")) {
                LoopbackSshd.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", dir.resolve(name).toString());
                signers.append(name).append(' ').append(Files.readString(dir.resolve(name + ".pub")));
            }
            Files.writeString(dir.resolve("allowed_signers"), signers);
            Map<String, String> environment = Map.of("GIT_SSH_COMMAND", "ssh -F /dev/null -i " + dir.resolve("id_ed25519")
                    + " -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile="
                    + dir.resolve("known_hosts"));
            String url = "ssh://" + System.getProperty("user.name") + "@127.0.0.1:" + Files.readString(dir.resolve("port"))
                    + dir.resolve("remote.git");

            IncidentStore aliceStore = new IncidentStore(dir.resolve("data-alice"));
            IncidentStore bobStore = new IncidentStore(dir.resolve("data-bob"));
            TeamSync alice = new TeamSync(aliceStore, environment);
            TeamSync bob = new TeamSync(bobStore, environment);
            TeamSync.Access aliceAccess = new TeamSync.Access(url, dir.resolve("alice"), dir.resolve("allowed_signers"));
            TeamSync.Access bobAccess = new TeamSync.Access(url, dir.resolve("bob"), dir.resolve("allowed_signers"));
            String id;
            try (OpenIncident incident = aliceStore.start("Latency", "SEV3", "", "alice", Instant.now())) {
                id = incident.info().id();
            }
            alice.share(id, "alice", aliceAccess);
            bob.join(id, "bob", bobAccess);

            Map<String, Long> arrived = new ConcurrentHashMap<>();
            LiveSync.Listener quiet = new LiveSync.Listener() {
                @Override
                public void arrived(List<TimelineEvent> fresh) {}

                @Override
                public void status(LiveSync.Status status) {}
            };
            List<Double> seconds = new ArrayList<>();
            try (OpenIncident incident = aliceStore.open(id, false);
                    LiveSync pushing = new LiveSync(alice, id, "alice", aliceAccess, quiet);
                    LiveSync watching = new LiveSync(bob, id, "bob", bobAccess, new LiveSync.Listener() {
                        @Override
                        public void arrived(List<TimelineEvent> fresh) {
                            long now = System.nanoTime();
                            fresh.forEach(event -> arrived.putIfAbsent(event.text("text"), now));
                        }

                        @Override
                        public void status(LiveSync.Status status) {}
                    })) {
                incident.creditTo("alice");
                pushing.start();
                watching.start();
                for (int i = 0; i < events; i++) {
                    String text = "event " + i;
                    long start = System.nanoTime();
                    incident.note(text);
                    pushing.nudge();
                    long deadline = start + Duration.ofSeconds(60).toNanos();
                    while (!arrived.containsKey(text)) {
                        if (System.nanoTime() > deadline) {
                            throw new IllegalStateException(text + " did not reach bob within 60 s");
                        }
                        Thread.sleep(5);
                    }
                    seconds.add((arrived.get(text) - start) / 1e9);
                    // A pause that lands the next event at another point of bob's 2 s poll.
                    Thread.sleep(300 + (i * 617L) % 1700);
                }
            }
            Collections.sort(seconds);
            System.out.printf("team remote over ssh: %d events, one responder's event to the other's timeline: "
                    + "median %.2f s, p95 %.2f s, max %.2f s%n", events, seconds.get(seconds.size() / 2),
                    seconds.get((int) Math.ceil(seconds.size() * 0.95) - 1), seconds.get(seconds.size() - 1));
        } finally {
            sshd.descendants().forEach(ProcessHandle::destroyForcibly);
            sshd.destroy();
        }
    }

    private static Process startSshd(Path dir) throws Exception {
        LoopbackSshd.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("host_key").toString());
        LoopbackSshd.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("id_ed25519").toString());
        int port = LoopbackSshd.freePort();
        Files.writeString(dir.resolve("port"), String.valueOf(port));
        Files.writeString(dir.resolve("known_hosts"), "[127.0.0.1]:" + port + " "
                + Files.readString(dir.resolve("host_key.pub")));
        return LoopbackSshd.start(dir, port, List.of(
                "Port " + port, "ListenAddress 127.0.0.1", "HostKey " + dir.resolve("host_key"),
                "PidFile " + dir.resolve("sshd.pid"), "AuthorizedKeysFile " + dir.resolve("id_ed25519.pub"),
                "StrictModes no", "UsePAM no", "PermitRootLogin prohibit-password", "PasswordAuthentication no",
                "KbdInteractiveAuthentication no", "PrintMotd no", "PrintLastLog no", "MaxStartups 100"));
    }
}
