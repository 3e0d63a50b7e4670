package dev.baton.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.incident.OpenIncident;
import dev.baton.ssh.OpenSshServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same team, its bare repository served by Debian's OpenSSH sshd on a loopback port: git over SSH. */
class TeamOverSshTest {
    @TempDir
    Path dir;

    @Test
    void shareJoinAndAppendBothWaysOverSsh() throws Exception {
        TeamFixture team = new TeamFixture(dir);
        Path transport = team.key("transport", false);
        try (OpenSshServer sshd = OpenSshServer.start(dir.resolve("sshd"), transport.resolveSibling("transport.pub"))) {
            Path knownHosts = dir.resolve("known_hosts");
            Files.writeString(knownHosts, sshd.knownHostsLine() + "\n");
            // Only the test's own key and host key: the user's ~/.ssh is never read.
            Map<String, String> environment = Map.of("GIT_SSH_COMMAND", "ssh -F /dev/null -i " + transport
                    + " -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile="
                    + knownHosts);
            String url = "ssh://" + System.getProperty("user.name") + "@127.0.0.1:" + sshd.port() + team.remote;
            TeamFixture.Responder alice = team.new Responder("alice", url, environment);
            TeamFixture.Responder bob = team.new Responder("bob", url, environment);

            String id;
            try (OpenIncident incident = alice.start("Login failures")) {
                id = incident.info().id();
                incident.note("auth service 5xx since 09:12");
            }
            alice.sync.share(id, "alice", alice.access);
            bob.sync.join(id, "bob", bob.access);
            try (OpenIncident incident = bob.open(id)) {
                incident.note("rolled back auth to v41");
            }
            bob.sync.sync(id, "bob", bob.access);
            alice.sync.sync(id, "alice", alice.access);

            assertThat(alice.seen(id)).containsExactly("alice: auth service 5xx since 09:12",
                    "bob: rolled back auth to v41");
            assertThat(bob.seen(id)).isEqualTo(alice.seen(id));
            assertThat(sshd.log()).contains("Accepted publickey");
        }
    }
}
