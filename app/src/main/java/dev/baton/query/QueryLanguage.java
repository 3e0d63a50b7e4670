package dev.baton.query;

import java.util.Locale;
import java.util.Optional;

/** The query languages Baton runs, and the data source kind each goes to. */
public enum QueryLanguage {
    PROMQL, LOGQL;

    /** From a code block's info string ({@code promql}, {@code logql}); empty for any other. */
    public static Optional<QueryLanguage> of(String language) {
        return switch (language == null ? "" : language.toLowerCase(Locale.ROOT)) {
            case "promql" -> Optional.of(PROMQL);
            case "logql" -> Optional.of(LOGQL);
            default -> Optional.empty();
        };
    }

    public String word() {
        return name().equals("PROMQL") ? "PromQL" : "LogQL";
    }
}
