package dev.baton.history;

import java.util.List;

/**
 * What bringing the index up to date did.
 *
 * @param incidents incidents whose new events were indexed
 * @param events    events added
 * @param removed   incidents whose folder went away, dropped from the index
 * @param rebuilt   the index was made afresh (missing, damaged, or from another version)
 * @param tampered  incidents whose timeline does not verify: left out of the index, each with why
 */
public record HistoryUpdate(int incidents, long events, int removed, boolean rebuilt, List<Tampered> tampered) {
    public HistoryUpdate {
        tampered = List.copyOf(tampered);
    }

    /** An incident whose timeline's hash chain fails: what it holds is not searched as the record. */
    public record Tampered(String incident, String problem) {
        public String message() {
            return "incident " + incident + ": its timeline does not verify (" + problem
                    + "); its events are left out of the history until it does (baton timeline verify)";
        }
    }
}
