package dev.baton.runbook;

import java.util.Locale;

/** The anchor a heading answers to, GitHub-style: "Coordinator API Outage" is "coordinator-api-outage". */
public final class HeadingSlug {
    private HeadingSlug() {
    }

    public static String of(String heading) {
        String slug = heading.toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}\\s-]", "")
                .strip()
                .replaceAll("\\s+", "-");
        return slug.isEmpty() ? "section" : slug;
    }

    /**
     * The anchors GitHub and GitLab give a heading, either of which a link may use: lower-cased,
     * punctuation other than {@code -} and {@code _} removed, each space a hyphen (GitLab then joins
     * runs of hyphens). A repeated heading's anchors get {@code -1}, {@code -2}… on the forges, which
     * the caller adds.
     */
    public static java.util.Set<String> forgeSlugs(String heading) {
        String github = heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\p{M} _-]", "").replace(' ', '-');
        String gitlab = github.replaceAll("-{2,}", "-");
        return new java.util.LinkedHashSet<>(java.util.List.of(github, gitlab));
    }
}
