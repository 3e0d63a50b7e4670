package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.query.PrometheusServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code baton query} against Debian's Prometheus scraping itself. */
class QueryCommandTest {
    @TempDir
    static Path dir;
    static PrometheusServer prometheus;
    static Path runbook;

    @BeforeAll
    static void start() throws Exception {
        prometheus = PrometheusServer.start(dir.resolve("prometheus"));
        Path folder = Files.createDirectories(dir.resolve("team-runbooks/scraping"));
        Files.writeString(dir.resolve("team-runbooks/baton.yaml"),
                "prometheus:\n  - name: team\n    url: " + prometheus.url() + "\n");
        runbook = folder.resolve("targets.md");
        Files.writeString(runbook, """
                # Targets

                Is the target up?

                ```promql
                up{job="<job>"}
                ```

                ```bash
                uptime
                ```
                """);
    }

    @AfterAll
    static void stop() throws Exception {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    void aStepRunsAgainstTheRunbookFoldersPrometheusAndPrintsATable() {
        CliRun run = CliRun.of("query", "--step", runbook + "#1", "--var", "job=prometheus", "--since", "5m");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("series").contains("up{instance=\"127.0.0.1:" + prometheus.port()
                + "\", job=\"prometheus\"}  1\n");
        assertThat(run.err()).contains("PromQL on team: 1 series in");
    }

    @Test
    void jsonHasOneObjectPerSeriesWithItsLabelsAndValues() throws Exception {
        CliRun run = CliRun.of("query", "--prometheus", prometheus.url().toString(), "--since", "1m", "--json",
                "sum by (job) (up)");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.size()).isEqualTo(1);
        assertThat(json.get(0).path("labels").path("job").asText()).isEqualTo("prometheus");
        assertThat(json.get(0).path("values").size()).isGreaterThan(1);
        assertThat(json.get(0).path("values").get(0).get(1).asText()).isEqualTo("1");
    }

    @Test
    void failuresSayWhyAndExitOne() {
        CliRun missing = CliRun.of("query", "--step", runbook + "#1");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("The query needs values for job");

        CliRun bad = CliRun.of("query", "--prometheus", prometheus.url().toString(), "rate(up[5m]");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("HTTP 400").contains("parse error").contains("rate(up[5m]\n" + " ".repeat(11) + "^");

        CliRun shell = CliRun.of("query", "--step", runbook + "#2");
        assertThat(shell.exitCode()).isEqualTo(1);
        assertThat(shell.err()).contains("Step 2 is bash, not PromQL or LogQL");

        CliRun noSource = CliRun.of("query", "--logql", "--source", "nope", "{app=\"a\"}");
        assertThat(noSource.exitCode()).isEqualTo(1);
        assertThat(noSource.err()).contains("No Loki data source is named 'nope'");
    }

    @Test
    void anAlertLabelGoesIntoTheQueryAsOneLabelValue() {
        CliRun up = CliRun.of("query", "--step", runbook + "#1", "--label", "job=prometheus", "--since", "5m");
        assertThat(up.exitCode()).as(up.err()).isZero();
        assertThat(up.out()).contains("job=\"prometheus\"}  1\n");
        // Typed with --var the value is query text and widens the query; as a label it stays one value.
        CliRun hostile = CliRun.of("query", "--step", runbook + "#1", "--label", "job=x\"} or up{job=\"prometheus",
                "--since", "5m");
        assertThat(hostile.out()).doesNotContain("job=\"prometheus\"}  1");
        CliRun outside = CliRun.of("query", "--prometheus", prometheus.url().toString(), "--label", "n=1 or vector(1)",
                "up > <n>");
        assertThat(outside.exitCode()).isEqualTo(1);
        assertThat(outside.err()).contains("n (\"1 or vector(1)\") stands outside quotes");
    }
}
