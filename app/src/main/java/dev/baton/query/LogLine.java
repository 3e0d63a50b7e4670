package dev.baton.query;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** One log line of a LogQL answer, with the labels of its stream. */
public record LogLine(Instant at, Map<String, String> labels, String line) {
    public LogLine {
        labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
    }
}
