package dev.baton.runbook;

import java.util.List;

/** What the search index knows of a runbook: the fields it ranks by, most important first. */
public record SearchDocument(String id, String title, List<String> alerts, List<String> headings, String body) {
    public SearchDocument {
        alerts = List.copyOf(alerts);
        headings = List.copyOf(headings);
    }
}
