package dev.baton.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.sources.DataSource;
import dev.baton.sources.SourceAuth;
import dev.baton.sources.SourceClient;
import dev.baton.sources.SourceException;
import dev.baton.sources.SourceKind;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PromQL through Baton against Debian's Prometheus scraping itself; numbers checked against its own API. */
class PrometheusQueriesTest {
    @TempDir
    static Path dir;
    static PrometheusServer prometheus;

    @BeforeAll
    static void start() throws Exception {
        prometheus = PrometheusServer.start(dir.resolve("prometheus"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    private static PrometheusQueries queries(DataSource source) throws SourceException {
        return new PrometheusQueries(new SourceClient(source, name -> null, Duration.ofSeconds(10)));
    }

    private static PrometheusQueries queries() throws SourceException {
        return queries(DataSource.of(SourceKind.PROMETHEUS, "main", prometheus.url()));
    }

    @Test
    void anInstantQueryAnswersAsPrometheusDoes() throws Exception {
        Instant at = Instant.now().minusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        QueryAnswer.Metrics answer = queries().instant("up", at);
        JsonNode own = prometheus.api("/api/v1/query", "query", "up", "time", PrometheusQueries.seconds(at));
        assertThat(answer.range()).isFalse();
        assertThat(answer.series()).hasSize(own.path("data").path("result").size()).isNotEmpty();
        Series up = answer.series().get(0);
        assertThat(up.labels()).containsEntry("job", "prometheus")
                .containsEntry("instance", "127.0.0.1:" + prometheus.port()).containsEntry("__name__", "up");
        assertThat(up.last()).isEqualTo(1.0);
        assertThat(up.samples().get(0).at()).isEqualTo(at);
        assertThat(up.last()).isEqualTo(own.path("data").path("result").get(0).path("value").get(1).asDouble());
    }

    @Test
    void aRangeQueryHasEverySampleOfPrometheusOwnAnswer() throws Exception {
        QueryWindow window = QueryWindow.between(Instant.now().minusSeconds(120).truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        String query = "sum by (code) (prometheus_http_requests_total)";
        QueryAnswer.Metrics answer = queries().range(query, window);
        JsonNode own = prometheus.api("/api/v1/query_range", "query", query,
                "start", Long.toString(window.start().getEpochSecond()), "end", Long.toString(window.end().getEpochSecond()),
                "step", Long.toString(window.step().toSeconds()));
        JsonNode ownSeries = own.path("data").path("result");
        assertThat(answer.range()).isTrue();
        assertThat(answer.series()).hasSize(ownSeries.size()).isNotEmpty();
        for (int i = 0; i < ownSeries.size(); i++) {
            JsonNode expected = ownSeries.get(i);
            Series series = answer.series().stream()
                    .filter(s -> s.labels().get("code").equals(expected.path("metric").path("code").asText()))
                    .findFirst().orElseThrow();
            assertThat(series.samples()).hasSize(expected.path("values").size());
            for (int j = 0; j < series.samples().size(); j++) {
                assertThat(series.samples().get(j).value())
                        .isEqualTo(Double.parseDouble(expected.path("values").get(j).get(1).asText()));
                assertThat(series.samples().get(j).at().getEpochSecond())
                        .isEqualTo(expected.path("values").get(j).get(0).asLong());
            }
        }
    }

    @Test
    void aBadQueryCarriesPrometheusOwnErrorAndPosition() {
        String query = "sum(rate(up[5m])";
        assertThatThrownBy(() -> queries().range(query, QueryWindow.last(Duration.ofMinutes(5), Instant.now())))
                .isInstanceOf(SourceException.class)
                .satisfies(e -> {
                    assertThat(e.getMessage()).contains("Prometheus main (http://127.0.0.1:" + prometheus.port()
                            + "/api/v1/query_range)").contains("HTTP 400").contains("parse error");
                    assertThat(((SourceException) e).status()).isEqualTo(400);
                    assertThat(QueryErrors.pointer(query, e.getMessage())).startsWith(query + "\n").endsWith("^");
                });
    }

    @Test
    void anUnreachableEndpointIsNamed() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        DataSource gone = DataSource.of(SourceKind.PROMETHEUS, "gone", URI.create("http://127.0.0.1:" + port));
        assertThatThrownBy(() -> queries(gone).instant("up", Instant.now()))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("Prometheus gone (http://127.0.0.1:" + port + "/api/v1/query)")
                .hasMessageContaining("unreachable");
    }

    @Test
    void aProtectedPrometheusRefusesWithout401AndAnswersWithItsPassword() throws Exception {
        try (PrometheusServer guarded = PrometheusServer.start(dir.resolve("guarded"), true)) {
            DataSource open = DataSource.of(SourceKind.PROMETHEUS, "guarded", guarded.url());
            assertThatThrownBy(() -> queries(open).instant("up", Instant.now()))
                    .hasMessageContaining("Prometheus guarded").hasMessageContaining("HTTP 401");
            DataSource withPassword = new DataSource(SourceKind.PROMETHEUS, "guarded", guarded.url(), true,
                    new SourceAuth.Basic(PrometheusServer.USER, "PROM_PASSWORD", null), null, true, null);
            SourceClient client = new SourceClient(withPassword, Map.of("PROM_PASSWORD", PrometheusServer.PASSWORD)::get,
                    Duration.ofSeconds(10));
            QueryAnswer.Metrics answer = new PrometheusQueries(client).instant("up", Instant.now());
            assertThat(answer.series()).extracting(Series::last).containsExactly(1.0);
            SourceClient wrong = new SourceClient(withPassword, Map.of("PROM_PASSWORD", "not-it")::get,
                    Duration.ofSeconds(10));
            assertThatThrownBy(() -> new PrometheusQueries(wrong).instant("up", Instant.now()))
                    .hasMessageContaining("HTTP 401").hasMessageNotContaining("not-it");
        }
    }

    @Test
    void anAlertValueWithQuotesAndRegexCharactersStaysOneLabelValueInRealPromQL() throws Exception {
        Instant at = Instant.now().minusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        java.util.Set<String> fromAlert = java.util.Set.of("job");
        String hostile = QueryValues.fill("up{job=\"<job>\"}", Map.of("job", "x\"} or vector(1) or up{a=\"\\"), fromAlert);
        assertThat(queries().instant(hostile, at).series()).isEmpty();
        String regex = QueryValues.fill("up{job=~\"<job>\"}", Map.of("job", "prom.*"), fromAlert);
        assertThat(queries().instant(regex, at).series()).isEmpty();
        String exact = QueryValues.fill("up{job=~\"<job>\"}", Map.of("job", "prometheus"), fromAlert);
        assertThat(queries().instant(exact, at).series()).isNotEmpty();
    }
}
