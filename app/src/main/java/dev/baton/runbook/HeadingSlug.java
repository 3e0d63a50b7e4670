package dev.baton.runbook;

import java.util.Locale;

/** The anchor a heading answers to, GitHub-style: "Coordinator API Outage" is "coordinator-api-outage". */
public final class HeadingSlug {
    private HeadingSlug() {
    }

    public static String of(String heading) {
        String slug = isAscii(heading) ? asciiSlug(heading) : heading.toLowerCase(Locale.ROOT)
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
        String github = isAscii(heading) ? asciiGithubSlug(heading.strip())
                : heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\p{M} _-]", "").replace(' ', '-');
        String gitlab = github.contains("--") ? github.replaceAll("-{2,}", "-") : github;
        return new java.util.LinkedHashSet<>(java.util.List.of(github, gitlab));
    }

    /** The anchor GitHub gives a heading (before any {@code -1} for a repeat). */
    public static String githubSlug(String heading) {
        return forgeSlugs(heading).iterator().next();
    }

    // Every heading of every runbook is slugged when a library loads: the common ASCII case without regexes.

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** As {@link #of}'s regexes: letters, digits, whitespace and '-' kept, trimmed, whitespace runs one '-'. */
    private static String asciiSlug(String heading) {
        StringBuilder out = new StringBuilder(heading.length());
        boolean pendingSpace = false;
        for (int i = 0; i < heading.length(); i++) {
            char c = lower(heading.charAt(i));
            if (isRegexSpace(c)) {
                pendingSpace = out.length() > 0;
            } else if (isAsciiAlphanumeric(c) || c == '-') {
                if (pendingSpace) {
                    out.append('-');
                    pendingSpace = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String asciiGithubSlug(String heading) {
        StringBuilder out = new StringBuilder(heading.length());
        for (int i = 0; i < heading.length(); i++) {
            char c = lower(heading.charAt(i));
            if (isAsciiAlphanumeric(c) || c == '_' || c == '-') {
                out.append(c);
            } else if (c == ' ') {
                out.append('-');
            }
        }
        return out.toString();
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    private static boolean isAsciiAlphanumeric(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
    }

    /** {@code \s} in a Java regex: space, tab, newline, vertical tab, form feed, carriage return. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c >= '\t' && c <= '\r';
    }
}
