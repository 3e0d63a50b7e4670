package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.incident.IncidentStore;
import dev.baton.incident.OpenIncident;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code baton incident share | join | note | sync | log}: two responders, two data folders, one bare repository. */
class IncidentTeamCommandTest {
    @TempDir
    Path dir;

    @AfterEach
    void forget() {
        System.clearProperty("baton.data");
        System.clearProperty("baton.responder");
        System.clearProperty("baton.config-home");
    }

    /** Acts as {@code name}: their data folder, and a config folder whose config.yaml names the remote and key. */
    private void as(String name) throws Exception {
        Path config = dir.resolve("config-" + name);
        Path key = dir.resolve("keys").resolve(name);
        if (!Files.exists(key)) {
            Files.createDirectories(key.getParent());
            run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", key.toString());
            Files.createDirectories(config.resolve("baton"));
            Files.writeString(config.resolve("baton").resolve("config.yaml"),
                    "team:\n  remote: " + dir.resolve("remote.git") + "\n  identity: " + key + "\n");
        }
        // Every responder's config folder lists the whole team (written again as the team grows).
        StringBuilder signers = new StringBuilder();
        try (var keys = Files.list(dir.resolve("keys"))) {
            for (Path pub : keys.filter(p -> p.toString().endsWith(".pub")).toList()) {
                String who = pub.getFileName().toString().replace(".pub", "");
                signers.append(who).append(' ').append(Files.readString(pub));
            }
        }
        try (var configs = Files.list(dir)) {
            for (Path folder : configs.filter(p -> p.getFileName().toString().startsWith("config-")).toList()) {
                Files.writeString(folder.resolve("baton").resolve("allowed_signers"), signers);
            }
        }
        System.setProperty("baton.data", dir.resolve("data-" + name).toString());
        System.setProperty("baton.responder", name);
        System.setProperty("baton.config-home", config.toString());
    }

    @Test
    void twoRespondersWorkOneIncidentFromTheCommandLine() throws Exception {
        run("git", "init", "--quiet", "--bare", dir.resolve("remote.git").toString());
        as("bob");
        as("alice");
        String id;
        try (OpenIncident incident = new IncidentStore(dir.resolve("data-alice")).start("Queue backlog", "SEV1", "",
                "alice", Instant.now())) {
            id = incident.info().id();
        }
        CliRun share = CliRun.of("incident", "share", id);
        assertThat(share.exitCode()).as(share.err()).isZero();
        assertThat(share.out()).contains("Nothing to redact.", "Shared " + id);

        as("bob");
        CliRun join = CliRun.of("incident", "join", id, "--remote", dir.resolve("remote.git").toString());
        assertThat(join.exitCode()).as(join.err()).isZero();
        CliRun note = CliRun.of("incident", "note", id, "consumers restarted \u001b[2J on worker-3");
        assertThat(note.exitCode()).as(note.err()).isZero();

        as("alice");
        assertThat(CliRun.of("incident", "note", id, "backlog draining").exitCode()).isZero();
        CliRun log = CliRun.of("incident", "log", id);
        assertThat(log.out()).contains("alice  Incident \"Queue backlog\" started by alice",
                "bob  Note: consumers restarted \\e[2J on worker-3", "alice  Note: backlog draining");
        assertThat(log.out().indexOf("bob  Note")).isLessThan(log.out().indexOf("alice  Note"));
        assertThat(log.out()).doesNotContain("\u001b");

        as("bob");
        CliRun sync = CliRun.of("incident", "sync", id);
        assertThat(sync.exitCode()).as(sync.err()).isZero();
        assertThat(sync.out()).contains("New events from alice");
        assertThat(CliRun.of("incident", "log", id).out()).contains("alice  Note: backlog draining");
    }

    @Test
    void listShowsTheLocalIncidentsAndTheRemotesAndSaysSoWhenTheRemoteIsUnreachable() throws Exception {
        run("git", "init", "--quiet", "--bare", dir.resolve("remote.git").toString());
        as("carol");
        as("alice");
        String id;
        try (OpenIncident incident = new IncidentStore(dir.resolve("data-alice")).start("Queue backlog", "SEV1", "",
                "alice", Instant.now())) {
            id = incident.info().id();
        }
        assertThat(CliRun.of("incident", "share", id).exitCode()).isZero();

        as("carol");
        try (OpenIncident incident = new IncidentStore(dir.resolve("data-carol")).start("Cert expiry", "SEV3", "",
                "carol", Instant.now())) {
            incident.note("renewing");
        }
        CliRun list = CliRun.of("incident", "list");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains(id + "  SEV1  open  alice  ", "team remote  Queue backlog")
                .contains("here  Cert expiry");

        CliRun json = CliRun.of("incident", "list", "--json");
        var rows = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out());
        assertThat(rows.isArray()).isTrue();
        assertThat(rows).hasSize(2);
        assertThat(rows.findValuesAsText("title")).containsExactlyInAnyOrder("Queue backlog", "Cert expiry");
        assertThat(rows.findValuesAsText("where")).containsExactlyInAnyOrder("team remote", "here");

        CliRun away = CliRun.of("incident", "list", "--remote", dir.resolve("nowhere.git").toString());
        assertThat(away.exitCode()).isEqualTo(1);
        assertThat(away.out()).contains("Cert expiry").doesNotContain("Queue backlog");
        assertThat(away.err()).startsWith("baton incident list: team remote unreachable: Could not fetch from");
    }

    @Test
    void shareWithSecretsToRedactListsThemAndPushesOnlyWhenTheResponderSaysYes() throws Exception {
        run("git", "init", "--quiet", "--bare", dir.resolve("remote.git").toString());
        as("alice");
        String token = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
        String id;
        try (OpenIncident incident = new IncidentStore(dir.resolve("data-alice")).start("CI broken, token " + token
                + " revoked?", "SEV2", "", "alice", Instant.now())) {
            id = incident.info().id();
        }
        CliRun share = CliRun.of("incident", "share", id);
        assertThat(share.exitCode()).isEqualTo(2);
        assertThat(share.out()).contains("Redacted before it leaves this machine:", "incident.json");
        assertThat(share.err()).contains("Nothing was shared", "--yes");
        assertThat(run("git", "--git-dir=" + dir.resolve("remote.git"), "for-each-ref")).isEmpty();

        CliRun yes = CliRun.of("incident", "share", id, "--yes");
        assertThat(yes.exitCode()).as(yes.err()).isZero();
        assertThat(yes.out()).contains("Redacted before it leaves this machine:", "Shared " + id);
        assertThat(run("git", "--git-dir=" + dir.resolve("remote.git"), "for-each-ref")).contains(id);
    }

    @Test
    void withNoRemoteAnywhereTheResponderIsToldWhatToGive() throws Exception {
        System.setProperty("baton.data", dir.resolve("data").toString());
        System.setProperty("baton.config-home", dir.resolve("empty-config").toString());
        String id;
        try (OpenIncident incident = new IncidentStore(dir.resolve("data")).start("Disk full", "SEV2", "", "me",
                Instant.now())) {
            id = incident.info().id();
        }
        CliRun share = CliRun.of("incident", "share", id, "--identity", dir.resolve("nokey").toString());
        assertThat(share.exitCode()).isEqualTo(2);
        assertThat(share.err()).contains("No remote: give --remote URL, or set team.remote in config.yaml");
    }

    private String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }
}
