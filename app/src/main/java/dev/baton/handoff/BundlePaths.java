package dev.baton.handoff;

/**
 * The names a bundle may hold: relative, forward slashes, no {@code .} or {@code ..} segment, no
 * backslash, NUL or control character, nothing that a file system would read as a drive or a root.
 */
final class BundlePaths {
    static final int MAX_LENGTH = 255;

    private BundlePaths() {}

    static boolean isSafe(String name) {
        return problem(name) == null;
    }

    /** Why a name is refused, for the responder; null when it is fine. */
    static String problem(String name) {
        if (name.isEmpty() || name.length() > MAX_LENGTH) {
            return "has an empty or over-long name";
        }
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            return "is an absolute path";
        }
        if (name.indexOf('\\') >= 0) {
            return "contains a backslash";
        }
        if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "contains a NUL or control character";
        }
        for (String segment : name.split("/", -1)) {
            if (segment.equals("..")) {
                return "climbs out of the bundle with '..'";
            }
            if (segment.isEmpty() || segment.equals(".")) {
                return "has an empty or '.' path segment";
            }
        }
        return null;
    }
}
