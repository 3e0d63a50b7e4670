package dev.baton.bench;

import dev.baton.runbook.RunbookLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Parses and indexes generated runbooks, then times search-as-you-type queries against them.
 * Prints the figures; asserts nothing. Arguments: number of runbooks, number of searches.
 */
public final class LibraryBenchmark {
    private static final int WARMUP_SEARCHES = 300;

    private LibraryBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int runbookCount = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int searchCount = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        Path dir = Files.createTempDirectory("baton-bench");
        try {
            GeneratedRunbooks generated = new GeneratedRunbooks(new Random(42));
            long bytes = generated.writeTo(dir, runbookCount);
            System.out.printf("generated %d runbooks (%.1f MB) in %s%n", runbookCount, bytes / 1e6, dir);

            long start = System.nanoTime();
            RunbookLibrary library = RunbookLibrary.load(dir);
            long parsed = System.nanoTime();
            library.search("warm", 1); // builds the index
            long indexed = System.nanoTime();
            System.out.printf("parse %d runbooks: %.0f ms; index: %.0f ms; parse + index: %.0f ms%n",
                    library.runbooks().size(), ms(parsed - start), ms(indexed - parsed), ms(indexed - start));

            List<String> queries = generated.queries(new Random(7), WARMUP_SEARCHES + searchCount);
            long hits = 0;
            for (String query : queries.subList(0, WARMUP_SEARCHES)) {
                hits += library.search(query, 20).size();
            }
            double[] latencies = new double[searchCount];
            for (int i = 0; i < searchCount; i++) {
                String query = queries.get(WARMUP_SEARCHES + i);
                long t0 = System.nanoTime();
                hits += library.search(query, 20).size();
                latencies[i] = ms(System.nanoTime() - t0);
            }
            Arrays.sort(latencies);
            System.out.printf("%d searches (after %d warm-up): p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms (%d hits)%n",
                    searchCount, WARMUP_SEARCHES, percentile(latencies, 50), percentile(latencies, 95),
                    percentile(latencies, 99), latencies[latencies.length - 1], hits);
            library.close();
        } finally {
            deleteTree(dir);
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static double percentile(double[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
