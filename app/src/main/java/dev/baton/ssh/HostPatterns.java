package dev.baton.ssh;

import java.util.Locale;

/**
 * OpenSSH's host pattern lists, as in known_hosts and {@code Host} lines: patterns separated by commas,
 * {@code *} and {@code ?} as wildcards, {@code !} negating a pattern, compared without regard to case.
 * A name matches when some pattern matches it and no negated one does: a negated match wins, whatever
 * the order.
 */
final class HostPatterns {
    private HostPatterns() {}

    static boolean matches(String patternList, String name) {
        String host = name.toLowerCase(Locale.ROOT);
        boolean matched = false;
        for (String pattern : patternList.split(",", -1)) {
            boolean negated = pattern.startsWith("!");
            String glob = (negated ? pattern.substring(1) : pattern).toLowerCase(Locale.ROOT);
            if (!glob.isEmpty() && glob(host, glob)) {
                if (negated) {
                    return false;
                }
                matched = true;
            }
        }
        return matched;
    }

    /** Whether {@code glob} ({@code *} any run, {@code ?} any one character) matches all of {@code text}. */
    static boolean glob(String text, String glob) {
        int t = 0;
        int g = 0;
        int starAt = -1;
        int resumeAt = 0;
        while (t < text.length()) {
            if (g < glob.length() && (glob.charAt(g) == '?' || glob.charAt(g) == text.charAt(t))) {
                t++;
                g++;
            } else if (g < glob.length() && glob.charAt(g) == '*') {
                starAt = g++;
                resumeAt = t;
            } else if (starAt >= 0) {
                g = starAt + 1;
                t = ++resumeAt;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }
}
