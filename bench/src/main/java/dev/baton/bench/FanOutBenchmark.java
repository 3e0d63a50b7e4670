package dev.baton.bench;

import dev.baton.inventory.Node;
import dev.baton.session.FanOut;
import dev.baton.session.FanOutRun;
import dev.baton.session.NodeOutcome;
import dev.baton.ssh.KnownHosts;
import dev.baton.ssh.SshConnector;
import dev.baton.ssh.SshPrompts;
import dev.baton.ssh.SshSettings;
import dev.baton.step.ExecPlan;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A step on 100 nodes at once, side by side with parallel-ssh (Debian's pssh) at the same concurrency on
 * the same hosts and command: Debian's OpenSSH sshd answering on 127.0.0.2 … 127.0.0.101 (one sshd per
 * 15 addresses: sshd listens on at most 16). Baton is timed cold, as {@code ./baton run --group} with its
 * JVM start, and warm, from the session layer in this JVM; then its peak heap and RSS. Last, 1,000 nodes
 * that print 1 MB each, with the heap the window runs with.
 *
 * <p>Needs /usr/sbin/sshd, ssh-keygen and /usr/bin/parallel-ssh ({@code apt-get install openssh-server pssh}).
 *
 * @see #main arguments: launcher (./baton), nodes (100), concurrency (32), pairs (5), big nodes (1000)
 */
public final class FanOutBenchmark {
    private static final String COMMAND = "uname -a; sleep 0.2";
    private static final int ADDRESSES_PER_SSHD = 15;

    public static void main(String[] args) throws Exception {
        Path launcher = Path.of(args.length > 0 ? args[0] : "./baton").toAbsolutePath();
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        int pairs = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        int bigNodes = args.length > 4 ? Integer.parseInt(args[4]) : 1000;
        for (String tool : List.of("/usr/sbin/sshd", "/usr/bin/parallel-ssh")) {
            if (!Files.isExecutable(Path.of(tool))) {
                throw new IllegalStateException(tool + " is missing: apt-get install openssh-server pssh");
            }
        }
        Path dir = Files.createTempDirectory("baton-fanout-bench");
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("host_key").toString());
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("id_ed25519").toString());
        String user = System.getProperty("user.name");
        String hostKey = Files.readString(dir.resolve("host_key.pub")).strip();
        List<Process> daemons = new ArrayList<>();
        List<Node> nodes = new ArrayList<>();
        StringBuilder knownHosts = new StringBuilder();
        StringBuilder psshHosts = new StringBuilder();
        StringBuilder inventory = new StringBuilder("[bench]\n");
        try {
            for (int first = 0; first < count; first += ADDRESSES_PER_SSHD) {
                List<String> slice = new ArrayList<>();
                for (int i = first; i < Math.min(count, first + ADDRESSES_PER_SSHD); i++) {
                    slice.add("127.0." + ((i + 2) / 256) + "." + ((i + 2) % 256));
                }
                int port = freePort();
                daemons.add(startSshd(dir.resolve("sshd-" + first), dir, slice, port));
                for (String address : slice) {
                    String name = "n" + address.replace("127.0.", "").replace('.', '-');
                    nodes.add(Node.direct(name, address, port, user)
                            .withIdentityFiles(List.of(dir.resolve("id_ed25519")), true));
                    knownHosts.append('[').append(address).append("]:").append(port).append(' ').append(hostKey)
                            .append('\n');
                    psshHosts.append(user).append('@').append(address).append(':').append(port).append('\n');
                    inventory.append(name).append(" ansible_host=").append(address).append(" ansible_port=")
                            .append(port).append(" ansible_user=").append(user).append(" ansible_ssh_private_key_file=")
                            .append(dir.resolve("id_ed25519")).append('\n');
                }
            }
            Files.writeString(dir.resolve("known_hosts"), knownHosts);
            Files.writeString(dir.resolve("pssh_hosts"), psshHosts);
            Files.writeString(dir.resolve("hosts.ini"), inventory);

            List<String> baton = List.of(launcher.toString(), "run", "--group", "bench", "--inventory",
                    dir.resolve("hosts.ini").toString(), "--known-hosts", dir.resolve("known_hosts").toString(),
                    "--parallel", String.valueOf(concurrency), "--yes", "--command", COMMAND);
            List<String> pssh = List.of("/usr/bin/parallel-ssh", "-h", dir.resolve("pssh_hosts").toString(), "-p",
                    String.valueOf(concurrency), "-t", "60", "-o", dir.resolve("pssh-out").toString(),
                    "-O", "UserKnownHostsFile=" + dir.resolve("known_hosts"), "-O", "StrictHostKeyChecking=yes",
                    "-O", "BatchMode=yes", "-O", "IdentitiesOnly=yes", "-x", "-i " + dir.resolve("id_ed25519"),
                    COMMAND);
            timed(baton, dir, "baton warm-up");
            timed(pssh, dir, "parallel-ssh warm-up");
            long[] cold = new long[pairs];
            long[] parallelSsh = new long[pairs];
            long[] coldRss = new long[pairs];
            double[] ratios = new double[pairs];
            for (int i = 0; i < pairs; i++) {
                Timed a = timed(baton, dir, "baton");
                Timed b = timed(pssh, dir, "parallel-ssh");
                cold[i] = a.millis();
                coldRss[i] = a.maxRssKb();
                parallelSsh[i] = b.millis();
                ratios[i] = (double) a.millis() / b.millis();
            }

            SshSettings settings = SshSettings.ofUser().withKnownHosts(new KnownHosts(dir.resolve("known_hosts")))
                    .withAgent(Optional.empty()).withDefaultIdentities(List.of());
            SshConnector connector = new SshConnector(settings, SshPrompts.NONE, name -> Optional.empty());
            FanOut fanOut = new FanOut(FanOut.Connections.opening(connector), dir.resolve("spool"), Optional.empty());
            FanOut.Options options = new FanOut.Options(concurrency, Duration.ofMinutes(2));
            fanOutOnce(fanOut, nodes, ExecPlan.of(COMMAND, Map.of()), options);
            long[] warm = new long[pairs];
            double[] warmRatios = new double[pairs];
            resetPeaks();
            for (int i = 0; i < pairs; i++) {
                long start = System.nanoTime();
                fanOutOnce(fanOut, nodes, ExecPlan.of(COMMAND, Map.of()), options);
                warm[i] = (System.nanoTime() - start) / 1_000_000;
                Timed b = timed(pssh, dir, "parallel-ssh");
                warmRatios[i] = (double) warm[i] / b.millis();
            }
            long warmPeakHeap = peakHeap();

            System.out.printf("fan-out of '%s' on %d loopback OpenSSH nodes, %d at a time, %d interleaved pairs:%n",
                    COMMAND, count, concurrency, pairs);
            System.out.printf("  parallel-ssh                 median %5d ms (%d–%d)%n", median(parallelSsh),
                    min(parallelSsh), max(parallelSsh));
            System.out.printf("  baton run --group (cold JVM) median %5d ms (%d–%d), peak RSS %d MB;"
                    + " baton ÷ parallel-ssh median %.2f%n", median(cold), min(cold), max(cold),
                    median(coldRss) / 1024, medianOf(ratios));
            System.out.printf("  session layer (warm JVM)     median %5d ms (%d–%d), peak heap %d MB;"
                    + " baton ÷ parallel-ssh median %.2f%n", median(warm), min(warm), max(warm),
                    warmPeakHeap >> 20, medianOf(warmRatios));

            bigOutputs(fanOut, nodes, bigNodes, concurrency);
        } finally {
            for (Process daemon : daemons) {
                daemon.descendants().forEach(ProcessHandle::destroyForcibly);
                daemon.destroy();
            }
        }
    }

    /** {@code bigNodes} nodes (the addresses again, under other names) printing 1 MB each: the heap it takes. */
    private static void bigOutputs(FanOut fanOut, List<Node> nodes, int bigNodes, int concurrency) throws Exception {
        List<Node> many = new ArrayList<>();
        for (int i = 0; i < bigNodes; i++) {
            Node node = nodes.get(i % nodes.size());
            many.add(Node.direct(node.name() + "-" + i, node.hostName(), node.port(), node.user())
                    .withIdentityFiles(node.identityFiles(), true));
        }
        System.gc();
        resetPeaks();
        long start = System.nanoTime();
        FanOutRun run = fanOutOnce(fanOut, many, ExecPlan.of("head -c 1000000 /dev/zero | tr '\\0' x", Map.of()),
                new FanOut.Options(concurrency, Duration.ofMinutes(5)));
        long millis = (System.nanoTime() - start) / 1_000_000;
        long succeeded = run.outcomes().stream().filter(o -> o.status() == NodeOutcome.Status.SUCCEEDED).count();
        System.out.printf("  %d nodes × 1 MB of output: %d succeeded in %.1f s, peak heap %d MB of -Xmx %d MB,"
                + " RSS high-water %d MB%n", bigNodes, succeeded, millis / 1000.0, peakHeap() >> 20,
                Runtime.getRuntime().maxMemory() >> 20, highWaterRssKb() / 1024);
        for (NodeOutcome outcome : run.outcomes()) {
            if (outcome.result() != null) {
                outcome.result().stdout().discard();
                outcome.result().stderr().discard();
            }
        }
    }

    private static FanOutRun fanOutOnce(FanOut fanOut, List<Node> nodes, ExecPlan plan, FanOut.Options options)
            throws InterruptedException {
        FanOutRun run = fanOut.start(null, 0, plan, nodes, Map.of(), options, outcome -> { });
        if (!run.await(Duration.ofMinutes(10))) {
            throw new IllegalStateException("fan-out did not finish: " + run.progress());
        }
        long failed = run.outcomes().stream().filter(NodeOutcome::failed).count();
        if (failed > 0) {
            throw new IllegalStateException(failed + " nodes failed: " + run.outcomes().stream()
                    .filter(NodeOutcome::failed).limit(3).map(o -> o.name() + " " + o.reason()).toList());
        }
        return run;
    }

    private record Timed(long millis, long maxRssKb) {}

    /** Runs a command under /usr/bin/time for its peak RSS; its output is kept in a file, not read. */
    private static Timed timed(List<String> command, Path dir, String what) throws Exception {
        List<String> full = new ArrayList<>(List.of("/usr/bin/time", "-f", "%M", "-o",
                dir.resolve("time.txt").toString()));
        full.addAll(command);
        long start = System.nanoTime();
        Process process = new ProcessBuilder(full).redirectErrorStream(true)
                .redirectOutput(dir.resolve(what.replace(' ', '-') + ".out").toFile()).start();
        int exit = process.waitFor();
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (exit != 0) {
            throw new IllegalStateException(what + " exited " + exit + ": "
                    + Files.readString(dir.resolve(what.replace(' ', '-') + ".out"), StandardCharsets.UTF_8));
        }
        String rss = Files.readString(dir.resolve("time.txt")).strip();
        return new Timed(millis, Long.parseLong(rss.substring(rss.lastIndexOf('\n') + 1).strip()));
    }

    private static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }

    private static long highWaterRssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return 0;
    }

    private static Process startSshd(Path dir, Path keys, List<String> addresses, int port) throws Exception {
        Files.createDirectories(dir);
        List<String> config = new ArrayList<>(List.of("Port " + port, "HostKey " + keys.resolve("host_key"),
                "PidFile " + dir.resolve("sshd.pid"), "AuthorizedKeysFile " + keys.resolve("id_ed25519.pub"),
                "StrictModes no", "UsePAM no", "PermitRootLogin prohibit-password", "PasswordAuthentication no",
                "KbdInteractiveAuthentication no", "PrintMotd no", "PrintLastLog no", "MaxStartups 300",
                "MaxSessions 50"));
        addresses.forEach(address -> config.add("ListenAddress " + address));
        Files.writeString(dir.resolve("sshd_config"), String.join("\n", config) + "\n");
        Files.createDirectories(Path.of("/run/sshd"));
        Process sshd = new ProcessBuilder("/usr/sbin/sshd", "-D", "-f", dir.resolve("sshd_config").toString(),
                "-E", dir.resolve("sshd.log").toString()).redirectErrorStream(true).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket(InetAddress.getByName(addresses.get(addresses.size() - 1)), port)) {
                return sshd;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("sshd did not start: " + Files.readString(dir.resolve("sshd.log")));
    }

    private static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return free.getLocalPort();
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double medianOf(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long min(long[] values) {
        return Arrays.stream(values).min().orElse(0);
    }

    private static long max(long[] values) {
        return Arrays.stream(values).max().orElse(0);
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + ": " + new String(process.getInputStream().readAllBytes()));
        }
    }
}
