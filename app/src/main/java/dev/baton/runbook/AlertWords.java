package dev.baton.runbook;

/** Splits alert identifiers into words so that "evictions" finds RedisHighEvictions. */
final class AlertWords {
    private AlertWords() {
    }

    /** "RedisHighEvictions" → "Redis High Evictions"; "HTTP5xxRate" → "HTTP 5xx Rate"; "node_disk_full" → "node disk full". */
    static String split(String alert) {
        return alert
                .replaceAll("([a-z0-9])([A-Z])", "$1 $2")
                .replaceAll("([A-Z]+)([A-Z][a-z])", "$1 $2")
                .replaceAll("([A-Za-z])([0-9])", "$1 $2")
                .replaceAll("[_\\-.:]+", " ");
    }
}
