package dev.baton.launcher;

/**
 * Put in the launcher tests' jar as an old class file (release 5, as picocli ships), which the JVM keeps out of an
 * archive written at a run's exit. Straight-line code only, so that it is still valid at that release.
 */
public final class OldFormat {

    private OldFormat() {
    }

    public static String greeting() {
        return "old-format";
    }
}
