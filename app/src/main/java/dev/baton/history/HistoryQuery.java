package dev.baton.history;

import java.time.Instant;

/**
 * A search over past incidents: words that must all appear in an event (the last also as a prefix, for
 * search-as-you-type), and filters on when, on which node and by whom.
 *
 * @param since  only events at or after this instant; null for any time
 * @param node   only events on this node (its name, any case); empty for any
 * @param by     only events credited to this responder (any case); empty for anyone
 * @param limit  at most this many hits, newest first
 */
public record HistoryQuery(String words, Instant since, String node, String by, int limit) {
    public HistoryQuery {
        words = words == null ? "" : words;
        node = node == null ? "" : node.strip();
        by = by == null ? "" : by.strip();
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
    }

    public static HistoryQuery of(String words) {
        return new HistoryQuery(words, null, "", "", 50);
    }
}
