package dev.baton.bench;

import dev.baton.handoff.BundleImporter;
import dev.baton.handoff.BundleReader;
import dev.baton.handoff.BundleWriter;
import dev.baton.handoff.HandoffState;
import dev.baton.incident.IncidentStore;
import dev.baton.incident.OpenIncident;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Handoff bundles at scale: an incident with 1,000 captures totalling 200 MB of log-like output is
 * exported (every byte scanned for secrets), verified and imported. Prints the time and the peak heap
 * of each phase; run it with a heap smaller than the captures to show that nothing is held whole.
 */
public final class BundleBenchmark {
    public static void main(String[] args) throws Exception {
        int captures = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        long totalBytes = (args.length > 1 ? Long.parseLong(args[1]) : 200) << 20;
        Path dir = Files.createTempDirectory("baton-bundle-bench");
        IncidentStore store = new IncidentStore(dir.resolve("sender"));
        Path folder;
        try (OpenIncident incident = store.start("Bench", "P2", "BenchAlert", "bench", Instant.now())) {
            SplittableRandom random = new SplittableRandom(42);
            int each = (int) (totalBytes / captures);
            StringBuilder notes = new StringBuilder();
            for (int i = 0; i < captures; i++) {
                notes.append(incident.capture("selection", "web-" + (i % 40), "journalctl -u app", "", Instant.now(),
                        logText(random, each)));
            }
            incident.saveNotes(notes.toString(), true);
            folder = incident.folder();
        }
        long onDisk;
        try (var files = Files.walk(folder.resolve("captures"))) {
            onDisk = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
        System.out.printf("incident: %d captures, %.1f MB of capture files%n", captures, onDisk / 1048576.0);

        Path bundle = dir.resolve("bench.baton");
        BundleWriter.Request request = new BundleWriter.Request("bench", "bench", Instant.now(), "bench",
                new HandoffState(List.of(), List.of(), null, List.of()), id -> Optional.empty(), Set.of(), null);
        resetPeaks();
        long start = System.nanoTime();
        BundleWriter.export(folder, request, bundle);
        report("export (scan, redact, zip)", start, onDisk);
        System.out.printf("bundle: %.1f MB%n", Files.size(bundle) / 1048576.0);

        resetPeaks();
        start = System.nanoTime();
        BundleReader.Verified verified = BundleReader.verify(bundle);
        report("verify (structure, hashes, chain)", start, verified.totalBytes());

        resetPeaks();
        start = System.nanoTime();
        try (OpenIncident imported = BundleImporter.importBundle(bundle, new IncidentStore(dir.resolve("receiver")))
                .incident()) {
            report("import (verify, extract, reopen)", start, verified.totalBytes());
        }
        System.out.printf("max heap (-Xmx): %.0f MB%n", Runtime.getRuntime().maxMemory() / 1048576.0);
    }

    private static String logText(SplittableRandom random, int bytes) {
        StringBuilder text = new StringBuilder(bytes + 200);
        String[] levels = {"INFO", "INFO", "INFO", "WARN", "ERROR", "DEBUG"};
        while (text.length() < bytes) {
            text.append("2026-11-25T03:").append(10 + random.nextInt(50)).append(':').append(10 + random.nextInt(50))
                    .append('.').append(100 + random.nextInt(900)).append("Z ").append(levels[random.nextInt(levels.length)])
                    .append(" app[").append(1000 + random.nextInt(9000)).append("] request ")
                    .append(Long.toHexString(random.nextLong())).append(" status=").append(200 + random.nextInt(4) * 100)
                    .append(" latency_ms=").append(random.nextInt(5000)).append('\n');
        }
        return text.toString();
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static void report(String phase, long startNanos, long bytes) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.printf("%-36s %6.2f s  %7.1f MB/s  peak heap %6.1f MB%n", phase + ":", seconds,
                bytes / 1048576.0 / seconds, peak / 1048576.0);
    }
}
