package dev.baton.query;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A time series of a query's answer: its labels and its samples, oldest first (an instant query's
 * series has one sample).
 */
public record Series(Map<String, String> labels, List<Sample> samples) {
    public Series {
        labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
        samples = List.copyOf(samples);
    }

    /** The newest value, or NaN when there is none. */
    public double last() {
        return samples.isEmpty() ? Double.NaN : samples.get(samples.size() - 1).value();
    }

    /** As Prometheus writes a series: {@code name{label="value", …}}; {@code {}} when it has no labels. */
    public String name() {
        String metric = labels.getOrDefault("__name__", "");
        String rest = labels.entrySet().stream()
                .filter(e -> !e.getKey().equals("__name__"))
                .map(e -> e.getKey() + "=\"" + e.getValue().replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(", ", "{", "}"));
        return metric.isEmpty() ? rest : rest.equals("{}") ? metric : metric + rest;
    }
}
