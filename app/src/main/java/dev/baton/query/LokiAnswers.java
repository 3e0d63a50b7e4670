package dev.baton.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads Loki's {@code query_range} answers: {@code streams} (log lines, each value a pair of a
 * nanosecond time as text and the line) or, for a metric LogQL query, a {@code matrix} as Prometheus
 * writes it.
 */
public final class LokiAnswers {
    private LokiAnswers() {}

    public static QueryAnswer read(JsonNode answer) throws AnswerException {
        if (answer == null || !answer.isObject()) {
            throw new AnswerException("the answer is empty or not a JSON object");
        }
        String status = answer.path("status").asText("");
        if (!status.equals("success")) {
            throw new AnswerException("the answer's status is '" + status + "'");
        }
        JsonNode data = answer.path("data");
        if (!data.path("resultType").asText("").equals("streams")) {
            return PrometheusAnswers.readData(data);
        }
        List<LogLine> lines = new ArrayList<>();
        for (JsonNode stream : data.path("result")) {
            Map<String, String> labels = PrometheusAnswers.labels(stream.path("stream"));
            for (JsonNode value : stream.path("values")) {
                if (!value.isArray() || value.size() < 2) {
                    throw new AnswerException("a log entry is not a [time, line] pair: " + value);
                }
                lines.add(new LogLine(nanos(value.get(0).asText()), labels, value.get(1).asText()));
            }
        }
        return new QueryAnswer.Logs(lines);
    }

    static Instant nanos(String text) throws AnswerException {
        try {
            long nanos = Long.parseLong(text);
            return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
        } catch (NumberFormatException e) {
            throw new AnswerException("a log entry's time '" + text + "' is not nanoseconds since 1970");
        }
    }
}
