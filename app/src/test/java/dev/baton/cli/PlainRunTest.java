package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.incident.IncidentStore;
import dev.baton.incident.OpenIncident;
import dev.baton.ssh.InProcessSshServer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain {@code baton run} on one node, read without picocli, prints, records and exits as the same words read by
 * picocli: against a real node (MINA SSHD in this JVM) and a real incident under {@code baton.data}.
 */
class PlainRunTest {
    private static final BatonCommand.WindowOpener NO_WINDOW = (runbooks, inventories) -> {
        throw new AssertionError("a command line run must not open the window");
    };

    @TempDir
    Path dir;

    private CommandNode node;
    private Path runbook;
    private Path folder;

    @BeforeEach
    void start() throws Exception {
        node = CommandNode.startRecordingUnder(dir);
        runbook = dir.resolve("answer.md");
        Files.writeString(runbook, "# The answer\n\n```bash\necho \"answer-$((6 * 7))\"\n```\n\n```text\nnot a command\n```\n");
        try (OpenIncident incident = new IncidentStore(dir.resolve("data")).start("Answer wrong", "P3", "", "ana",
                Instant.now())) {
            folder = incident.folder();
        }
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    private String node() {
        return node.address();
    }

    private String[] run(String address, String... what) {
        List<String> args = new ArrayList<>(List.of("run", "--node", address, "--known-hosts", node.knownHosts.toString(),
                "--identity", node.key.toString()));
        args.addAll(List.of(what));
        return args.toArray(String[]::new);
    }

    @Test
    void aRunPrintsRecordsAndExitsAsThroughPicocli() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Files.writeString(dir.resolve("empty_known_hosts"), "");
        List<String[]> runs = List.of(
                run(node(), "--step", runbook + "#1", "--yes"),
                run(node(), "--yes", "--command", "printf 'out %s' \"$((1+2))\"; echo 'to err' >&2; exit 3"),
                run(node(), "--command", "true"),
                run(node(), "--step", runbook + "#2"),
                run(node(), "--step", dir.resolve("missing.md") + "#1"),
                run(node(), "--step", runbook + "#9"),
                run(node(), "--command", "echo '<pod>'"),
                run(node(), "--command", "printf '%s|' <pod> \"$NS\"", "--label", "pod=$(id) `x` 'q'", "--label", "NS=a b",
                        "--yes"),
                run(node(), "--command", "echo <ns>", "--var", "ns=prod"),
                run(node(), "--command", "cat <<EOF\n<pod>\nEOF", "--label", "pod=x\nEOF\ntouch " + dir.resolve("ran")),
                run(InProcessSshServer.USER + "@127.0.0.1:" + closed, "--command", "true"),
                new String[] {"run", "--node", node(), "--known-hosts", dir.resolve("empty_known_hosts").toString(),
                    "--identity", node.key.toString(), "--command", "true"},
                new String[] {"run", "--node", "web1", "--inventory", dir.resolve("none.ini").toString(), "--command",
                    "true", "--connect-timeout", "1"});
        for (String[] args : runs) {
            boolean plain = PlainCommandLine.parse(args).isPresent();
            PrintedCommand picocli = PrintedCommand.of(() -> BatonCommand.commandLine(NO_WINDOW, args).execute(args)).withoutLogLines();
            PrintedCommand direct = PrintedCommand.of(() -> BatonCommand.execute(NO_WINDOW, args)).withoutLogLines();
            assertThat(direct).as(String.join(" ", args)).isEqualTo(picocli);
            assertThat(plain).as(String.join(" ", args)).isEqualTo(!args[args.length - 2].equals("--connect-timeout"));
        }
        String timeline = Files.readString(folder.resolve("timeline.jsonl"));
        assertThat(timeline.split("\"type\":\"run.result\"", -1)).hasSize(11); // five runs reached the node, twice
        assertThat(dir.resolve("ran")).doesNotExist();
    }
}
