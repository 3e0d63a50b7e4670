package dev.baton.query;

import dev.baton.sources.SourceClient;
import dev.baton.sources.SourceException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** LogQL against one Loki: {@code query_range} over a window, newest lines first, at most {@link #LIMIT}. */
public final class LokiQueries {
    public static final int LIMIT = 5000;
    private final SourceClient client;

    public LokiQueries(SourceClient client) {
        this.client = client;
    }

    /** Log lines (or, for a metric query such as {@code count_over_time}, series) in the window. */
    public QueryAnswer range(String query, QueryWindow window) throws SourceException {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("query", query);
        parameters.put("start", nanos(window.start()));
        parameters.put("end", nanos(window.end()));
        parameters.put("step", Long.toString(window.step().toSeconds()));
        parameters.put("limit", Integer.toString(LIMIT));
        parameters.put("direction", "backward");
        try {
            return LokiAnswers.read(client.getJson("/loki/api/v1/query_range", parameters));
        } catch (AnswerException e) {
            throw new SourceException(client.source().describe() + ": " + e.getMessage());
        }
    }

    static String nanos(Instant at) {
        return Long.toString(Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano()));
    }
}
