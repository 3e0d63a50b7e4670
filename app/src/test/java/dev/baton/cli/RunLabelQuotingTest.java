package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code baton run --label}: an alert's value reaches a real node's shell as one literal word wherever the
 * step holds it, on one node and on several; where it cannot be quoted nothing runs.
 */
class RunLabelQuotingTest {
    @TempDir
    Path dir;

    private CommandNode node;

    @BeforeEach
    void start() throws Exception {
        node = CommandNode.start(dir);
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    private String hostile() {
        return "$(touch " + dir.resolve("ran") + "); it's \"x\" `touch " + dir.resolve("ran") + "`";
    }

    private String node() {
        return node.address();
    }

    @Test
    void aLabelInsideADoubleQuotedSubstitutionArrivesLiterallyOnOneNode() throws Exception {
        PrintedCommand run = PrintedCommand.picocli("run", "--command", "printf '%s|' \"$(printf '%s' <pod>)\"", "--label", "pod=" + hostile(),
                "--node", node(), "--known-hosts", node.knownHosts.toString(), "--identity", node.key.toString(), "--yes");

        assertThat(run.out()).as(run.err()).isEqualTo(hostile() + "|");
        assertThat(dir.resolve("ran")).doesNotExist();
    }

    @Test
    void aLabelInBackticksArrivesLiterallyOnEachNodeOfAFanOut() throws Exception {
        PrintedCommand run = PrintedCommand.picocli("run", "--command", "printf '%s|' \"`printf '%s' $POD`\"", "--label", "POD=" + hostile(),
                "--node", node(), "--node", node(), "--known-hosts", node.knownHosts.toString(), "--identity",
                node.key.toString(), "--yes");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains(hostile() + "|");
        assertThat(dir.resolve("ran")).doesNotExist();
    }

    @Test
    void aLabelThatCouldEndAHereDocumentIsRefusedBeforeAnyNodeIsReached() throws Exception {
        PrintedCommand run = PrintedCommand.picocli("run", "--command", "cat <<EOF\n<pod>\nEOF", "--label", "pod=x\nEOF\ntouch " + dir.resolve("ran"),
                "--node", node(), "--known-hosts", node.knownHosts.toString(), "--identity", node.key.toString(), "--yes");

        assertThat(run.status()).isEqualTo(RunCommand.REFUSED);
        assertThat(run.err()).contains("<pod>", "here-document", "line break");
        assertThat(node.server.authAttempts).isEmpty();
        assertThat(dir.resolve("ran")).doesNotExist();
    }
}
