package dev.baton.query;

import dev.baton.sources.SourceClient;
import dev.baton.sources.SourceException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PromQL against one Prometheus: range queries over a window and instant queries. The query is sent as
 * a form (as Prometheus accepts), so a long one does not make a long URL. Failures are
 * {@link SourceException}s that name the endpoint; a bad query carries Prometheus' own error text.
 */
public final class PrometheusQueries {
    private final SourceClient client;

    public PrometheusQueries(SourceClient client) {
        this.client = client;
    }

    public QueryAnswer.Metrics range(String query, QueryWindow window) throws SourceException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("query", query);
        form.put("start", seconds(window.start()));
        form.put("end", seconds(window.end()));
        form.put("step", Long.toString(window.step().toSeconds()));
        return client.postForm("/api/v1/query_range", form, PrometheusQueries::stream);
    }

    public QueryAnswer.Metrics instant(String query, Instant at) throws SourceException {
        return client.postForm("/api/v1/query", Map.of("query", query, "time", seconds(at)), PrometheusQueries::stream);
    }

    /** The answer read as it streams (a huge one is refused, not held whole); what is wrong with it, said so. */
    private static QueryAnswer.Metrics stream(java.io.InputStream body) throws java.io.IOException, SourceException {
        try {
            return new PrometheusStream().read(body);
        } catch (AnswerException e) {
            throw new SourceException(e.getMessage());
        }
    }

    static String seconds(Instant at) {
        return at.getNano() == 0 ? Long.toString(at.getEpochSecond())
                : at.getEpochSecond() + "." + String.format(java.util.Locale.ROOT, "%09d", at.getNano());
    }
}
