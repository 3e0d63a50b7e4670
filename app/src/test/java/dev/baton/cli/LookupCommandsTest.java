package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.runbook.FormatFixtures;
import dev.baton.runbook.Seeds;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LookupCommandsTest {
    @TempDir
    Path dir;

    @Test
    void shippedRunbooksLintClean() {
        CliRun run = CliRun.of("lint", Seeds.shippedRunbooks().toString());
        assertThat(run.out()).isEmpty();
        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.err()).contains("0 problem(s)");
    }

    @Test
    void lintReportsPathLineMessageAndExitsOne() throws Exception {
        Files.writeString(dir.resolve("bad.md"), "# Bad\n\nSee [missing](missing.md).\n\n```bash\nuptime\n");
        CliRun run = CliRun.of("lint", dir.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        String bad = dir.resolve("bad.md").toString();
        assertThat(run.out().lines()).containsExactly(
                bad + ":3: broken link [missing](missing.md): no such file: missing.md",
                bad + ":5: code block opened here is never closed; it runs to the end of the file");
    }

    @Test
    void lintOfAnIndexFindsItsBrokenLinks() {
        CliRun run = CliRun.of("lint", FormatFixtures.folder().toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains(
                FormatFixtures.EMOJI_INDEX + ":8: broken link [Broker Unreachable](./broker-unreachable.md)");
    }

    @Test
    @Tag(Seeds.TAG)
    void lintOfTheSeedsFindsTheirBrokenLinks() {
        CliRun run = CliRun.of("lint", Seeds.folder().toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains(Seeds.BLIXARD + ":8: broken link [Node Down](./node-down.md)");
    }

    @Test
    void alertFindsTheShippedRunbook() {
        CliRun run = CliRun.of("alert", "NodeDown", "--dir", Seeds.shippedRunbooks().toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("linux-node-down.md");
    }

    @Test
    void unknownAlertExitsOneWithAMessage() {
        CliRun run = CliRun.of("alert", "NoSuchAlert", "--dir", Seeds.shippedRunbooks().toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no runbook answers alert NoSuchAlert");
    }

    @Test
    void alertSeesAnEditThatKeepsTheFilesSizeAndTime() throws Exception {
        Path runbook = dir.resolve("queue.md");
        Files.writeString(runbook, "---\nalerts: [BatonQueueStalled]\n---\n# Queue\n");
        // A whole second: a time set again must read back exactly as the index noted it.
        Files.setLastModifiedTime(runbook, java.nio.file.attribute.FileTime.fromMillis(1_700_000_000_000L));
        assertThat(CliRun.of("alert", "BatonQueueStalled", "--dir", dir.toString()).out()).contains("queue.md");
        // Same size, same time, other bytes: the index checks the file's content, so the edit is read.
        var time = Files.getLastModifiedTime(runbook);
        Files.writeString(runbook, "---\nalerts: [BatonQueueStuffed]\n---\n# Queue\n");
        Files.setLastModifiedTime(runbook, time);
        CliRun edited = CliRun.of("alert", "BatonQueueStalled", "--dir", dir.toString());
        assertThat(edited.exitCode()).as("edited: read again").isEqualTo(1);
        CliRun found = CliRun.of("alert", "BatonQueueStuffed", "--dir", dir.toString());
        assertThat(found.exitCode()).as(found.err()).isZero();
        assertThat(found.out()).startsWith("BatonQueueStuffed\t-\t").contains("queue.md\tQueue");
    }

    @Test
    void searchFindsByPrefixBestFirst() {
        CliRun run = CliRun.of("search", "disk", "fu", "--dir", Seeds.shippedRunbooks().toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().findFirst().orElseThrow()).contains("disk-full.md");
    }

    @Test
    void searchWithNoMatchExitsOne() {
        CliRun run = CliRun.of("search", "zzqqxxnotaword", "--dir", Seeds.shippedRunbooks().toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).as("said, not silent").isEqualTo("baton search: no runbook matches zzqqxxnotaword\n");
    }

    @Test
    void unknownSubcommandIsAUsageError() {
        CliRun run = CliRun.of("frobnicate");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unmatched argument");
    }

    @Test
    void alertNamedByItsFileIsFoundAndATypoGetsASuggestion() throws Exception {
        Files.writeString(dir.resolve("BatonQueueStalled.md"), "# BatonQueueStalled\n\nNothing leaves the queue.\n");
        CliRun found = CliRun.of("alert", "BatonQueueStalled", "--dir", dir.toString());
        assertThat(found.exitCode()).as(found.err()).isZero();
        assertThat(found.out()).contains("BatonQueueStalled.md");
        assertThat(CliRun.of("alert", "batonqueuestalled", "--dir", dir.toString()).out()).startsWith("BatonQueueStalled\t");
        CliRun typo = CliRun.of("alert", "BatonQueueStaled", "--dir", dir.toString());
        assertThat(typo.exitCode()).isEqualTo(1);
        assertThat(typo.err()).contains("no runbook answers alert BatonQueueStaled; did you mean BatonQueueStalled?");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"inspect", "lint", "search", "alert", "run", "timeline", "bundle"})
    void everySubcommandAnswersHelp(String command) {
        CliRun run = CliRun.of(command, "--help");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Usage: baton " + command);
        assertThat(run.err()).doesNotContain("Missing required");
    }

    @org.junit.jupiter.api.Test
    void runRefusesAClientSessionOnNodes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path runbook = java.nio.file.Files.writeString(dir.resolve("cache.md"),
                "# Cache\n\n```console\n$ redis-cli -h cache-1\ncache-1:6379> FLUSHDB\n```\n");
        java.nio.file.Path inventory = java.nio.file.Files.writeString(dir.resolve("hosts.ini"), "cache-1 ansible_host=127.0.0.1\n");
        java.io.PrintStream before = System.err;
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        CliRun run;
        try {
            System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8)); // run prints there
            run = CliRun.of("run", "--node", "cache-1", "--step", runbook + "#1", "--inventory", inventory.toString());
        } finally {
            System.setErr(before);
        }
        assertThat(run.exitCode()).isNotZero();
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("opens redis-cli and types lines at its prompt: run it in a terminal");
    }
}
