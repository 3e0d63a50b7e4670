package dev.baton.bench;

import dev.baton.inventory.Node;
import dev.baton.ssh.KnownHosts;
import dev.baton.ssh.SshConnection;
import dev.baton.ssh.SshConnector;
import dev.baton.ssh.SshPrompts;
import dev.baton.ssh.SshSettings;
import dev.baton.ssh.SshShellSession;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Connecting to a node and living with open sessions, against OpenSSH's sshd on loopback:
 * the time from "open a terminal on this node" to the first output of its shell (TCP, key
 * exchange, host key check, public-key authentication, pty, shell), and the heap and RSS that 10
 * open SSH terminal sessions hold.
 *
 * <p>Needs /usr/sbin/sshd (Debian's openssh-server) and ssh-keygen.
 */
public final class SshSessionBenchmark {
    public static void main(String[] args) throws Exception {
        int connects = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        Path dir = Files.createTempDirectory("baton-ssh-bench");
        Process sshd = startSshd(dir);
        try {
            int port = Integer.parseInt(Files.readString(dir.resolve("port")).strip());
            Files.writeString(dir.resolve("known_hosts"), "[127.0.0.1]:" + port + " "
                    + Files.readString(dir.resolve("host_key.pub")).strip() + "\n");
            SshSettings settings = SshSettings.ofUser().withKnownHosts(new KnownHosts(dir.resolve("known_hosts")))
                    .withAgent(Optional.empty()).withDefaultIdentities(List.of());
            Node node = Node.direct("bench", "127.0.0.1", port, System.getProperty("user.name"))
                    .withIdentityFiles(List.of(dir.resolve("id_ed25519")), true);
            SshConnector connector = new SshConnector(settings, SshPrompts.NONE, name -> Optional.empty());

            for (int i = 0; i < 5; i++) {
                connectToFirstOutput(connector, node).close();
            }
            long[] millis = new long[connects];
            for (int i = 0; i < connects; i++) {
                long start = System.nanoTime();
                Open open = connectToFirstOutput(connector, node);
                millis[i] = (System.nanoTime() - start) / 1_000_000;
                open.close();
            }
            Arrays.sort(millis);
            System.out.printf("connect to first shell output (loopback, ed25519, %d runs): median %d ms, "
                    + "p95 %d ms, min %d ms, max %d ms%n", connects, millis[connects / 2],
                    millis[(int) Math.ceil(connects * 0.95) - 1], millis[0], millis[connects - 1]);

            long heapBefore = liveHeap();
            long rssBefore = rssKilobytes();
            List<Open> sessions = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                sessions.add(connectToFirstOutput(connector, node));
            }
            long heapAfter = liveHeap();
            long rssAfter = rssKilobytes();
            System.out.printf("10 open SSH terminal sessions: live heap +%.1f MB (%.2f MB each), RSS +%.1f MB%n",
                    (heapAfter - heapBefore) / 1e6, (heapAfter - heapBefore) / 1e7, (rssAfter - rssBefore) / 1e3);
            for (Open open : sessions) {
                open.close();
            }
        } finally {
            sshd.descendants().forEach(ProcessHandle::destroyForcibly);
            sshd.destroy();
        }
    }

    private record Open(SshConnection connection, SshShellSession shell) {
        void close() {
            shell.close();
            connection.close();
        }
    }

    private static Open connectToFirstOutput(SshConnector connector, Node node) throws IOException {
        SshConnection connection = connector.connect(node);
        SshShellSession shell = connection.openShell(120, 32);
        char[] buffer = new char[4096];
        if (shell.connector().read(buffer, 0, buffer.length) < 0) {
            throw new IOException("the shell ended before printing anything");
        }
        return new Open(connection, shell);
    }

    private static long liveHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long rssKilobytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return 0;
    }

    private static Process startSshd(Path dir) throws Exception {
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("host_key").toString());
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("id_ed25519").toString());
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Files.writeString(dir.resolve("port"), String.valueOf(port));
        Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                "Port " + port, "ListenAddress 127.0.0.1", "HostKey " + dir.resolve("host_key"),
                "PidFile " + dir.resolve("sshd.pid"), "AuthorizedKeysFile " + dir.resolve("id_ed25519.pub"),
                "StrictModes no", "UsePAM no", "PermitRootLogin prohibit-password", "PasswordAuthentication no",
                "KbdInteractiveAuthentication no", "PrintMotd no", "PrintLastLog no", "MaxStartups 100") + "\n");
        Process sshd = new ProcessBuilder("/usr/sbin/sshd", "-D", "-f", dir.resolve("sshd_config").toString(),
                "-E", dir.resolve("sshd.log").toString()).redirectErrorStream(true).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return sshd;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("sshd did not start: " + Files.readString(dir.resolve("sshd.log")));
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + ": " + new String(process.getInputStream().readAllBytes()));
        }
    }
}
