package dev.baton.bench;

import dev.baton.ansible.AnsibleCommand;
import dev.baton.ansible.AnsibleInvocation;
import dev.baton.inventory.InventoryLoader;
import dev.baton.inventory.Node;
import dev.baton.session.AnsibleSettings;
import dev.baton.session.Engine;
import dev.baton.session.FanOut;
import dev.baton.session.FanOutRun;
import dev.baton.session.Targets;
import dev.baton.step.ExecPlan;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How long the Ansible engine takes from the responder's OK to the first host's result, against Debian's OpenSSH
 * sshd on 127.0.0.1 with Debian's ansible, and where that time goes: Baton asks {@code ansible --version},
 * {@code ansible-doc} (is the jsonl callback there?) and {@code ansible --list-hosts} before it starts the run
 * itself; the first two once a session (the warm-up run asks them). Beside it, Ansible alone: {@code ansible -m shell} to its first host line on stdout. The grid shows a
 * result at its next refresh (every 200 ms) after the session layer has it; the CLI prints its JSON at the end.
 *
 * <p>Needs /usr/sbin/sshd and /usr/bin/ansible ({@code apt-get install openssh-server ansible}).
 *
 * @see #main arguments: hosts (10), runs (5)
 */
public final class AnsibleFirstResultBenchmark {
    private static final String STEP = "uname -n";

    private AnsibleFirstResultBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int hosts = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        for (String tool : List.of("/usr/sbin/sshd", "/usr/bin/ansible")) {
            if (!Files.isExecutable(Path.of(tool))) {
                throw new IllegalStateException(tool + " is missing: apt-get install openssh-server ansible");
            }
        }
        Path dir = Files.createTempDirectory("baton-ansible-first");
        LoopbackSshd.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("host_key").toString());
        LoopbackSshd.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("id_ed25519").toString());
        int port = LoopbackSshd.freePort();
        Process sshd = LoopbackSshd.start(dir.resolve("sshd"), port, List.of("Port " + port, "ListenAddress 127.0.0.1",
                "HostKey " + dir.resolve("host_key"), "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + dir.resolve("id_ed25519.pub"), "StrictModes no", "UsePAM no",
                "PasswordAuthentication no", "KbdInteractiveAuthentication no", "PrintMotd no", "PrintLastLog no",
                "MaxStartups 100"));
        try {
            Files.writeString(dir.resolve("known_hosts"), "[127.0.0.1]:" + port + " "
                    + Files.readString(dir.resolve("host_key.pub")).strip() + "\n");
            StringBuilder ini = new StringBuilder("[bench]\n");
            for (int i = 0; i < hosts; i++) {
                ini.append(String.format("h%02d ansible_host=127.0.0.1%n", i));
            }
            ini.append("[bench:vars]\nansible_port=").append(port).append("\nansible_user=")
                    .append(System.getProperty("user.name")).append("\nansible_ssh_private_key_file=")
                    .append(dir.resolve("id_ed25519")).append("\nansible_python_interpreter=/usr/bin/python3\n")
                    .append("ansible_ssh_common_args='-o UserKnownHostsFile=").append(dir.resolve("known_hosts"))
                    .append(" -o StrictHostKeyChecking=yes -o IdentitiesOnly=yes -o BatchMode=yes'\n")
                    .append("baton_engine=ansible\n");
            Path inventory = Files.writeString(dir.resolve("hosts.ini"), ini);
            Files.createDirectories(dir.resolve("remote-tmp"));
            Map<String, String> environment = new LinkedHashMap<>(Map.of(
                    "ANSIBLE_HOME", dir.resolve("ansible-home").toString(),
                    "ANSIBLE_LOCAL_TEMP", dir.resolve("ansible-tmp").toString(),
                    "ANSIBLE_REMOTE_TEMP", dir.resolve("remote-tmp").toString()));
            AnsibleSettings settings = new AnsibleSettings(System.getenv("PATH"), environment, false);
            List<Node> nodes = Targets.group(InventoryLoader.load(List.of(inventory)), "bench");
            FanOut fanOut = new FanOut(FanOut.Connections.opening(null), dir.resolve("spool"), Optional.empty(),
                    settings);

            // Before: Baton asked --list-hosts, then started the run, which did not pipeline. The same two steps
            // here, interleaved with the run as it is now, in the same JVM against the same sshd.
            Map<String, String> teamSaysNo = new LinkedHashMap<>(environment);
            teamSaysNo.put("ANSIBLE_PIPELINING", "False");
            AnsibleSettings unpipelined = new AnsibleSettings(System.getenv("PATH"), teamSaysNo, false);
            FanOut before = new FanOut(FanOut.Connections.opening(null), dir.resolve("spool"), Optional.empty(),
                    unpipelined);
            once(fanOut, nodes); // warm-up: Python's bytecode caches, the JIT
            once(before, nodes);
            long[][] baton = new long[runs][];
            long[][] old = new long[runs][];
            long[][] parts = new long[runs][];
            long[] alone = new long[runs];
            long[] alonePipelined = new long[runs];
            long[] version = new long[runs];
            long[] localPing = new long[runs];
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                preflight(settings, inventory, nodes);
                long asked = ms(System.nanoTime() - t0);
                long[] run = once(before, nodes);
                old[i] = new long[] {asked + run[0], asked + run[1], asked + run[2]};
                baton[i] = once(fanOut, nodes);
                parts[i] = preflight(settings, inventory, nodes);
                alone[i] = ansibleAlone(dir, inventory, environment);
                Map<String, String> pipelined = new LinkedHashMap<>(environment);
                pipelined.put("ANSIBLE_PIPELINING", "True");
                alonePipelined[i] = ansibleAlone(dir, inventory, pipelined);
                version[i] = whole(environment, "/usr/bin/ansible", "--version");
                localPing[i] = whole(environment, "/usr/bin/ansible", "localhost", "-m", "ping", "-c", "local");
            }
            System.out.printf("Ansible engine, %d hosts on loopback OpenSSH, '%s', %d runs (median, min–max); load"
                    + " average %s%n", hosts, STEP, runs, Files.readString(Path.of("/proc/loadavg")).strip());
            report("before: --list-hosts, then the run unpipelined: started", column(old, 0));
            report("before: first host's result", column(old, 1));
            report("before: last host's result", column(old, 2));
            report("Baton: OK to the run started (Ansible's play)", column(baton, 0));
            report("Baton: OK to the first host's result", column(baton, 1));
            report("Baton: OK to the last host's result", column(baton, 2));
            report("  ansible --version (asked once a session)", column(parts, 0));
            report("  ansible-doc … ansible.posix.jsonl (once a session)", column(parts, 1));
            report("  ansible --list-hosts", column(parts, 2));
            report("ansible -m shell alone: start to its first host line", alone);
            report("  the same, ANSIBLE_PIPELINING=True", alonePipelined);
            report("floor: ansible --version (Python, ansible's imports)", version);
            report("floor: ansible localhost -m ping -c local", localPing);
            System.out.printf("load average after: %s%n", Files.readString(Path.of("/proc/loadavg")).strip());
        } finally {
            sshd.descendants().forEach(ProcessHandle::destroyForcibly);
            sshd.destroy();
        }
    }

    /** Milliseconds from start() to: start() returned, the first node ended, the last node ended. */
    private static long[] once(FanOut fanOut, List<Node> nodes) throws Exception {
        AtomicLong first = new AtomicLong();
        CountDownLatch any = new CountDownLatch(1);
        long start = System.nanoTime();
        FanOutRun run = fanOut.start(null, 1, ExecPlan.of(STEP, Map.of()), nodes, Map.of(),
                new FanOut.Options(32, Duration.ofMinutes(2)), Engine.ANSIBLE, outcome -> {
                    if (outcome.status().finished() && first.compareAndSet(0, System.nanoTime())) {
                        any.countDown();
                    }
                });
        long started = System.nanoTime();
        if (!run.await(Duration.ofMinutes(5))) {
            throw new IllegalStateException("the Ansible run did not end: " + run.progress());
        }
        long last = System.nanoTime();
        any.await(10, TimeUnit.SECONDS);
        long failed = run.outcomes().stream().filter(o -> o.failed()).count();
        if (failed > 0) {
            throw new IllegalStateException(failed + " hosts failed: " + run.outcomes().get(0).reason());
        }
        return new long[] {ms(started - start), ms(first.get() - start), ms(last - start)};
    }

    /** Each of Baton's questions to Ansible before a run, timed alone. */
    private static long[] preflight(AnsibleSettings settings, Path inventory, List<Node> nodes) throws Exception {
        long t0 = System.nanoTime();
        AnsibleCommand command = AnsibleCommand.locate(settings.path(), settings.environment());
        long t1 = System.nanoTime();
        command.hasCallback(AnsibleCommand.JSONL_CALLBACK);
        long t2 = System.nanoTime();
        command.listHosts(new AnsibleInvocation("all", inventory, nodes.stream().map(Node::name).toList(), 32,
                Duration.ofMinutes(2), STEP, null, null, Map.of()));
        long t3 = System.nanoTime();
        return new long[] {ms(t1 - t0), ms(t2 - t1), ms(t3 - t2)};
    }

    /** {@code ansible -m shell} as a responder would type it: to the first "host | CHANGED" line. */
    private static long ansibleAlone(Path dir, Path inventory, Map<String, String> environment) throws Exception {
        List<String> argv = new ArrayList<>(List.of("/usr/bin/ansible", "bench", "-i", inventory.toString(), "-m",
                "shell", "-a", STEP, "--forks", "32"));
        ProcessBuilder builder = new ProcessBuilder(argv).redirectError(dir.resolve("alone.err").toFile());
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process process = builder.start();
        long first = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (first == 0 && line.contains(" | ")) {
                    first = System.nanoTime();
                }
            }
        }
        if (process.waitFor() != 0 || first == 0) {
            throw new IllegalStateException("ansible alone failed: " + Files.readString(dir.resolve("alone.err")));
        }
        return ms(first - start);
    }

    /** Milliseconds a command takes from start to exit, its output discarded. */
    private static long whole(Map<String, String> environment, String... argv) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        int exit = builder.start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " exited " + exit);
        }
        return ms(System.nanoTime() - start);
    }

    private static long[] column(long[][] rows, int index) {
        return Arrays.stream(rows).mapToLong(row -> row[index]).toArray();
    }

    private static void report(String what, long[] millis) {
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        System.out.printf("  %-55s %6d ms (%d–%d)%n", what, sorted[sorted.length / 2], sorted[0],
                sorted[sorted.length - 1]);
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
