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
}
