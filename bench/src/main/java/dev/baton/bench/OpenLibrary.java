package dev.baton.bench;

import dev.baton.runbook.RunbookLibrary;
import dev.baton.runbook.SearchIndexCache;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;

/**
 * Opens a runbook folder as the window does, through the index on disk, in a JVM of its own, and prints one
 * line: milliseconds from JVM start to the library open and searchable, the time of the open alone, the number of
 * runbooks, the time until the library was given (its list shown; a large library's first open writes its
 * search index after) and the process's CPU time by then (the JVM's start included).
 * Arguments: the folder, the cache folder.
 */
public final class OpenLibrary {
    private OpenLibrary() {
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        try (RunbookLibrary library = new SearchIndexCache(Path.of(args[1])).library(List.of(Path.of(args[0])))) {
            long listed = System.nanoTime() - start;
            long listedCpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            library.search("warm", 1);
            long open = System.nanoTime() - start;
            System.out.printf("%d %d %d %d %d%n", ManagementFactory.getRuntimeMXBean().getUptime(), open / 1_000_000,
                    library.runbooks().size(), listed / 1_000_000, listedCpu / 1_000_000);
        }
    }
}
