package dev.baton.query;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Prometheus answer as it streams, series by series, never as one tree: a query that matched a
 * million series is refused once it passes {@link #MAX_SERIES} series or {@link #MAX_POINTS} samples, with
 * what to do about it, instead of filling the heap. What fits is read as {@link PrometheusAnswers} reads it.
 */
public final class PrometheusStream {
    /** More series than a chart or a table can show a responder; the chart draws the top few of them. */
    public static final int MAX_SERIES = 20_000;
    /** Samples over all series: about 100 MB of Baton's records at most. */
    public static final long MAX_POINTS = 1_000_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();

    private final int maxSeries;
    private final long maxPoints;

    public PrometheusStream() {
        this(MAX_SERIES, MAX_POINTS);
    }

    PrometheusStream(int maxSeries, long maxPoints) {
        this.maxSeries = maxSeries;
        this.maxPoints = maxPoints;
    }

    public QueryAnswer.Metrics read(InputStream body) throws IOException, AnswerException {
        try (JsonParser parser = FACTORY.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new AnswerException("the answer is empty or not a JSON object");
            }
            String status = "";
            String error = null;
            String type = null;
            List<Series> series = null;
            JsonNode otherResult = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "status" -> status = parser.getValueAsString("");
                    case "error" -> error = parser.getValueAsString();
                    case "data" -> {
                        if (parser.currentToken() != JsonToken.START_OBJECT) {
                            parser.skipChildren();
                            continue;
                        }
                        while (parser.nextToken() == JsonToken.FIELD_NAME) {
                            String dataField = parser.currentName();
                            parser.nextToken();
                            if (dataField.equals("resultType")) {
                                type = parser.getValueAsString("");
                            } else if (dataField.equals("result") && parser.currentToken() == JsonToken.START_ARRAY
                                    && (type == null || type.equals("vector") || type.equals("matrix"))
                                    && series == null) {
                                series = new ArrayList<>();
                                otherResult = readSeries(parser, series);
                            } else if (dataField.equals("result")) {
                                otherResult = parser.readValueAsTree();
                            } else {
                                parser.skipChildren();
                            }
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
            if (!status.equals("success")) {
                throw new AnswerException("the answer's status is '" + status + "'" + (error != null ? ": " + error : ""));
            }
            String resultType = type == null ? "" : type;
            if ((resultType.equals("vector") || resultType.equals("matrix")) && series != null && otherResult == null) {
                return new QueryAnswer.Metrics(series, resultType.equals("matrix"));
            }
            // Small shapes (scalar, string, or an unusual order): read as a tree, as PrometheusAnswers does.
            com.fasterxml.jackson.databind.node.ObjectNode data = JSON.createObjectNode();
            data.put("resultType", resultType);
            data.set("result", otherResult == null ? JSON.createArrayNode() : otherResult);
            return PrometheusAnswers.readData(data);
        }
    }

    /**
     * Reads series objects of the result list; returns null, or the rest as a tree when an item is not a
     * series object (a scalar written before its resultType).
     */
    private JsonNode readSeries(JsonParser parser, List<Series> series) throws IOException, AnswerException {
        long points = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                return null;
            }
            if (series.size() == maxSeries) {
                throw tooMany();
            }
            Map<String, String> labels = new LinkedHashMap<>();
            List<Sample> samples = new ArrayList<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "metric" -> {
                        if (parser.currentToken() == JsonToken.START_OBJECT) {
                            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                                String name = parser.currentName();
                                parser.nextToken();
                                labels.put(name, parser.getValueAsString(""));
                                parser.skipChildren();
                            }
                        } else {
                            parser.skipChildren();
                        }
                    }
                    case "value" -> samples.add(PrometheusAnswers.sample(parser.readValueAsTree()));
                    case "values" -> {
                        if (parser.currentToken() != JsonToken.START_ARRAY) {
                            throw new AnswerException("a series' values are not a list");
                        }
                        while (parser.nextToken() != JsonToken.END_ARRAY) {
                            if (++points > maxPoints) {
                                throw tooMany();
                            }
                            samples.add(PrometheusAnswers.sample(parser.readValueAsTree()));
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
            points += samples.isEmpty() ? 0 : 1;
            if (points > maxPoints) {
                throw tooMany();
            }
            series.add(new Series(labels, samples));
        }
        return null;
    }

    private AnswerException tooMany() {
        return new AnswerException("the answer holds more than " + maxSeries + " series or " + maxPoints
                + " samples, more than Baton reads; narrow the query (sum by (…), topk(10, …), a label matcher, "
                + "a shorter window or a longer step)");
    }
}
