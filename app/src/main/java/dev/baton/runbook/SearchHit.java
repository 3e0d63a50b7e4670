package dev.baton.runbook;

/** A search result, best first; {@code snippet} is plain text around the first match, possibly empty. */
public record SearchHit(String id, String title, float score, String snippet) {
}
