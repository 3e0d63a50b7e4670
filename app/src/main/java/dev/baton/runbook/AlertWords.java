package dev.baton.runbook;

/** Splits alert identifiers into words so that "evictions" finds RedisHighEvictions. */
final class AlertWords {
    /** A word that joins several: KubeNodeNotReady, HTTP5xxRate, node_disk_full, kube-apiserver is not one. */
    private static final java.util.regex.Pattern IDENTIFIER = java.util.regex.Pattern.compile(
            "\\b[A-Za-z0-9]*(?:[a-z0-9][A-Z]|[A-Z]{2}[a-z]|[A-Za-z0-9]_[A-Za-z0-9])[A-Za-z0-9_]*\\b");

    private AlertWords() {
    }

    /** The words of every identifier in the text, one identifier's words a line; empty when there are none. */
    static String identifierWords(String text) {
        StringBuilder words = new StringBuilder();
        int i = 0;
        int n = text.length();
        while (i < n) {
            if (!isWordChar(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            boolean joined = false;
            while (i < n && isWordChar(text.charAt(i))) {
                char c = text.charAt(i);
                char before = i > start ? text.charAt(i - 1) : ' ';
                // A plain scan first (this runs over every runbook's whole text); the regex confirms.
                joined |= c == '_' || isUpper(c) && (isLower(before) || isDigit(before))
                        || isLower(c) && i - start >= 2 && isUpper(before) && isUpper(text.charAt(i - 2));
                i++;
            }
            if (joined) {
                String word = text.substring(start, i);
                if (IDENTIFIER.matcher(word).matches()) {
                    words.append(split(word)).append('\n');
                }
            }
        }
        return words.toString();
    }

    // ASCII only, as the identifiers are: plain comparisons, for the scan over every runbook's text.
    private static boolean isWordChar(char c) {
        return isUpper(c) || isLower(c) || isDigit(c) || c == '_';
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
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
