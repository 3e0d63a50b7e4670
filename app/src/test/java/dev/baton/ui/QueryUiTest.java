package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.incident.IncidentEvent;
import dev.baton.incident.TimelineEvent;
import dev.baton.query.PrometheusServer;
import dev.baton.query.QueryWindow;
import dev.baton.session.IncidentSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** A PromQL step run from the page against Debian's Prometheus; the table and chart checked against its API. */
class QueryUiTest extends ConsoleTest {
    private static Path folder;
    private static PrometheusServer prometheus;

    @Override
    protected Path runbooks() {
        return folder;
    }

    @BeforeAll
    static void startPrometheus() throws Exception {
        folder = Files.createTempDirectory("baton-query-ui");
        prometheus = PrometheusServer.start(folder.resolve(".prometheus"));
        Files.writeString(folder.resolve("baton.yaml"), "prometheus:\n  - name: main\n    url: " + prometheus.url()
                + "\n    default: true\n");
        Files.writeString(folder.resolve("requests.md"), """
                # Requests by code

                ```promql
                sum by (code) (prometheus_http_requests_total{job="{{job}}"})
                ```

                ```promql
                sum(rate(prometheus_http_requests_total[5m])
                ```
                """);
    }

    @AfterAll
    static void stopPrometheus() throws Exception {
        if (prometheus != null) {
            prometheus.close();
        }
        deleteQuietly(folder);
    }

    @Test
    void aPromQlStepShowsTheSeriesPrometheusHasAndIsCapturedWithItsChart(FxRobot robot) throws Exception {
        fx.waitForLibrary();
        fx.show(folder.resolve("requests.md").toString(), "Requests by code");
        fx.click("baton:query/1");
        ConsoleFixture.waitFor(10, () -> robot.lookup("#placeholder-job").tryQuery().isPresent());
        DialogButtons.press(robot, "#placeholder-job");
        robot.write("prometheus");
        DialogButtons.close(robot, "#placeholder-ok");

        ConsoleFixture.waitFor(30, () -> robot.lookup("#query-series").tryQuery().isPresent()
                && !robot.lookup("#query-series").queryAs(TableView.class).getItems().isEmpty());
        IncidentEvent.QueryRan ran = queryRan(fx.incident());
        assertThat(ran.query()).isEqualTo("sum by (code) (prometheus_http_requests_total{job=\"prometheus\"})");
        assertThat(ran.error()).isEmpty();

        QueryWindow window = QueryWindow.between(ran.from(), ran.to());
        JsonNode own = prometheus.api("/api/v1/query_range", "query", ran.query(),
                "start", Long.toString(ran.from().getEpochSecond()), "end", Long.toString(ran.to().getEpochSecond()),
                "step", Long.toString(window.step().toSeconds()));
        Map<String, Double> expected = new HashMap<>();
        for (JsonNode series : own.path("data").path("result")) {
            JsonNode values = series.path("values");
            expected.put("{code=\"" + series.path("metric").path("code").asText() + "\"}",
                    values.get(values.size() - 1).get(1).asDouble());
        }
        assertThat(expected).isNotEmpty();
        assertThat(ran.count()).isEqualTo(expected.size());

        Map<String, Double> table = ConsoleFixture.onFx(() -> {
            Map<String, Double> rows = new HashMap<>();
            for (Object item : robot.lookup("#query-series").queryAs(TableView.class).getItems()) {
                var row = (dev.baton.ui.query.QueryResultPane.Row) item;
                rows.put(row.series(), row.value());
            }
            return rows;
        });
        assertThat(table).isEqualTo(expected);

        Map<String, Double> chart = ConsoleFixture.onFx(() -> {
            Map<String, Double> lines = new HashMap<>();
            LineChart<?, ?> lineChart = robot.lookup("#query-chart .chart").queryAs(LineChart.class);
            for (XYChart.Series<?, ?> line : lineChart.getData()) {
                List<? extends XYChart.Data<?, ?>> points = line.getData();
                lines.put(line.getName(), ((Number) points.get(points.size() - 1).getYValue()).doubleValue());
            }
            return lines;
        });
        assertThat(chart).isEqualTo(expected);

        robot.clickOn("#query-capture");
        ConsoleFixture.waitFor(20, () -> fx.console().incident().notesEditor().getText().contains("![Chart of the query]("));
        String notes = ConsoleFixture.onFx(() -> fx.console().incident().notesEditor().getText());
        assertThat(notes).contains("**Query** · PromQL on main", "| series | value |");
        String picture = notes.substring(notes.indexOf("![Chart of the query](") + 22, notes.indexOf(".png)") + 4);
        byte[] png = Files.readAllBytes(fx.incident().folder().resolve(picture));
        assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        assertThat(png.length).isGreaterThan(1000);
    }

    @Test
    void aBadQueryShowsPrometheusErrorWithACaretAndCannotBeCaptured(FxRobot robot) throws Exception {
        fx.waitForLibrary();
        fx.show(folder.resolve("requests.md").toString(), "Requests by code");
        fx.click("baton:query/2");
        ConsoleFixture.waitFor(30, () -> robot.lookup("#query-error").tryQuery().isPresent()
                && robot.lookup("#query-error").queryAs(javafx.scene.control.Label.class).isVisible());
        String error = ConsoleFixture.onFx(() -> robot.lookup("#query-error").queryAs(javafx.scene.control.Label.class)
                .getText());
        assertThat(error).contains("Prometheus main (" + prometheus.url() + "/api/v1/query_range)", "HTTP 400",
                "parse error").endsWith("sum(rate(prometheus_http_requests_total[5m])\n"
                        + " ".repeat("sum(rate(prometheus_http_requests_total[5m])".length()) + "^");
        assertThat(ConsoleFixture.onFx(() -> robot.lookup("#query-capture").queryAs(javafx.scene.control.Button.class)
                .isDisabled())).isTrue();
    }

    private static IncidentEvent.QueryRan queryRan(IncidentSnapshot snapshot) {
        return snapshot.events().stream().map(TimelineEvent::typed).filter(IncidentEvent.QueryRan.class::isInstance)
                .map(IncidentEvent.QueryRan.class::cast).findFirst().orElseThrow();
    }
}
