package dev.baton.runbook;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The YAML front matter of a runbook, keys lower-cased; values as commonmark's extension reads them. */
record FrontMatter(Map<String, List<String>> values) {
    static final FrontMatter NONE = new FrontMatter(Map.of());

    static FrontMatter of(Map<String, List<String>> raw) {
        return new FrontMatter(raw.entrySet().stream().collect(Collectors.toUnmodifiableMap(
                e -> e.getKey().strip().toLowerCase(Locale.ROOT),
                e -> e.getValue().stream().map(FrontMatter::unquote).filter(v -> !v.isBlank()).toList(),
                (a, b) -> a)));
    }

    Optional<String> first(String key) {
        return all(key).stream().findFirst();
    }

    List<String> all(String key) {
        return values.getOrDefault(key, List.of());
    }

    private static String unquote(String value) {
        String v = value.strip();
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
