package dev.baton.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code data} of Prometheus' (and Loki's metric) query answers: {@code vector},
 * {@code matrix}, {@code scalar} and {@code string}. An answer that is not in that shape is refused
 * with a message saying what was wrong, never half read.
 */
public final class PrometheusAnswers {
    private PrometheusAnswers() {}

    /** The whole answer ({@code {"status":"success","data":{…}}}). */
    public static QueryAnswer.Metrics read(JsonNode answer) throws AnswerException {
        if (answer == null || !answer.isObject()) {
            throw new AnswerException("the answer is empty or not a JSON object");
        }
        String status = answer.path("status").asText("");
        if (!status.equals("success")) {
            throw new AnswerException("the answer's status is '" + status + "'"
                    + (answer.hasNonNull("error") ? ": " + answer.get("error").asText() : ""));
        }
        return readData(answer.path("data"));
    }

    static QueryAnswer.Metrics readData(JsonNode data) throws AnswerException {
        String type = data.path("resultType").asText("");
        JsonNode result = data.path("result");
        switch (type) {
            case "vector", "matrix" -> {
                if (!result.isArray()) {
                    throw new AnswerException("the " + type + " answer has no result list");
                }
                List<Series> series = new ArrayList<>(result.size());
                for (JsonNode item : result) {
                    Map<String, String> labels = labels(item.path("metric"));
                    List<Sample> samples = new ArrayList<>();
                    if (type.equals("vector")) {
                        samples.add(sample(item.path("value")));
                    } else {
                        for (JsonNode value : item.path("values")) {
                            samples.add(sample(value));
                        }
                    }
                    series.add(new Series(labels, samples));
                }
                return new QueryAnswer.Metrics(series, type.equals("matrix"));
            }
            case "scalar", "string" -> {
                // A scalar is one value with no labels; a string answer's value is text, kept as NaN with a label.
                Sample sample = type.equals("scalar") ? sample(result)
                        : new Sample(time(result.path(0)), Double.NaN);
                Map<String, String> labels = type.equals("string")
                        ? Map.of("string", result.path(1).asText("")) : Map.of();
                return new QueryAnswer.Metrics(List.of(new Series(labels, List.of(sample))), false);
            }
            default -> throw new AnswerException("the answer's result type '" + type
                    + "' is not one Baton reads (vector, matrix, scalar, string)");
        }
    }

    static Map<String, String> labels(JsonNode metric) {
        Map<String, String> labels = new LinkedHashMap<>();
        metric.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    /** {@code [<unix seconds, fractional>, "<value as text>"]}. */
    static Sample sample(JsonNode pair) throws AnswerException {
        if (!pair.isArray() || pair.size() != 2) {
            throw new AnswerException("a sample is not a [time, value] pair: " + pair);
        }
        return new Sample(time(pair.get(0)), value(pair.get(1).asText()));
    }

    static Instant time(JsonNode seconds) throws AnswerException {
        if (!seconds.isNumber()) {
            throw new AnswerException("a sample's time is not a number: " + seconds);
        }
        BigDecimal exact = seconds.decimalValue();
        long whole = exact.longValue();
        long nanos = exact.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
        return Instant.ofEpochSecond(whole, nanos);
    }

    static double value(String text) throws AnswerException {
        switch (text) {
            case "NaN" -> {
                return Double.NaN;
            }
            case "+Inf" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-Inf" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new AnswerException("a sample's value '" + text + "' is not a number");
                }
            }
        }
    }
}
