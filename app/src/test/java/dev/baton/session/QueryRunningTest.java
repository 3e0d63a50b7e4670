package dev.baton.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.incident.IncidentEvent;
import dev.baton.incident.IncidentStore;
import dev.baton.incident.TimelineEvent;
import dev.baton.query.PrometheusServer;
import dev.baton.query.QueryAnswer;
import dev.baton.query.QueryWindow;
import dev.baton.runbook.Runbook;
import dev.baton.runbook.RunbookParser;
import dev.baton.runbook.Step;
import dev.baton.sources.DataSource;
import dev.baton.sources.SourceKind;
import dev.baton.sources.SourcesConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A PromQL step through the session, against Debian's Prometheus: asked, recorded, captured. */
class QueryRunningTest {
    @TempDir
    static Path dir;
    static PrometheusServer prometheus;
    static final ExecutorService EXECUTOR = Executors.newSingleThreadExecutor();

    @BeforeAll
    static void start() throws Exception {
        prometheus = PrometheusServer.start(dir.resolve("prometheus"));
    }

    @AfterAll
    static void stop() throws Exception {
        EXECUTOR.shutdownNow();
        if (prometheus != null) {
            prometheus.close();
        }
    }

    private static Runbook runbook() throws dev.baton.runbook.RunbookReadException {
        return new RunbookParser().parse("scrapes.md", new dev.baton.runbook.SourceText("""
                # Scrapes

                ```promql
                sum by (job) (rate(prometheus_http_requests_total{job="{{job}}"}[$__rate_interval]))
                ```

                ```logql
                {app="<app>"} |= "error"
                ```

                ```bash
                uptime
                ```
                """, List.of())).get(0);
    }

    @Test
    void aStepRunsWithItsPlaceholdersAndIsRecordedWithoutCredentials() throws Exception {
        try (IncidentSession session = new IncidentSession(new IncidentStore(dir.resolve("incidents")), "ana")) {
            QueryRunning running = new QueryRunning(Optional.of(session), EXECUTOR);
            Runbook runbook = runbook();
            Step step = runbook.step(1).orElseThrow();
            DataSource source = QueryRunning.source(SourcesConfig.of(List.of(
                    DataSource.of(SourceKind.PROMETHEUS, "main", prometheus.url()))), QueryRunning.language(step).orElseThrow(), "");
            QueryWindow window = running.lastWindow(Duration.ofMinutes(10));
            assertThatThrownBy(() -> QueryRunning.plan(step, Map.of(), source, window, false))
                    .hasMessage("The query needs values for job");

            QueryRunning.Request request = QueryRunning.plan(step, Map.of("job", "prometheus"), source, window, false);
            assertThat(request.query()).isEqualTo(
                    "sum by (job) (rate(prometheus_http_requests_total{job=\"prometheus\"}[1m]))");
            QueryRunning.Run run = running.run(runbook, 1, request).get(30, TimeUnit.SECONDS);
            assertThat(run.error()).isEmpty();
            QueryAnswer.Metrics metrics = (QueryAnswer.Metrics) run.answer().orElseThrow();
            assertThat(metrics.series()).hasSize(1);
            assertThat(metrics.series().get(0).labels()).isEqualTo(Map.of("job", "prometheus"));

            String block = running.capture(run, new byte[] {(byte) 0x89, 'P', 'N', 'G'}).get(30, TimeUnit.SECONDS);
            IncidentSnapshot snapshot = session.snapshot().get(30, TimeUnit.SECONDS).orElseThrow();
            IncidentEvent.QueryRan ran = snapshot.events().stream().map(TimelineEvent::typed)
                    .filter(IncidentEvent.QueryRan.class::isInstance).map(IncidentEvent.QueryRan.class::cast)
                    .findFirst().orElseThrow();
            assertThat(ran).isEqualTo(new IncidentEvent.QueryRan("scrapes.md", 1, "PromQL", "main", request.query(),
                    window.start(), window.end(), 1, "series", run.took().toMillis(), ""));
            IncidentEvent.CaptureTaken capture = snapshot.events().stream().map(TimelineEvent::typed)
                    .filter(IncidentEvent.CaptureTaken.class::isInstance).map(IncidentEvent.CaptureTaken.class::cast)
                    .findFirst().orElseThrow();
            assertThat(capture.file()).matches("captures/\\d{4}-main-chart\\.png");
            assertThat(Files.readAllBytes(snapshot.folder().resolve(capture.file()))).startsWith((byte) 0x89);
            assertThat(block).startsWith("**Query** · PromQL on main · ")
                    .contains("```promql\n" + request.query() + "\n```")
                    .contains("| {job=\"prometheus\"} | ")
                    .endsWith("![Chart of the query](" + capture.file() + ")\n");
        }
    }

    @Test
    void aFailedRunIsRecordedWithPrometheusOwnError() throws Exception {
        try (IncidentSession session = new IncidentSession(new IncidentStore(dir.resolve("failing")), "ana")) {
            QueryRunning running = new QueryRunning(Optional.of(session), EXECUTOR);
            DataSource source = DataSource.of(SourceKind.PROMETHEUS, "main", prometheus.url());
            QueryRunning.Request request = QueryRunning.plan(dev.baton.query.QueryLanguage.PROMQL, "rate(up[5m]",
                    Map.of(), source, running.lastWindow(Duration.ofMinutes(5)), true);
            QueryRunning.Run run = running.run(null, 0, request).get(30, TimeUnit.SECONDS);
            assertThat(run.failed()).isTrue();
            assertThat(run.error()).contains("HTTP 400").contains("parse error").endsWith("rate(up[5m]\n" + " ".repeat(11) + "^");
            assertThatThrownBy(() -> running.capture(run, null).get()).hasMessageContaining("nothing to capture");
            IncidentEvent.QueryRan ran = awaitQueryEvent(session);
            assertThat(ran.count()).isEqualTo(-1);
            assertThat(ran.from()).isNull();
            assertThat(ran.error()).contains("parse error").doesNotContain("\n");
        }
    }

    @Test
    void aStepThatIsNotAQueryOrHasNoSourceIsRefusedWithWhy() throws Exception {
        Runbook runbook = runbook();
        assertThat(QueryRunning.notRunnable(runbook.step(3).orElseThrow())).isEqualTo("Step 3 is bash, not PromQL or LogQL; use Copy");
        assertThatThrownBy(() -> QueryRunning.source(SourcesConfig.empty(), dev.baton.query.QueryLanguage.LOGQL, ""))
                .hasMessageStartingWith("No Loki data source is configured");
        assertThatThrownBy(() -> QueryRunning.source(SourcesConfig.of(List.of(DataSource.of(SourceKind.PROMETHEUS, "main",
                prometheus.url()))), dev.baton.query.QueryLanguage.PROMQL, "other"))
                .hasMessage("No Prometheus data source is named 'other' (configured: main)");
    }

    @Test
    void aSlowEndpointCanBeCancelledAndTheRunSaysSo() throws Exception {
        java.util.concurrent.CountDownLatch asked = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        com.sun.net.httpserver.HttpServer slow = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        slow.createContext("/", exchange -> {
            asked.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        slow.setExecutor(Executors.newCachedThreadPool());
        slow.start();
        try (IncidentSession session = new IncidentSession(new IncidentStore(dir.resolve("slow")), "ana")) {
            QueryRunning running = new QueryRunning(Optional.of(session), EXECUTOR);
            DataSource source = DataSource.of(SourceKind.PROMETHEUS, "slow",
                    java.net.URI.create("http://127.0.0.1:" + slow.getAddress().getPort()));
            QueryRunning.Handle handle = running.start(null, 0, QueryRunning.plan(dev.baton.query.QueryLanguage.PROMQL,
                    "up", Map.of(), source, running.lastWindow(Duration.ofMinutes(5)), true));
            assertThat(asked.await(20, TimeUnit.SECONDS)).as("the request reached the server").isTrue();
            long before = System.nanoTime();
            handle.cancel().run();
            QueryRunning.Run run = handle.result().get(10, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(10));
            assertThat(run.failed()).isTrue();
            assertThat(run.error()).contains("Prometheus slow").contains("cancelled");
            assertThat(awaitQueryEvent(session).error()).contains("cancelled");
        } finally {
            release.countDown();
            slow.stop(0);
        }
    }

    private static IncidentEvent.QueryRan awaitQueryEvent(IncidentSession session) throws Exception {
        // The record follows the run on the incident's thread; a snapshot queued after it sees it.
        IncidentSnapshot snapshot = session.snapshot().get(30, TimeUnit.SECONDS).orElseThrow();
        return snapshot.events().stream().map(TimelineEvent::typed)
                .filter(IncidentEvent.QueryRan.class::isInstance).map(IncidentEvent.QueryRan.class::cast)
                .findFirst().orElseThrow();
    }
}
