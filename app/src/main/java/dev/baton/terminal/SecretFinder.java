package dev.baton.terminal;

import java.util.List;

/**
 * Finds secrets in one line of what a terminal showed. A recording asks for one finder per file, so a finder
 * may remember earlier lines (a private key block spans lines). The scanner itself lives with the incident,
 * which this package cannot depend on (the incident reads SSH results, and SSH sessions are terminals).
 */
@FunctionalInterface
public interface SecretFinder {
    /** Where a secret sits in a line: {@code [start, end)}, with its kind ("github-token"). */
    record Found(String kind, int start, int end) {}

    /** The secrets in {@code line} (no line end), in order, none overlapping. */
    List<Found> find(String line);

    /** A finder that finds nothing: recordings made without masking (tests of the file format). */
    SecretFinder NONE = line -> List.of();
}
