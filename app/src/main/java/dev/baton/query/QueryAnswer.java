package dev.baton.query;

import java.util.Comparator;
import java.util.List;

/** What a data source answered, in Baton's own records. */
public sealed interface QueryAnswer {

    /** How many series or lines: what the timeline says of the answer. */
    int count();

    /** The unit of {@link #count()}: {@code series} or {@code lines}. */
    String unit();

    /**
     * Series from Prometheus (or a LogQL metric query).
     *
     * @param range whether the series are over a range (a matrix) rather than at one instant
     */
    record Metrics(List<Series> series, boolean range) implements QueryAnswer {
        public Metrics {
            series = List.copyOf(series);
        }

        @Override
        public int count() {
            return series.size();
        }

        @Override
        public String unit() {
            return "series";
        }

        /** The {@code n} series with the highest newest value (NaN last): the ones a chart shows. */
        public List<Series> top(int n) {
            Comparator<Series> byLast = Comparator.comparingDouble(s -> Double.isNaN(s.last())
                    ? Double.NEGATIVE_INFINITY : s.last());
            return series.stream().sorted(byLast.reversed()).limit(n).toList();
        }
    }

    /** Log lines from Loki, newest first. */
    record Logs(List<LogLine> lines) implements QueryAnswer {
        public Logs {
            lines = lines.stream().sorted(Comparator.comparing(LogLine::at).reversed()).toList();
        }

        @Override
        public int count() {
            return lines.size();
        }

        @Override
        public String unit() {
            return lines.size() == 1 ? "line" : "lines";
        }
    }
}
