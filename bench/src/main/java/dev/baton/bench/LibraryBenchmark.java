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
 * Parses and indexes generated runbooks, then times search-as-you-type queries against them, then (given
 * the {@code baton} launcher) a repeat {@code baton search} of 1,000 of them end to end, JVM start included.
 * Prints the figures, with the CPU time beside each wall time (on a shared machine the wall time also
 * counts waiting for a core); asserts nothing. Arguments: number of runbooks, number of searches, launcher.
 */
public final class LibraryBenchmark {
    private static final int WARMUP_SEARCHES = 300;
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    private LibraryBenchmark() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int runbookCount = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int searchCount = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        Path dir = Files.createTempDirectory("baton-bench");
        try {
            GeneratedRunbooks generated = new GeneratedRunbooks(new Random(42));
            long bytes = generated.writeTo(dir, runbookCount);
            System.out.printf("generated %d runbooks (%.1f MB) in %s%n", runbookCount, bytes / 1e6, dir);

            System.out.printf("load average %.1f on %d cores%n", OS.getSystemLoadAverage(), OS.getAvailableProcessors());
            long start = System.nanoTime();
            long cpuStart = OS.getProcessCpuTime();
            RunbookLibrary library = RunbookLibrary.load(dir);
            long parsed = System.nanoTime();
            long cpuParsed = OS.getProcessCpuTime();
            library.search("warm", 1); // builds the index
            long indexed = System.nanoTime();
            long cpuIndexed = OS.getProcessCpuTime();
            System.out.printf("parse %d runbooks: %.0f ms (cpu %.0f ms); index: %.0f ms (cpu %.0f ms); parse + index: %.0f ms (cpu %.0f ms)%n",
                    library.runbooks().size(), ms(parsed - start), ms(cpuParsed - cpuStart), ms(indexed - parsed),
                    ms(cpuIndexed - cpuParsed), ms(indexed - start), ms(cpuIndexed - cpuStart));

            warmParseAndIndex(dir, library.runbooks().size());

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
            openThroughTheIndex(dir, runbookCount);
            if (args.length > 2 && Files.isExecutable(Path.of(args[2]))) {
                repeatSearch(Path.of(args[2]), generated);
            }
        } finally {
            deleteTree(dir);
        }
    }

    /**
     * Parse + index again in the same JVM, as a steady-state benchmark measures it: the first pass above
     * also pays for loading classes and for the JIT compiler, which on two cores takes most of the CPU.
     */
    private static void warmParseAndIndex(Path dir, int runbooks) {
        int passes = 7;
        double[] wall = new double[passes];
        double[] cpu = new double[passes];
        for (int i = 0; i < passes; i++) {
            long start = System.nanoTime();
            long cpuStart = OS.getProcessCpuTime();
            try (RunbookLibrary again = RunbookLibrary.load(dir)) {
                again.search("warm", 1);
            }
            wall[i] = ms(System.nanoTime() - start);
            cpu[i] = ms(OS.getProcessCpuTime() - cpuStart);
        }
        // The last five, after two passes that finish the compiling.
        double[] lastWall = Arrays.copyOfRange(wall, 2, passes);
        double[] lastCpu = Arrays.copyOfRange(cpu, 2, passes);
        Arrays.sort(lastWall);
        Arrays.sort(lastCpu);
        System.out.printf("parse + index %d runbooks again, same JVM (passes 3-7): median %.0f ms (cpu %.0f ms), min %.0f ms"
                + " (load average %.1f)%n", runbooks, lastWall[2], lastCpu[2], lastWall[0], OS.getSystemLoadAverage());
    }

    /**
     * The window's way: the library opened through the index on disk, each time in a JVM of its own. The
     * first open reads, parses and indexes every file; the next ones find the folder unchanged.
     */
    private static void openThroughTheIndex(Path dir, int runbookCount) throws IOException, InterruptedException {
        Path cache = Files.createTempDirectory("baton-bench-cache");
        try {
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                    "-cp", System.getProperty("java.class.path"), OpenLibrary.class.getName(), dir.toString(), cache.toString());
            long[] first = openOnce(command);
            long[][] repeats = new long[5][];
            for (int i = 0; i < repeats.length; i++) {
                repeats[i] = openOnce(command);
            }
            Arrays.sort(repeats, Comparator.comparingLong(r -> r[1]));
            long[] median = repeats[repeats.length / 2];
            System.out.printf("open %d runbooks through the index on disk, own JVM: first (read, parse, index) %d ms"
                            + " (%d ms from JVM start, cpu %d ms); repeat (unchanged folder) median %d ms (%d ms from JVM start,"
                            + " cpu %d ms), min %d ms, max %d ms (load average %.1f)%n",
                    runbookCount, first[1], first[0], first[2], median[1], median[0], median[2], repeats[0][1],
                    repeats[repeats.length - 1][1], OS.getSystemLoadAverage());
        } finally {
            deleteTree(cache);
        }
        firstOpenAsCommandsRunIt(dir, runbookCount);
    }

    /**
     * The first open of a folder as {@code baton search} and the other commands that read runbooks run it: on
     * the first-tier compiler alone, as the launcher starts them, in a JVM of its own with an empty cache.
     */
    private static void firstOpenAsCommandsRunIt(Path dir, int runbookCount) throws IOException, InterruptedException {
        long[][] firsts = new long[3][];
        for (int i = 0; i < firsts.length; i++) {
            Path cache = Files.createTempDirectory("baton-bench-cache");
            try {
                firsts[i] = openOnce(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx1g", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                        OpenLibrary.class.getName(), dir.toString(), cache.toString()));
            } finally {
                deleteTree(cache);
            }
        }
        Arrays.sort(firsts, Comparator.comparingLong(r -> r[1]));
        long[] median = firsts[firsts.length / 2];
        System.out.printf("first open of %d runbooks (read, parse, index, written to disk), first-tier compiler as the"
                        + " commands run, own JVM: median %d ms (%d ms from JVM start, cpu %d ms), min %d ms, max %d ms"
                        + " (load average %.1f)%n", runbookCount, median[1], median[0], median[2], firsts[0][1],
                firsts[firsts.length - 1][1], OS.getSystemLoadAverage());
    }

    /** Milliseconds from JVM start, milliseconds of the open alone, CPU milliseconds of the whole JVM. */
    private static long[] openOnce(List<String> command) throws IOException, InterruptedException {
        long cpuBefore = childrenCpuMillis();
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        if (process.waitFor() != 0) {
            throw new IOException("opening the library exited with " + process.exitValue());
        }
        String[] fields = out.split(" ");
        return new long[] {Long.parseLong(fields[0]), Long.parseLong(fields[1]), childrenCpuMillis() - cpuBefore};
    }

    /**
     * {@code baton search}, then {@code baton alert}, on 1,000 runbooks: the first run fills the index on disk
     * (after a build, {@code ./baton} first writes the commands' class-data archive), a second warms the page
     * cache, then 7 timed runs (median, min, max), each followed by its peer, {@code grep -r} over the same folder.
     */
    private static void repeatSearch(Path launcher, GeneratedRunbooks generated) throws IOException, InterruptedException {
        Path folder = Files.createTempDirectory("baton-bench-cli");
        Path cache = Files.createTempDirectory("baton-bench-cache");
        try {
            generated.writeTo(folder.resolve("runbooks"), 1000);
            String dir = folder.resolve("runbooks").toString();
            repeat(List.of(launcher.toString(), "search", "--dir", dir, "disk", "full"),
                    List.of("grep", "-rli", "-e", "disk full", dir), cache);
            // An alert one of the generated runbooks declares (found: exit 0).
            repeat(List.of(launcher.toString(), "alert", "--dir", dir, generated.alertOf(500)),
                    List.of("grep", "-rl", "-e", generated.alertOf(500), dir), cache);
        } finally {
            deleteTree(folder);
            deleteTree(cache);
        }
    }

    private static void repeat(List<String> command, List<String> peer, Path cache) throws IOException, InterruptedException {
        double first = run(command, cache);
        run(command, cache);
        run(peer, cache);
        double[] times = new double[7];
        double[] cpu = new double[7];
        double[] peerTimes = new double[7];
        double[] peerCpu = new double[7];
        for (int i = 0; i < times.length; i++) {
            long cpuBefore = childrenCpuMillis();
            times[i] = run(command, cache);
            cpu[i] = childrenCpuMillis() - cpuBefore;
            cpuBefore = childrenCpuMillis();
            peerTimes[i] = run(peer, cache);
            peerCpu[i] = childrenCpuMillis() - cpuBefore;
        }
        Arrays.sort(times);
        Arrays.sort(cpu);
        Arrays.sort(peerTimes);
        Arrays.sort(peerCpu);
        System.out.printf("baton %s, 1,000 runbooks, end to end: first %.0f ms; repeat (index on disk) median %.0f ms"
                        + " (cpu %.0f ms), min %.0f ms, max %.0f ms; %s in the same runs: median %.1f ms (cpu %.0f ms)"
                        + " (load average %.1f)%n", command.get(1),
                first, times[times.length / 2], cpu[cpu.length / 2], times[0], times[times.length - 1],
                String.join(" ", peer.subList(0, peer.size() - 1)), peerTimes[peerTimes.length / 2],
                peerCpu[peerCpu.length / 2], OS.getSystemLoadAverage());
    }

    /** CPU time of this process's finished children, from /proc (Linux); 0 where there is none. */
    private static long childrenCpuMillis() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // Fields 16 and 17 of stat (cutime, cstime), counted from the state field as 3.
            long ticks = Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
            return ticks * 10; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static double run(List<String> command, Path cache) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("XDG_CACHE_HOME", cache.toString());
        long t0 = System.nanoTime();
        int exit = builder.start().waitFor();
        double elapsed = ms(System.nanoTime() - t0);
        if (exit != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + exit);
        }
        return elapsed;
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
