package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.incident.IncidentStore;
import dev.baton.incident.OpenIncident;
import dev.baton.ssh.InProcessSshServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code baton run} records into the data folder's current incident, as the window records into the one it has
 * open; when it cannot, one line on stderr says why and the run goes ahead. Against a real node (MINA SSHD in
 * this JVM) and a real incident folder under {@code baton.data}.
 */
class RunRecordingTest {
    @TempDir
    Path dir;

    private CommandNode node;
    private Path runbook;

    @BeforeEach
    void start() throws Exception {
        node = CommandNode.startRecordingUnder(dir);
        runbook = dir.resolve("answer.md");
        Files.writeString(runbook, """
                # The answer

                ```bash
                echo "answer-$((6 * 7))"
                ```
                """);
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    private IncidentStore store() {
        return new IncidentStore(dir.resolve("data"));
    }

    private PrintedCommand run(String... nodes) {
        List<String> args = new java.util.ArrayList<>(List.of("run", "--step", runbook + "#1", "--known-hosts",
                node.knownHosts.toString(), "--identity", node.key.toString(), "--yes"));
        for (String address : nodes) {
            args.addAll(List.of("--node", address));
        }
        return PrintedCommand.picocli(args.toArray(String[]::new));
    }

    private String node() {
        return node.address();
    }

    @Test
    void aRunOnOneNodeGoesIntoTheCurrentIncidentWithItsOutput() throws Exception {
        Path folder;
        try (OpenIncident incident = store().start("Answer wrong", "P3", "", "ana", Instant.now())) {
            folder = incident.folder();
        }

        PrintedCommand run = run(node());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("answer-42\n");
        assertThat(run.err()).isEqualTo("baton run: recorded in incident \"Answer wrong\" ("
                + folder.getFileName() + ")\n");
        String timeline = Files.readString(folder.resolve("timeline.jsonl"));
        assertThat(timeline).contains("\"type\":\"step.run\"").contains(runbook.toString())
                .contains("\"type\":\"run.result\"").contains(node());
        try (Stream<Path> files = Files.walk(folder)) {
            assertThat(files.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().contains("stdout")))
                    .singleElement().satisfies(f -> assertThat(Files.readString(f)).isEqualTo("answer-42\n"));
        }
    }

    @Test
    void aRunOnSeveralNodesRecordsEachResult() throws Exception {
        Path folder;
        try (OpenIncident incident = store().start("Answer wrong", "P3", "", "ana", Instant.now())) {
            folder = incident.folder();
        }

        PrintedCommand run = run(node(), "127.0.0.1:" + node.server.port());

        assertThat(run.status()).as(run.err()).isEqualTo(255); // the second is no user's: it cannot log in
        String timeline = Files.readString(folder.resolve("timeline.jsonl"));
        assertThat(timeline).contains("\"type\":\"step.run\"");
        List<String> results = timeline.lines().filter(line -> line.contains("\"type\":\"run.result\"")).toList();
        assertThat(results).hasSize(2);
        assertThat(results).anySatisfy(line -> assertThat(line).contains("\"target\":\"" + node() + "\"",
                "\"outcome\":\"COMPLETED\""));
        assertThat(results).anySatisfy(line -> assertThat(line).contains("\"outcome\":\"NOT_STARTED\"", "auth"));
        assertThat(run.err()).contains("baton run: recorded in incident \"Answer wrong\"");
    }

    @Test
    void aNodeThatCannotBeReachedIsRecordedAsAFailedConnection() throws Exception {
        Path folder;
        try (OpenIncident incident = store().start("Answer wrong", "P3", "", "ana", Instant.now())) {
            folder = incident.folder();
        }
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }

        PrintedCommand run = run(InProcessSshServer.USER + "@127.0.0.1:" + closed);

        assertThat(run.status()).isEqualTo(RunCommand.CONNECTION_FAILED);
        assertThat(run.err()).contains("connection refused").endsWith("baton run: recorded in incident \"Answer wrong\" ("
                + folder.getFileName() + ")\n");
        assertThat(Files.readString(folder.resolve("timeline.jsonl"))).contains("\"type\":\"connection.failed\"")
                .contains("127.0.0.1:" + closed);
    }

    @Test
    void withNoIncidentOpenOneLineSaysTheRunIsNotRecorded() throws Exception {
        PrintedCommand run = run(node());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("answer-42\n");
        assertThat(run.err()).isEqualTo("baton run: not recorded: no incident is open (start one in the window, "
                + "or with baton open-alert)\n");
        assertThat(store().incidentsDirectory()).doesNotExist();
    }

    @Test
    void anIncidentOpenInTheWindowIsLeftAloneAndTheLineSaysSo() throws Exception {
        try (OpenIncident incident = store().start("Answer wrong", "P3", "", "ana", Instant.now())) {
            String before = Files.readString(incident.folder().resolve("timeline.jsonl"));

            PrintedCommand run = run(node());

            assertThat(run.status()).as(run.err()).isZero();
            assertThat(run.out()).isEqualTo("answer-42\n");
            assertThat(run.err()).isEqualTo("baton run: not recorded: incident " + incident.info().id()
                    + " is open in another Baton window (run the step from there to record it)\n");
            assertThat(Files.readString(incident.folder().resolve("timeline.jsonl"))).isEqualTo(before);
        }
    }
}
