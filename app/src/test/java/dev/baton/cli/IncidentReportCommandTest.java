package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.incident.IncidentStore;
import dev.baton.incident.OpenIncident;
import dev.baton.incident.TimelineEvent;
import dev.baton.ssh.OutputSpool;
import dev.baton.ssh.RunOutcome;
import dev.baton.ssh.RunResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncidentReportCommandTest {
    @TempDir
    Path dir;

    @Test
    void reportWritesHtmlOrMarkdownAndKeepsAnExistingFile() throws Exception {
        Incident incident = fanOut("Disk full on web3", "password=hunter2-prod\n");
        Path html = dir.resolve("report.html");
        CliRun written = CliRun.of("incident", "report", incident.folder().toString(), "-o", html.toString());
        assertThat(written.exitCode()).as(written.err()).isZero();
        assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").contains("Disk full on web3", "What happened",
                "exit 1 on 1 node").doesNotContain("hunter2-prod");

        CliRun md = CliRun.of("incident", "report", incident.folder().toString(), "--format", "md");
        assertThat(md.exitCode()).as(md.err()).isZero();
        assertThat(md.out()).startsWith("# Disk full on web3").contains("## What happened", "## Commands run")
                .doesNotContain("hunter2-prod");

        Files.writeString(html, "mine");
        CliRun refused = CliRun.of("incident", "report", incident.folder().toString(), "-o", html.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("already exists", "--force");
        assertThat(Files.readString(html)).isEqualTo("mine");

        CliRun unknown = CliRun.of("incident", "report", "no-such-incident", "--format", "md");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("no incident no-such-incident");

        CliRun badFormat = CliRun.of("incident", "report", incident.folder().toString(), "--format", "pdf");
        assertThat(badFormat.exitCode()).isEqualTo(2);
        assertThat(badFormat.err()).contains("say md or html");
    }

    @Test
    void diffComparesTwoNodesOfOneRunAndRunsOfTwoIncidents() throws Exception {
        Incident today = fanOut("Disk full again", "No space left on device\n");
        Incident lastWeek = fanOut("Disk full", "Read-only file system\n");
        String web1 = today.folder() + ":" + today.results().get(0);
        String web3 = today.folder() + ":" + today.results().get(1);

        CliRun nodes = CliRun.of("incident", "diff", web1, ":" + today.results().get(1));
        assertThat(nodes.exitCode()).as(nodes.err()).isEqualTo(1);
        assertThat(nodes.out()).contains("-/dev/sda1 40% /var", "+── stderr ──", "+No space left on device");

        CliRun incidents = CliRun.of("incident", "diff", lastWeek.folder() + ":" + lastWeek.results().get(1), web3);
        assertThat(incidents.exitCode()).isEqualTo(1);
        assertThat(incidents.out()).contains("-Read-only file system", "+No space left on device");

        CliRun same = CliRun.of("incident", "diff", web1, web1);
        assertThat(same.exitCode()).isZero();
        assertThat(same.out()).contains("(same output)");

        CliRun notARun = CliRun.of("incident", "diff", today.folder() + ":1", web1);
        assertThat(notARun.exitCode()).isEqualTo(2);
        assertThat(notARun.err()).contains("is not a run on a node", "incident.started");
    }

    private record Incident(Path folder, List<Long> results) {}

    /** An incident where {@code df -h /var} ran on web1 (fine) and web3 (failing with {@code error} on stderr). */
    private Incident fanOut(String title, String error) throws Exception {
        try (OpenIncident incident = new IncidentStore(dir.resolve("data")).start(title, "P2", "DiskFull", "ana",
                Instant.now())) {
            incident.stepRun("disk-full.md", 1, "df -h /var", List.of("web1", "web3"), Map.of(), 2);
            TimelineEvent ok = incident.runResult(run("web1", "/dev/sda1 40% /var\n", "", 0), Map.of());
            TimelineEvent failed = incident.runResult(run("web3", "", error, 1), Map.of());
            return new Incident(incident.folder(), List.of(ok.seq(), failed.seq()));
        }
    }

    private RunResult run(String node, String stdout, String stderr, int exit) throws Exception {
        Path spool = Files.createTempDirectory(dir, "spool");
        OutputSpool out = new OutputSpool(spool, "stdout", 1 << 20);
        byte[] bytes = stdout.getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
        OutputSpool err = new OutputSpool(spool, "stderr", 1 << 20);
        byte[] errors = stderr.getBytes(StandardCharsets.UTF_8);
        err.write(errors, 0, errors.length);
        return new RunResult(node, "df -h /var", Instant.now(), Duration.ofMillis(300), RunOutcome.COMPLETED, exit, null,
                out, err, "");
    }
}
