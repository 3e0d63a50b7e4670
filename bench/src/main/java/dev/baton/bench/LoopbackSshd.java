package dev.baton.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Debian's sshd for a benchmark: on a loopback port, with the settings given, returned once it accepts. */
final class LoopbackSshd {
    private LoopbackSshd() {
    }

    /** Writes {@code settings} as dir/sshd_config, starts sshd on it and waits up to 10 s for {@code port}. */
    static Process start(Path dir, int port, List<String> settings) throws Exception {
        Files.createDirectories(dir);
        // A node's bash reads no ~/.bashrc of this machine's user (bash does when sshd starts it at shell level 1):
        // root's here runs `pyenv init`, a cost and a lock of this machine, no part of any node or tool.
        List<String> all = new java.util.ArrayList<>(settings);
        if (all.stream().noneMatch(line -> line.startsWith("SetEnv "))) {
            all.add("SetEnv SHLVL=1");
        }
        Files.writeString(dir.resolve("sshd_config"), String.join("\n", all) + "\n");
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

    static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return free.getLocalPort();
        }
    }

    /** Runs a setup command (ssh-keygen, git) and fails with its output when it fails. */
    static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + ": " + new String(process.getInputStream().readAllBytes()));
        }
    }
}
