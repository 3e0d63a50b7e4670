package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.incident.IncidentStore;
import dev.baton.incident.OpenIncident;
import dev.baton.ssh.InProcessSshServer;
import dev.baton.ssh.KnownHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code baton run} on one node opens its connection while the incident opens: the host key is still checked before
 * anything else goes to the node, a run refused here still never reaches it, and what the terminal shows comes in the
 * order it did when the connection came second. Against a real node (MINA SSHD in this JVM), both paths (plain words
 * and picocli's reading).
 */
class EarlyConnectionTest {
    @TempDir
    Path dir;

    private CommandNode node;

    @BeforeEach
    void start() throws Exception {
        node = CommandNode.startRecordingUnder(dir);
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    private String[] run(String... what) {
        List<String> args = new ArrayList<>(List.of("run", "--node", node.address(), "--known-hosts", node.knownHosts.toString(), "--identity", node.key.toString()));
        args.addAll(List.of(what));
        return args.toArray(String[]::new);
    }

    /** The same words run as a script runs them (read without picocli) and through picocli: both must agree. */
    private PrintedCommand both(String... args) {
        assertThat(PlainCommandLine.parse(args)).isPresent();
        PrintedCommand plain = PrintedCommand.of(() -> BatonCommand.execute((runbooks, inventories) -> { }, args))
                .withoutLogLines();
        PrintedCommand picocli = PrintedCommand.picocli(args).withoutLogLines();
        assertThat(plain).isEqualTo(picocli);
        return plain;
    }

    private Path openIncident() throws Exception {
        try (OpenIncident incident = new IncidentStore(dir.resolve("data")).start("Disk full", "P2", "", "ana",
                Instant.now())) {
            return incident.folder();
        }
    }

    @Test
    void aChangedHostKeyRefusesBeforeAuthenticatingOrSendingAndTheIncidentRecordsIt() throws Exception {
        Path folder = openIncident();
        Files.writeString(node.knownHosts, KnownHosts.lookupName("127.0.0.1", node.server.port()) + " "
                + PublicKeyEntry.toString(InProcessSshServer.newHostKey().getPublic()) + "\n");
        Path ran = dir.resolve("ran");

        PrintedCommand run = both(run("--yes", "--command", "touch " + ran));

        assertThat(run.status()).isEqualTo(RunCommand.CONNECTION_FAILED);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("baton run: REMOTE HOST IDENTIFICATION HAS CHANGED")
                .endsWith("baton run: recorded in incident \"Disk full\" (" + folder.getFileName() + ")\n");
        assertThat(node.server.authAttempts).isEmpty();
        assertThat(ran).doesNotExist();
        assertThat(Files.readString(folder.resolve("timeline.jsonl")).split("\"type\":\"connection.failed\"", -1))
                .hasSize(3);
    }

    @Test
    void anUnknownHostKeyIsDescribedAfterTheLineThatSaysTheRunIsNotRecorded() throws Exception {
        Files.writeString(node.knownHosts, "");

        PrintedCommand run = both(run("--yes", "--command", "true"));

        assertThat(run.status()).isEqualTo(RunCommand.CONNECTION_FAILED);
        assertThat(run.err()).startsWith("baton run: not recorded: no incident is open (start one in the window, or "
                + "with baton open-alert)\nThe authenticity of host ");
        assertThat(node.server.authAttempts).isEmpty();
    }

    @Test
    void aRunRefusedOrNotConfirmedNeverReachesTheNode() throws Exception {
        Path folder = openIncident();
        String timeline = Files.readString(folder.resolve("timeline.jsonl"));

        PrintedCommand unconfirmed = both(run("--command", "rm -rf /var/lib/important"));
        PrintedCommand missingValue = both(run("--yes", "--command", "echo <pod>"));

        assertThat(unconfirmed.status()).isEqualTo(RunCommand.REFUSED);
        assertThat(unconfirmed.err()).endsWith("baton run: not run (confirm by typing the node name, or pass --yes)\n");
        assertThat(missingValue.status()).isEqualTo(RunCommand.REFUSED);
        assertThat(node.server.authAttempts).isEmpty();
        assertThat(Files.readString(folder.resolve("timeline.jsonl"))).isEqualTo(timeline);
    }

    @Test
    void aRunThatConnectsIsRecordedAsWhenTheConnectionCameSecond() throws Exception {
        Path folder = openIncident();

        PrintedCommand run = both(run("--yes", "--command", "echo out; echo err >&2; exit 4"));

        assertThat(run.status()).isEqualTo(4);
        assertThat(run.out()).isEqualTo("out\n");
        assertThat(run.err()).isEqualTo("err\nbaton run: recorded in incident \"Disk full\" (" + folder.getFileName()
                + ")\n");
        List<String> types = Files.readString(folder.resolve("timeline.jsonl")).lines()
                .map(line -> line.replaceAll(".*\"type\":\"([a-z.]+)\".*", "$1")).toList();
        // Each of the two runs: the step announced, then its result, nothing of a connection in between.
        assertThat(types.subList(types.size() - 4, types.size())).containsExactly("step.run", "run.result", "step.run",
                "run.result");
    }
}
