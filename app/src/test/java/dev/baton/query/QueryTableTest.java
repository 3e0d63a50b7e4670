package dev.baton.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryTableTest {
    private static final Instant AT = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void seriesBecomeRowsOfLabelsAndNewestValue() {
        QueryAnswer.Metrics answer = new QueryAnswer.Metrics(List.of(
                new Series(Map.of("__name__", "up", "job", "a|b"), List.of(new Sample(AT, 0), new Sample(AT, 1))),
                new Series(Map.of("job", "c"), List.of(new Sample(AT, 0.25)))), true);
        assertThat(QueryTable.markdown(answer)).isEqualTo("""
                | series | value |
                | --- | --- |
                | up{job="a\\|b"} | 1 |
                | {job="c"} | 0.25 |
                """);
        assertThat(QueryTable.aligned(answer)).startsWith("series         value\nup{job=\"a|b\"}  1\n");
    }

    @Test
    void longAnswersAreCutInTheNotesWithACount() {
        List<Series> many = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            many.add(new Series(Map.of("i", "" + i), List.of(new Sample(AT, i))));
        }
        String md = QueryTable.markdown(new QueryAnswer.Metrics(many, false));
        assertThat(md.lines().filter(l -> l.startsWith("| {i=")).count()).isEqualTo(QueryTable.NOTES_ROWS);
        assertThat(md).endsWith("… 20 more series\n");
    }

    @Test
    void logLinesKeepTheirTimeAndLabelsAndCannotBreakTheTable() {
        QueryAnswer.Logs logs = new QueryAnswer.Logs(List.of(new LogLine(AT, Map.of("app", "api"), "a | b\nc")));
        assertThat(QueryTable.markdown(logs)).contains("| 2026-03-01 12:00:00.000 | app=api | a \\| b c |");
        assertThat(QueryTable.number(Double.NaN)).isEqualTo("NaN");
        assertThat(QueryTable.number(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
    }

    @Test
    void pointsAtThePositionPrometheusNames() {
        assertThat(QueryErrors.pointer("sum(rate(x[5m])", "invalid parameter \"query\": 1:16: parse error: unclosed left parenthesis"))
                .isEqualTo("sum(rate(x[5m])\n               ^");
        assertThat(QueryErrors.pointer("{app=\"a\"} |= ", "parse error at line 1, col 13: syntax error"))
                .isEqualTo("{app=\"a\"} |= \n            ^");
        assertThat(QueryErrors.pointer("up", "HTTP 503")).isEmpty();
        assertThat(QueryErrors.pointer("up", "1:40: parse error: x")).isEmpty();
    }

    @Test
    void grafanaExploreLinkCarriesSourceQueryAndWindow() throws Exception {
        QueryWindow window = QueryWindow.between(AT.minusSeconds(3600), AT);
        String url = GrafanaExplore.url("https://grafana.example.com/", "main", "rate(x[5m])", window);
        assertThat(url).startsWith("https://grafana.example.com/explore?orgId=1&left=");
        String left = java.net.URLDecoder.decode(url.substring(url.indexOf("left=") + 5), java.nio.charset.StandardCharsets.UTF_8);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(left);
        assertThat(json.path("datasource").asText()).isEqualTo("main");
        assertThat(json.path("queries").get(0).path("expr").asText()).isEqualTo("rate(x[5m])");
        assertThat(json.path("range").path("from").asText()).isEqualTo(Long.toString(AT.minusSeconds(3600).toEpochMilli()));
        assertThat(json.path("range").path("to").asText()).isEqualTo(Long.toString(AT.toEpochMilli()));
    }
}
