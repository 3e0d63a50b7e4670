package dev.baton.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Direct fan-out at fleet size, side by side in one run with parallel-ssh and Ansible on the same nodes and
 * command: 200 and 1,000 loopback nodes (127.0.0.2 …), each behind a {@link DelayingProxy} that makes a 50 ms
 * round trip, forwarding to one of a few Debian OpenSSH sshd. Each tool runs as a whole process under
 * {@code /usr/bin/time}: wall time, client CPU (user + system, children included: parallel-ssh's ssh processes,
 * Ansible's forks) per node, and peak RSS (of the largest process: for the JVM its own). Each node prints 32 KB.
 * The nodes share the cores with the client, so beside the client's CPU it prints what the same run cost the nodes
 * (the sshd listeners' reaped children: a connection's sshd, its session and the command) and the delaying proxy
 * (this JVM): on a 2-core machine the sum of the three, not the client's alone, bounds the wall time.
 *
 * <p>{@code -Dbench.tools=baton,pssh,ansible} chooses the tools (all three by default).
 *
 * <p>Needs /usr/sbin/sshd, /usr/bin/parallel-ssh and /usr/bin/ansible ({@code apt-get install openssh-server pssh
 * ansible}).
 *
 * @see #main arguments: launcher (./baton; several, comma-separated, run one after another), node counts (200,1000), round trip ms (50), Baton's --parallel (256),
 *      parallel-ssh's -p and Ansible's --forks (32), largest count Ansible runs (200)
 */
public final class FanOutScaleBenchmark {
    private static final String COMMAND = "head -c 32768 /dev/zero | tr '\\0' x";
    private static final int SSHD_COUNT = 6;

    public static void main(String[] args) throws Exception {
        List<Path> launchers = List.of((args.length > 0 ? args[0] : "./baton").split(",")).stream()
                .map(launcher -> Path.of(launcher).toAbsolutePath().normalize()).toList();
        List<Integer> counts = args.length > 1 ? List.of(args[1].split(",")).stream().map(Integer::parseInt).toList()
                : List.of(200, 1000);
        int roundTrip = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int parallel = args.length > 3 ? Integer.parseInt(args[3]) : 256;
        int forks = args.length > 4 ? Integer.parseInt(args[4]) : 32;
        int ansibleUpTo = args.length > 5 ? Integer.parseInt(args[5]) : 200;
        List<String> tools = List.of(System.getProperty("bench.tools", "baton,pssh,ansible").split(","));
        for (String tool : List.of("/usr/sbin/sshd", "/usr/bin/parallel-ssh", "/usr/bin/ansible")) {
            if (!Files.isExecutable(Path.of(tool))) {
                throw new IllegalStateException(tool + " is missing: apt-get install openssh-server pssh ansible");
            }
        }
        Path dir = Files.createTempDirectory("baton-fanout-scale");
        LoopbackSshd.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("host_key").toString());
        LoopbackSshd.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("id_ed25519").toString());
        String user = System.getProperty("user.name");
        String hostKey = Files.readString(dir.resolve("host_key.pub")).strip();
        int largest = counts.stream().mapToInt(Integer::intValue).max().orElseThrow();
        List<Process> daemons = new ArrayList<>();
        List<InetSocketAddress> sshds = new ArrayList<>();
        try (DelayingProxy proxy = new DelayingProxy(roundTrip)) {
            for (int i = 0; i < SSHD_COUNT; i++) {
                int port = LoopbackSshd.freePort();
                daemons.add(startSshd(dir.resolve("sshd-" + i), dir, port));
                sshds.add(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            }
            int port = LoopbackSshd.freePort();
            List<String> addresses = new ArrayList<>();
            for (int i = 0; i < largest; i++) {
                String address = "127.0." + ((i + 2) / 256) + "." + ((i + 2) % 256);
                addresses.add(address);
                proxy.listen(address, port, sshds.get(i % SSHD_COUNT));
            }
            StringBuilder knownHosts = new StringBuilder();
            addresses.forEach(a -> knownHosts.append('[').append(a).append("]:").append(port).append(' ')
                    .append(hostKey).append('\n'));
            Files.writeString(dir.resolve("known_hosts"), knownHosts);
            System.out.printf(Locale.ROOT, "fan-out of '%s' (32 KB a node) through a %d ms round trip;"
                    + " load average at start %s%n", COMMAND, roundTrip, loadAverage());
            System.out.printf(Locale.ROOT, "  %-34s %6s %8s %12s %9s %4s  %s%n", "tool", "nodes", "wall s",
                    "CPU ms/node", "peak RSS", "ok", "sshd, proxy CPU ms/node");
            Nodes nodes = new Nodes(daemons);
            for (int count : counts) {
                List<String> slice = addresses.subList(0, count);
                Path hosts = writeInventories(dir, slice, port, user, count);
                List<String> pssh = List.of("/usr/bin/parallel-ssh", "-h", hosts.resolve("pssh_hosts").toString(),
                        "-p", String.valueOf(forks), "-t", "300", "-o", hosts.resolve("pssh-out").toString(),
                        "-O", "UserKnownHostsFile=" + dir.resolve("known_hosts"), "-O", "StrictHostKeyChecking=yes",
                        "-O", "BatchMode=yes", "-O", "IdentitiesOnly=yes", "-x", "-i " + dir.resolve("id_ed25519"),
                        COMMAND);
                List<String> ansible = List.of("/usr/bin/ansible", "bench", "-i", hosts.resolve("hosts.ini").toString(),
                        "-m", "shell", "-a", COMMAND, "--forks", String.valueOf(forks));
                for (Path launcher : tools.contains("baton") ? launchers : List.<Path>of()) {
                    List<String> baton = List.of(launcher.toString(), "run", "--group", "bench", "--inventory",
                            hosts.resolve("hosts.ini").toString(), "--known-hosts", dir.resolve("known_hosts").toString(),
                            "--parallel", String.valueOf(parallel), "--yes", "--json", "--command", COMMAND);
                    String label = launchers.size() == 1 ? "" : " (" + launcher.getParent().getFileName() + ")";
                    report("baton run --parallel " + parallel + label, count, timed(baton, hosts, "baton", nodes));
                }
                if (tools.contains("pssh")) {
                    report("parallel-ssh -p " + forks, count, timed(pssh, hosts, "pssh", nodes));
                }
                if (tools.contains("ansible") && count <= ansibleUpTo) {
                    report("ansible -m shell --forks " + forks, count, timed(ansible, hosts, "ansible", nodes));
                }
            }
            System.out.printf(Locale.ROOT, "  load average at end %s%n", loadAverage());
        } finally {
            for (Process daemon : daemons) {
                daemon.descendants().forEach(ProcessHandle::destroyForcibly);
                daemon.destroy();
            }
        }
    }

    private static Path writeInventories(Path dir, List<String> addresses, int port, String user, int count)
            throws IOException {
        Path hosts = Files.createDirectories(dir.resolve("n" + count));
        StringBuilder pssh = new StringBuilder();
        StringBuilder inventory = new StringBuilder("[bench]\n");
        for (String address : addresses) {
            String name = "n" + address.replace("127.0.", "").replace('.', '-');
            pssh.append(user).append('@').append(address).append(':').append(port).append('\n');
            inventory.append(name).append(" ansible_host=").append(address).append(" ansible_port=").append(port)
                    .append(" ansible_user=").append(user).append(" ansible_ssh_private_key_file=")
                    .append(dir.resolve("id_ed25519")).append('\n');
        }
        inventory.append("\n[bench:vars]\nansible_ssh_common_args='-o UserKnownHostsFile=").append(dir.resolve("known_hosts"))
                .append(" -o StrictHostKeyChecking=yes -o IdentitiesOnly=yes'\nansible_python_interpreter=/usr/bin/python3\n");
        Files.writeString(hosts.resolve("pssh_hosts"), pssh);
        Files.writeString(hosts.resolve("hosts.ini"), inventory);
        return hosts;
    }

    private record Timed(double wallSeconds, double cpuSeconds, long maxRssKb, int exit, double sshdSeconds,
            double proxySeconds) {}

    /** CPU time of the nodes' side: the sshd listeners with the children they reaped, and this JVM (the proxy). */
    private record Nodes(List<Process> daemons) {
        double sshdSeconds() throws IOException {
            double ticks = 0;
            for (Process daemon : daemons) {
                String stat = Files.readString(Path.of("/proc/" + daemon.pid() + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // utime, stime, cutime, cstime: fields 14 to 17 of proc(5), counted from the state (field 3).
                for (int i = 11; i <= 14; i++) {
                    ticks += Long.parseLong(fields[i]);
                }
            }
            return ticks / 100.0;
        }

        double proxySeconds() {
            return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
        }
    }

    private static void report(String tool, int count, Timed timed) {
        System.out.printf(Locale.ROOT, "  %-34s %6d %8.1f %12.1f %6d MB %4s  %.1f, %.1f%n", tool, count,
                timed.wallSeconds(), timed.cpuSeconds() * 1000 / count, timed.maxRssKb() / 1024,
                timed.exit() == 0 ? "yes" : "exit " + timed.exit(), timed.sshdSeconds() * 1000 / count,
                timed.proxySeconds() * 1000 / count);
    }

    /** Runs a command under /usr/bin/time; its output is kept in a file, not read. */
    private static Timed timed(List<String> command, Path dir, String what, Nodes nodes) throws Exception {
        double sshdBefore = nodes.sshdSeconds();
        double proxyBefore = nodes.proxySeconds();
        Path times = dir.resolve(what + ".time");
        List<String> full = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %U %S %M", "-o", times.toString()));
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true)
                .redirectOutput(dir.resolve(what + ".out").toFile());
        builder.environment().put("ANSIBLE_LOCAL_TEMP", dir.resolve("ansible-tmp").toString());
        builder.environment().put("ANSIBLE_HOST_KEY_CHECKING", "True");
        Process process = builder.start();
        int exit = process.waitFor();
        // Connections the tool dropped end on the nodes a moment later; their sshd is reaped then.
        Thread.sleep(2000);
        double sshd = nodes.sshdSeconds() - sshdBefore;
        double proxy = nodes.proxySeconds() - proxyBefore;
        List<String> lines = Files.readAllLines(times);
        String[] words = lines.get(lines.size() - 1).strip().split(" ");
        return new Timed(Double.parseDouble(words[0]), Double.parseDouble(words[1]) + Double.parseDouble(words[2]),
                Long.parseLong(words[3]), exit, sshd, proxy);
    }

    private static String loadAverage() throws IOException {
        String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return parts[0] + " " + parts[1] + " " + parts[2] + " (" + Runtime.getRuntime().availableProcessors()
                + " cores)";
    }

    private static Process startSshd(Path dir, Path keys, int port) throws Exception {
        List<String> config = List.of("Port " + port, "ListenAddress 127.0.0.1", "HostKey " + keys.resolve("host_key"),
                "PidFile " + dir.resolve("sshd.pid"), "AuthorizedKeysFile " + keys.resolve("id_ed25519.pub"),
                "StrictModes no", "UsePAM no", "PermitRootLogin prohibit-password", "PasswordAuthentication no",
                "KbdInteractiveAuthentication no", "PrintMotd no", "PrintLastLog no", "MaxStartups 1000",
                "MaxSessions 50", "UseDNS no",
                // A node's shell reads no ~/.bashrc of this machine's user (bash does when started by sshd at shell
                // level 1): here root's runs `pyenv init`, 0.1 s of CPU a node and a lock that hundreds of commands
                // at once queue on, a cost of this machine, not of any node or tool.
                "SetEnv SHLVL=1");
        Files.createDirectories(Path.of("/run/sshd"));
        return LoopbackSshd.start(dir, port, config);
    }

}
