package dev.baton.ssh;

import java.util.Locale;

/**
 * OpenSSH's pattern lists, as in known_hosts, {@code Host} lines and allowed_signers: patterns
 * separated by commas, {@code *} and {@code ?} as wildcards, {@code !} negating a pattern.
 * A name matches when some pattern matches it and no negated one does: a negated match wins, whatever
 * the order.
 */
public final class PatternList {
    private PatternList() {}

    /** Host names: compared without regard to case. */
    public static boolean matches(String patternList, String name) {
        return matches(patternList, name, true);
    }

    /** As {@link #matches(String, String)}; principals and namespaces compare with case, host names without. */
    public static boolean matches(String patternList, String name, boolean ignoreCase) {
        String host = ignoreCase ? name.toLowerCase(Locale.ROOT) : name;
        boolean matched = false;
        for (String pattern : patternList.split(",", -1)) {
            boolean negated = pattern.startsWith("!");
            String glob = negated ? pattern.substring(1) : pattern;
            glob = ignoreCase ? glob.toLowerCase(Locale.ROOT) : glob;
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
