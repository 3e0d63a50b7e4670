package dev.baton.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.incident.IncidentStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncidentVariablesTest {
    @TempDir
    Path dir;

    @Test
    void keepsTheOpenIncidentsVariablesButNeverItsSecrets() throws Exception {
        IncidentSession session = new IncidentSession(new IncidentStore(dir), "alice");
        IncidentVariables variables = new IncidentVariables();
        session.addListener(variables);
        try {
            session.start("Checkout down", "critical", "CheckoutDown").get(10, TimeUnit.SECONDS);
            session.withOpen(open -> {
                open.variablesFrom(Map.of("namespace", "shop", "pod", "checkout-7c9d"), "alert CheckoutDown");
                open.stepRun("checkout.md", 1, "echo", List.of(), Map.of("node", "db-1", "api_token", "s3cret"), null);
                return null;
            }).get(10, TimeUnit.SECONDS);
            session.drain();
            assertThat(variables.values()).containsOnly(Map.entry("namespace", "shop"),
                    Map.entry("pod", "checkout-7c9d"), Map.entry("node", "db-1"));
        } finally {
            session.close();
        }
    }

    @Test
    void namesAreFilledFromTheIncidentAndTheAlertWins() {
        Map<String, String> found = IncidentVariables.forNames(List.of("NODE", "pod", "namespace", "API_TOKEN", "other"),
                Map.of("pod", "from-alert", "api_token", "x"), Map.of("node", "db-1", "pod", "old", "namespace", "shop"));
        assertThat(found).containsOnly(Map.entry("NODE", "db-1"), Map.entry("pod", "from-alert"),
                Map.entry("namespace", "shop"));
    }

    @Test
    void aQueryStepGetsTheSameValuesAsAShellStepPutInAsData() {
        String query = "sum(rate(http_requests_total{namespace=\"$namespace\", pod=~\"<pod>\"}[5m])) by (<by>)";
        List<String> asked = List.of("pod", "by", "namespace");
        Map<String, String> known = IncidentVariables.forNames(asked, Map.of("pod", "checkout-7c9d.x"),
                Map.of("namespace", "shop\"}", "by", "job"));
        dev.baton.sources.DataSource source = dev.baton.sources.DataSource.of(dev.baton.sources.SourceKind.PROMETHEUS,
                "main", java.net.URI.create("http://127.0.0.1:9"));
        dev.baton.query.QueryWindow window = dev.baton.query.QueryWindow.last(java.time.Duration.ofHours(1),
                java.time.Instant.parse("2026-01-01T00:00:00Z"));
        QueryRunning.Request request = QueryRunning.plan(dev.baton.query.QueryLanguage.PROMQL, query, known,
                known.keySet(), source, window, true);
        assertThat(request.query()).isEqualTo(
                "sum(rate(http_requests_total{namespace=\"shop\\\"}\", pod=~\"checkout-7c9d\\\\.x\"}[5m])) by (job)");
        Map<String, String> unsafe = Map.of("pod", "a", "by", "job) or vector(1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> QueryRunning.plan(dev.baton.query.QueryLanguage.PROMQL,
                query, unsafe, unsafe.keySet(), source, window, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("by").hasMessageContaining("outside quotes");
    }
}
