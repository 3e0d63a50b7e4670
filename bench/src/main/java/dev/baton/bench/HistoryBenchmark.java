package dev.baton.bench;

import dev.baton.history.HistoryIndex;
import dev.baton.history.HistoryQuery;
import dev.baton.history.HistoryUpdate;
import dev.baton.incident.IncidentEvent;
import dev.baton.incident.IncidentStore;
import dev.baton.incident.OpenIncident;
import dev.baton.ssh.OutputSpool;
import dev.baton.ssh.RunOutcome;
import dev.baton.ssh.RunResult;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Incident memory at scale: INCIDENTS incidents of EVENTS events each, written by the incident code (steps
 * sent and run on nodes with their outputs, captures, connections, notes, an alert with labels), then the
 * history index built from them, searched in-process (p50/p95/p99 of 1,000 searches), asked the Last time
 * question, and `baton history search` run end to end.
 *
 * <p>Arguments: incidents, events per incident, the folder to write them in (its timelines are fsynced line
 * by line as Baton writes them: a tmpfs such as /dev/shm keeps generation short), the launcher (./baton).
 */
public final class HistoryBenchmark {
    private static final OperatingSystemMXBean OS = ManagementFactory.getOperatingSystemMXBean();
    private static final String[] ALERTS = {"KubePodCrashLooping", "DiskFull", "HighLatency", "NodeDown", "CertExpiring",
        "ReplicationLag", "OOMKilled", "ErrorRateHigh", "QueueBacklog", "TargetDown"};
    private static final String[] SERVICES = {"checkout", "cart", "search", "payments", "auth", "catalog", "orders",
        "shipping", "billing", "inventory", "email", "gateway", "profile", "reviews", "media", "ads", "quotes",
        "recommend", "frontend", "ledger"};
    private static final String[] RESPONDERS = {"alice", "bob", "carol", "dan", "erin", "frank", "grace", "heidi"};
    private static final String[] COMMANDS = {"kubectl delete pod %s-%d -n %s", "kubectl get pods -n %s",
        "kubectl logs %s-%d -n %s --tail=200", "kubectl rollout undo deploy/%s -n %s", "systemctl restart %s",
        "journalctl -u %s --since -1h", "df -h /var/lib/%s", "du -sh /var/log/%s", "psql -c 'select count(*) from %s'",
        "curl -sf http://127.0.0.1:8080/%s/health", "top -b -n1 | head -20", "free -m", "ss -tnp | grep %s",
        "tail -n 100 /var/log/%s/error.log", "openssl x509 -enddate -noout -in /etc/ssl/%s.pem"};
    private static final String[] QUERIES = {"kubectl delete pod", "kubectl logs", "rollout undo", "systemctl restart",
        "journalctl", "df", "psql count", "curl health", "openssl enddate", "error.log", "checkout", "payments",
        "OOMKilled", "connection refused", "CrashLoopBackOff", "disk", "restart nginx", "free", "kubectl", "undo"};

    private HistoryBenchmark() {}

    public static void main(String[] args) throws Exception {
        int incidents = Integer.parseInt(args[0]);
        int events = Integer.parseInt(args[1]);
        Path folder = Files.createDirectories(Path.of(args[2])).resolve("baton-history-bench-" + ProcessHandle.current().pid());
        Path launcher = Path.of(args[3]);
        Path data = folder.resolve("baton");
        try {
            long t0 = System.nanoTime();
            generate(new IncidentStore(data), incidents, events);
            System.out.printf("history: %,d incidents x %d events written by the incident code in %.1f s%n", incidents,
                    events, (System.nanoTime() - t0) / 1e9);
            try (HistoryIndex index = HistoryIndex.of(new IncidentStore(data))) {
                long b0 = System.nanoTime();
                long c0 = cpu();
                HistoryUpdate built = index.update();
                System.out.printf("history: index built from nothing in %.1f s, cpu %.1f s (%,d events, %d incidents, "
                        + "load average %.1f)%n", (System.nanoTime() - b0) / 1e9, (cpu() - c0) / 1e9, built.events(),
                        built.incidents(), OS.getSystemLoadAverage());
                long u0 = System.nanoTime();
                index.update();
                System.out.printf("history: catch-up with nothing new: %.1f ms%n", (System.nanoTime() - u0) / 1e6);
                searches(index);
                lastTime(index);
            }
            endToEnd(launcher, folder);
        } finally {
            deleteTree(folder);
        }
    }

    private static void generate(IncidentStore store, int incidents, int events) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        List<Future<?>> done = new ArrayList<>();
        Path spool = Files.createDirectories(store.incidentsDirectory().resolveSibling("spool"));
        for (int i = 0; i < incidents; i++) {
            int n = i;
            done.add(pool.submit(() -> {
                writeIncident(store, spool, n, events);
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        pool.shutdown();
        Files.deleteIfExists(store.incidentsDirectory().resolveSibling("current-incident"));
    }

    private static void writeIncident(IncidentStore store, Path spool, int n, int events) throws IOException {
        Random random = new Random(n);
        String alert = ALERTS[n % ALERTS.length];
        String service = SERVICES[random.nextInt(SERVICES.length)];
        String responder = RESPONDERS[random.nextInt(RESPONDERS.length)];
        Instant at = Instant.parse("2026-01-01T00:00:00Z").plus(n * 7L, ChronoUnit.HOURS);
        try (OpenIncident incident = store.start(alert + " " + service + " " + n, "critical", alert, responder, at)) {
            incident.creditTo(responder);
            incident.alertOpened(new IncidentEvent.AlertOpened(alert, "fp" + n, "http://127.0.0.1:9093", "firing", at,
                    Map.of("alertname", alert, "service", service, "namespace", "ns-" + service,
                            "node", node(random)), Map.of("summary", alert + " on " + service), ""));
            String runbook = "runbooks/" + alert.toLowerCase() + ".md";
            int written = 2;
            while (written < events - 2) {
                int roll = random.nextInt(100);
                String node = node(random);
                String command = command(random, service);
                int step = 1 + random.nextInt(8);
                if (roll < 60) {
                    incident.stepSent(runbook, step, command, node, Map.of(), Boolean.TRUE);
                    written++;
                } else if (roll < 85 && written < events - 3) {
                    incident.stepRun(runbook, step, command, List.of(node), Map.of(), null);
                    OutputSpool out = new OutputSpool(spool, "stdout", 64 * 1024);
                    byte[] bytes = output(random, service).getBytes(StandardCharsets.UTF_8);
                    out.write(bytes, 0, bytes.length);
                    int exit = random.nextInt(10) == 0 ? 1 : 0;
                    incident.runResult(new RunResult(node, command, Instant.now(), Duration.ofMillis(50 + random.nextInt(5000)),
                            RunOutcome.COMPLETED, exit, null, out, OutputSpool.empty(), ""), Map.of());
                    written += 2;
                } else if (roll < 95) {
                    incident.connection(node, random.nextBoolean(), "ssh");
                    written++;
                } else {
                    incident.capture("terminal", node, command, "exit 0", Instant.now(), output(random, service));
                    written++;
                }
            }
            incident.saveNotes("Responder " + responder + " on " + service + ": restarted " + service
                    + " after the " + alert + " alert; " + (random.nextBoolean() ? "rolled back" : "scaled up") + ".\n", true);
            incident.end();
        }
    }

    private static String node(Random random) {
        return String.format("db%02d", 1 + random.nextInt(50));
    }

    private static String command(Random random, String service) {
        String template = COMMANDS[random.nextInt(COMMANDS.length)];
        return switch ((int) template.chars().filter(c -> c == '%').count()) {
            case 0 -> template;
            case 1 -> String.format(template, service);
            case 2 -> String.format(template, service, "ns-" + service);
            default -> String.format(template, service, random.nextInt(100), "ns-" + service);
        };
    }

    private static String output(Random random, String service) {
        String[] lines = {service + "-7f9c  0/1  CrashLoopBackOff  12  3h", "Error: connection refused 127.0.0.1:5432",
            "OOMKilled: container " + service + " exceeded memory limit", "/dev/sda1  98G  97G  1G  99% /",
            "pod \"" + service + "-7f9c\" deleted", "deployment.apps/" + service + " rolled back", "ok"};
        StringBuilder text = new StringBuilder();
        for (int i = 0, n = 1 + random.nextInt(6); i < n; i++) {
            text.append(lines[random.nextInt(lines.length)]).append('\n');
        }
        return text.toString();
    }

    private static void searches(HistoryIndex index) throws IOException {
        Random random = new Random(42);
        List<HistoryQuery> queries = new ArrayList<>();
        for (int i = 0; i < 1100; i++) {
            String words = QUERIES[random.nextInt(QUERIES.length)];
            int filter = random.nextInt(4);
            queries.add(new HistoryQuery(words, filter == 3 ? Instant.parse("2026-01-01T00:00:00Z") : null,
                    filter == 1 ? node(random) : "", filter == 2 ? RESPONDERS[random.nextInt(RESPONDERS.length)] : "", 50));
        }
        double[] times = new double[1000];
        long found = 0;
        long cpuStart = 0;
        for (int i = 0; i < queries.size(); i++) {
            long t0 = System.nanoTime();
            found += index.search(queries.get(i)).size();
            if (i >= 100) { // the first 100 warm the JIT and the page cache
                times[i - 100] = (System.nanoTime() - t0) / 1e6;
            }
            if (i == 99) {
                cpuStart = cpu();
            }
        }
        double cpuPerSearch = (cpu() - cpuStart) / 1e6 / 1000;
        Arrays.sort(times);
        System.out.printf("history: search in-process, 1,000 queries (words, a node, a responder or a date; 50 newest): "
                + "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms; cpu %.1f ms a search on average (%,d hits, "
                + "load average %.1f)%n", percentile(times, 50), percentile(times, 95), percentile(times, 99),
                times[times.length - 1], cpuPerSearch, found, OS.getSystemLoadAverage());
    }

    private static void lastTime(HistoryIndex index) throws IOException {
        Random random = new Random(7);
        double[] times = new double[500];
        for (int i = 0; i < 600; i++) {
            String service = SERVICES[random.nextInt(SERVICES.length)];
            long t0 = System.nanoTime();
            index.lastTime(ALERTS[random.nextInt(ALERTS.length)], Map.of("service", service, "namespace", "ns-" + service,
                    "node", node(random)), 10);
            if (i >= 100) {
                times[i - 100] = (System.nanoTime() - t0) / 1e6;
            }
        }
        Arrays.sort(times);
        System.out.printf("history: Last time (same alert, same labels first, 10 incidents): p50 %.1f ms, p95 %.1f ms, "
                + "max %.1f ms%n", percentile(times, 50), percentile(times, 95), times[times.length - 1]);
        double[] memory = new double[100];
        for (int i = 0; i < 110; i++) {
            long t0 = System.nanoTime();
            index.stepMemory("runbooks/" + ALERTS[i % ALERTS.length].toLowerCase() + ".md");
            if (i >= 10) {
                memory[i - 10] = (System.nanoTime() - t0) / 1e6;
            }
        }
        Arrays.sort(memory);
        System.out.printf("history: step memory of a runbook (all its runs): p50 %.1f ms, p95 %.1f ms%n",
                percentile(memory, 50), percentile(memory, 95));
    }

    /** `baton history search` as a responder types it: a first run, then 7 repeats (median, min, max). */
    private static void endToEnd(Path launcher, Path folder) throws IOException, InterruptedException {
        List<String> command = List.of(launcher.toString(), "history", "search", "kubectl", "delete", "pod", "--node", "db07");
        double first = run(command, folder);
        run(command, folder);
        double[] times = new double[7];
        double[] cpu = new double[7];
        for (int i = 0; i < times.length; i++) {
            long before = childrenCpuMillis();
            times[i] = run(command, folder);
            cpu[i] = childrenCpuMillis() - before;
        }
        Arrays.sort(times);
        Arrays.sort(cpu);
        System.out.printf("history: `baton history search kubectl delete pod --node db07` end to end: first %.0f ms; "
                + "repeat median %.0f ms (cpu %.0f ms), min %.0f ms, max %.0f ms (load average %.1f)%n", first,
                times[times.length / 2], cpu[cpu.length / 2], times[0], times[times.length - 1], OS.getSystemLoadAverage());
    }

    private static double run(List<String> command, Path folder) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("XDG_DATA_HOME", folder.toString());
        long t0 = System.nanoTime();
        int exit = builder.start().waitFor();
        double elapsed = (System.nanoTime() - t0) / 1e6;
        if (exit != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + exit);
        }
        return elapsed;
    }

    /** CPU time of this process's finished children, from /proc (Linux); 0 where there is none. */
    private static long childrenCpuMillis() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) * 10; // cutime + cstime, USER_HZ 100
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** CPU time of this JVM, in nanoseconds: on a shared machine, wall time also counts waiting for a core. */
    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) OS).getProcessCpuTime();
    }

    private static double percentile(double[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (var paths = Files.walk(folder)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
