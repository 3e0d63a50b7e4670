package dev.baton.query;

import dev.baton.sources.DataSource;
import dev.baton.sources.SourceClient;
import dev.baton.sources.SourceException;
import dev.baton.sources.SourceKind;
import java.net.URI;
import java.time.Instant;

/** Run in a child JVM with a small heap by {@link PrometheusHugeAnswerTest}: one instant query, its outcome printed. */
public final class HugeAnswerProbe {
    private HugeAnswerProbe() {}

    public static void main(String[] args) throws Exception {
        PrometheusQueries queries = new PrometheusQueries(new SourceClient(DataSource.of(SourceKind.PROMETHEUS, "big",
                URI.create(args[0]))));
        try {
            QueryAnswer.Metrics answer = queries.instant("up", Instant.ofEpochSecond(1_700_000_000L));
            System.out.println("read " + answer.count() + " series");
        } catch (SourceException e) {
            System.out.println("refused: " + e.getMessage());
        }
    }
}
