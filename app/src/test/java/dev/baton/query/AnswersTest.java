package dev.baton.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Answers written by hand in the shapes Prometheus' and Loki's HTTP API documentation describe. */
class AnswersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsAnInstantVectorWithSpecialValues() throws Exception {
        QueryAnswer.Metrics answer = PrometheusAnswers.read(JSON.readTree("""
                {"status":"success","data":{"resultType":"vector","result":[
                  {"metric":{"__name__":"up","job":"api","instance":"a:9100"},"value":[1772366400.25,"1"]},
                  {"metric":{"job":"db"},"value":[1772366400.25,"NaN"]},
                  {"metric":{"job":"queue"},"value":[1772366400.25,"+Inf"]}]}}"""));
        assertThat(answer.range()).isFalse();
        assertThat(answer.series()).hasSize(3);
        Series up = answer.series().get(0);
        assertThat(up.name()).isEqualTo("up{instance=\"a:9100\", job=\"api\"}");
        assertThat(up.samples().get(0).at()).isEqualTo(Instant.parse("2026-03-01T12:00:00.250Z"));
        assertThat(up.last()).isEqualTo(1.0);
        assertThat(answer.series().get(1).last()).isNaN();
        assertThat(answer.top(2)).extracting(Series::name).containsExactly("{job=\"queue\"}", "up{instance=\"a:9100\", job=\"api\"}");
    }

    @Test
    void readsAMatrixAndAScalar() throws Exception {
        QueryAnswer.Metrics matrix = PrometheusAnswers.read(JSON.readTree("""
                {"status":"success","data":{"resultType":"matrix","result":[
                  {"metric":{"mode":"user"},"values":[[1772366400,"0.5"],[1772366410,"0.75"]]}]}}"""));
        assertThat(matrix.range()).isTrue();
        assertThat(matrix.series().get(0).samples()).extracting(Sample::value).containsExactly(0.5, 0.75);
        QueryAnswer.Metrics scalar = PrometheusAnswers.read(JSON.readTree("""
                {"status":"success","data":{"resultType":"scalar","result":[1772366400,"42"]}}"""));
        assertThat(scalar.series().get(0).name()).isEqualTo("{}");
        assertThat(scalar.series().get(0).last()).isEqualTo(42.0);
    }

    @Test
    void refusesAnswersItCannotRead() {
        assertThatThrownBy(() -> PrometheusAnswers.read(JSON.readTree("""
                {"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"lots"]}]}}""")))
                .isInstanceOf(AnswerException.class).hasMessageContaining("'lots' is not a number");
        assertThatThrownBy(() -> PrometheusAnswers.read(JSON.readTree("""
                {"status":"success","data":{"resultType":"histogram","result":[]}}""")))
                .hasMessageContaining("'histogram'");
        assertThatThrownBy(() -> PrometheusAnswers.read(JSON.readTree("[]"))).hasMessageContaining("not a JSON object");
    }

    @Test
    void readsLokiStreamsNewestFirstAcrossStreams() throws Exception {
        QueryAnswer answer = LokiAnswers.read(JSON.readTree("""
                {"status":"success","data":{"resultType":"streams","result":[
                  {"stream":{"app":"checkout","level":"error"},"values":[
                     ["1772366405000000000","payment declined"],["1772366401000000001","card expired"]]},
                  {"stream":{"app":"checkout","level":"info"},"values":[["1772366403000000000","order placed"]]}],
                 "stats":{}}}"""));
        QueryAnswer.Logs logs = (QueryAnswer.Logs) answer;
        assertThat(logs.lines()).extracting(LogLine::line)
                .containsExactly("payment declined", "order placed", "card expired");
        assertThat(logs.lines().get(2).at()).isEqualTo(Instant.parse("2026-03-01T12:00:01.000000001Z"));
        assertThat(logs.lines().get(1).labels()).isEqualTo(Map.of("app", "checkout", "level", "info"));
        assertThat(logs.unit()).isEqualTo("lines");
    }

    @Test
    void readsALokiMetricQueryAsSeries() throws Exception {
        QueryAnswer answer = LokiAnswers.read(JSON.readTree("""
                {"status":"success","data":{"resultType":"matrix","result":[
                  {"metric":{"app":"checkout"},"values":[[1772366400,"3"],[1772366460,"5"]]}]}}"""));
        assertThat(answer).isInstanceOf(QueryAnswer.Metrics.class);
        assertThat(answer.count()).isEqualTo(1);
    }
}
