package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.session.ManyNodesServer;
import dev.baton.ssh.InProcessSshServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code baton run} on a group of six in-process SSH nodes: a step that changes things runs on one node first and on
 * the rest only if it succeeded; batches run one after another and a failure leaves the rest not run, saying why; a
 * read-only step runs everywhere at once.
 */
class RunCanaryTest {
    private static final List<String> ADDRESSES = ManyNodesServer.addresses(2, 6);

    @TempDir
    static Path dir;
    static ManyNodesServer server;
    static Path key;
    static Path knownHosts;
    static Path inventory;

    @BeforeAll
    static void startNodes() throws Exception {
        key = InProcessSshServer.generateClientKey(dir.resolve("keys"), "id_ed25519", "");
        server = ManyNodesServer.start(ADDRESSES, InProcessSshServer.publicKeyOf(key), InProcessSshServer.newHostKey());
        knownHosts = Files.writeString(dir.resolve("known_hosts"), server.knownHosts());
        StringBuilder ini = new StringBuilder("[web]\n");
        for (String address : ADDRESSES) {
            ini.append('n').append(address.substring(address.lastIndexOf('.') + 1)).append(" ansible_host=")
                    .append(address).append(" ansible_port=").append(server.port()).append(" ansible_user=")
                    .append(InProcessSshServer.USER).append('\n');
        }
        inventory = Files.writeString(dir.resolve("hosts.ini"), ini);
    }

    @AfterAll
    static void stopNodes() throws IOException {
        server.close();
    }

    private record Ran(int status, String out, String err) {
        JsonNode node(String name) throws IOException {
            for (JsonNode node : new ObjectMapper().readTree(out)) {
                if (node.get("node").asText().equals(name)) {
                    return node;
                }
            }
            throw new AssertionError("no " + name + " in " + out);
        }
    }

    private static Ran run(String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "--group", "web", "--inventory", inventory.toString(),
                "--known-hosts", knownHosts.toString(), "--identity", key.toString(), "--yes", "--json"));
        args.addAll(List.of(extra));
        PrintedCommand printed = PrintedCommand.picocli(args.toArray(String[]::new));
        return new Ran(printed.status(), printed.out(), printed.err());
    }

    /** Which nodes ran the step, in the order they ran it (each appends its address). */
    private static List<String> ranOn(Path log) throws IOException {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Test
    void aDestructiveStepRunsOnTheCanaryFirstThenEverywhere() throws Exception {
        Path log = dir.resolve("destructive.log");
        Ran ran = run("--command", "rm -rf " + dir.resolve("scratch-$NODE_ADDR") + "; echo $NODE_ADDR >> " + log);

        assertThat(ran.err()).contains("canary first");
        assertThat(ran.status()).as(ran.err()).isZero();
        assertThat(ranOn(log)).hasSize(6).first().isEqualTo("127.0.0.2");
    }

    @Test
    void aFailedCanaryLeavesTheRestNotRunAndSaysWhy() throws Exception {
        Path log = dir.resolve("failed-canary.log");
        Ran ran = run("--command", "rm -rf " + dir.resolve("scratch-$NODE_ADDR") + "; echo $NODE_ADDR >> " + log
                + "; test $NODE_ADDR != 127.0.0.2");

        assertThat(ranOn(log)).containsExactly("127.0.0.2");
        assertThat(ran.status()).isEqualTo(1);
        assertThat(ran.node("n2").get("status").asText()).isEqualTo("failed");
        for (String name : List.of("n3", "n4", "n5", "n6", "n7")) {
            assertThat(ran.node(name).get("status").asText()).isEqualTo("not_run");
            assertThat(ran.node(name).get("reason").asText()).isEqualTo("not run (stopped after failure on n2)");
        }
    }

    @Test
    void batchesRunOneAfterAnotherAndAFailureStopsTheRest() throws Exception {
        Path log = dir.resolve("batches.log");
        Ran ran = run("--batch", "2", "--stop-on-failure", "--command", "echo $NODE_ADDR >> " + log
                + "; test $NODE_ADDR != 127.0.0.4");

        assertThat(ran.err()).contains("batches of 2, stop on failure");
        List<String> order = ranOn(log);
        assertThat(order).hasSize(4);
        assertThat(order.subList(0, 2)).containsExactlyInAnyOrder("127.0.0.2", "127.0.0.3");
        assertThat(order.subList(2, 4)).containsExactlyInAnyOrder("127.0.0.4", "127.0.0.5");
        assertThat(ran.node("n6").get("reason").asText()).isEqualTo("not run (stopped after failure on n4)");
        assertThat(ran.node("n7").get("status").asText()).isEqualTo("not_run");
        assertThat(ran.status()).isEqualTo(1);
    }

    @Test
    void aReadOnlyStepRunsEverywhereAtOnce() throws Exception {
        Path log = dir.resolve("read-only.log");
        Ran ran = run("--command", "echo $NODE_ADDR >> " + log);

        assertThat(ran.err()).doesNotContain("canary");
        assertThat(ran.status()).as(ran.err()).isZero();
        assertThat(ranOn(log)).hasSize(6);
    }

    @Test
    void aStepItsRunbookMarksChangesRunsOnTheCanaryFirst() throws Exception {
        Path log = dir.resolve("marked.log");
        Path runbook = Files.writeString(dir.resolve("rotate.md"), "# Rotate the log\n\n```bash changes\necho $NODE_ADDR >> "
                + log + "; test $NODE_ADDR != 127.0.0.2\n```\n");
        Ran ran = run("--step", runbook + "#1");

        assertThat(ran.err()).contains("canary first");
        assertThat(ranOn(log)).containsExactly("127.0.0.2");
        assertThat(ran.node("n7").get("reason").asText()).isEqualTo("not run (stopped after failure on n2)");
    }
}
