package dev.baton.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryTextTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void fillsPlaceholdersOfBothForms() {
        String query = "sum(rate(http_requests_total{namespace=\"<namespace>\", instance=\"{{instance}}\"}[5m]))";
        assertThat(QueryText.placeholders(query)).containsExactly("namespace", "instance");
        assertThat(QueryText.fill(query, Map.of("namespace", "shop", "instance", "web-1:9100"),
                QueryWindow.last(Duration.ofHours(1), NOW)))
                .isEqualTo("sum(rate(http_requests_total{namespace=\"shop\", instance=\"web-1:9100\"}[5m]))");
    }

    @Test
    void comparisonsAndLineFormatTemplatesAreNotPlaceholders() {
        assertThat(QueryText.placeholders("rate(errors_total[5m]) < 0.5 and up<1")).isEmpty();
        assertThat(QueryText.placeholders("{app=\"api\"} | line_format \"{{.msg}}\"")).isEmpty();
    }

    @Test
    void rangeVariablesTakeTheWindowsValues() {
        QueryWindow hour = QueryWindow.last(Duration.ofHours(1), NOW);
        assertThat(hour.step()).isEqualTo(Duration.ofSeconds(10));
        assertThat(QueryText.fill("increase(x[$__range]) / $__range_s", Map.of(), hour))
                .isEqualTo("increase(x[1h]) / 3600");
        assertThat(QueryText.fill("rate(x[${__interval}]) rate(y[$__rate_interval]) $__interval_ms", Map.of(), hour))
                .isEqualTo("rate(x[10s]) rate(y[1m]) 10000");
        QueryWindow day = QueryWindow.last(Duration.ofDays(1), NOW);
        assertThat(QueryText.fill("rate(y[$__rate_interval])", Map.of(), day)).isEqualTo("rate(y[255s])");
    }

    @Test
    void durationsReadAndWriteAsPromQlDoes() {
        assertThat(QueryWindow.parseDuration("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(QueryWindow.parseDuration("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(QueryWindow.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(QueryWindow.format(Duration.ofMinutes(15))).isEqualTo("15m");
        assertThatThrownBy(() -> QueryWindow.parseDuration("an hour")).hasMessageContaining("'an hour' is not a duration");
        assertThatThrownBy(() -> QueryWindow.parseDuration("5")).hasMessageContaining("not a duration");
    }

    @Test
    void sinceTheIncidentStartedCoversItWithAMinuteBefore() {
        QueryWindow window = QueryWindow.since(NOW.minus(Duration.ofMinutes(20)), NOW);
        assertThat(window.start()).isEqualTo(NOW.minus(Duration.ofMinutes(21)));
        assertThat(window.end()).isEqualTo(NOW);
        assertThat(QueryWindow.since(NOW.minusSeconds(5), NOW).range()).isEqualTo(QueryWindow.DEFAULT);
    }
}
