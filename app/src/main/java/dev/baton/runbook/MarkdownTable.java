package dev.baton.runbook;

import java.util.List;

/** A GFM table as plain-text cells; links keep their destination in {@link #links}. */
public record MarkdownTable(List<String> header, List<List<String>> rows, List<List<String>> links, int line) {
    public MarkdownTable {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
        links = links.stream().map(List::copyOf).toList();
    }

    /** Index of the first column whose header, lower-cased and stripped of punctuation, is one of {@code names}. */
    public int column(String... names) {
        for (int i = 0; i < header.size(); i++) {
            String normalised = header.get(i).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
            for (String name : names) {
                if (normalised.equals(name)) {
                    return i;
                }
            }
        }
        return -1;
    }
}
