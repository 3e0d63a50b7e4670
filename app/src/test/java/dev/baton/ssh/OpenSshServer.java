package dev.baton.ssh;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Debian's OpenSSH sshd on a loopback port with its own config, host key and authorized key, run in
 * the foreground as a child of the test. Missing sshd fails the test: it is installed by .ci/run
 * ({@code apt-get install -y openssh-server}).
 */
public final class OpenSshServer implements AutoCloseable {
    private static final Path SSHD = Path.of("/usr/sbin/sshd");

    private final Path directory;
    private final Process process;
    private final int port;

    private OpenSshServer(Path directory, Process process, int port) {
        this.directory = directory;
        this.process = process;
        this.port = port;
    }

    public static OpenSshServer start(Path directory, Path authorizedPublicKey, String... extraConfig) throws Exception {
        if (!Files.isExecutable(SSHD)) {
            throw new IllegalStateException(SSHD + " is missing: install openssh-server (.ci/run does)");
        }
        Files.createDirectories(directory);
        Path hostKey = directory.resolve("ssh_host_ed25519_key");
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", hostKey.toString());
        Files.copy(authorizedPublicKey, directory.resolve("authorized_keys"));
        int port = freePort();
        String config = String.join("\n", List.of(
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + hostKey,
                "PidFile " + directory.resolve("sshd.pid"),
                "AuthorizedKeysFile " + directory.resolve("authorized_keys"),
                "StrictModes no",
                "UsePAM no",
                "PermitRootLogin prohibit-password",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "AllowTcpForwarding yes",
                // The node's bash reads no ~/.bashrc of the user running the tests (bash does when sshd starts it
                // at shell level 1): whatever that file starts (a pyenv init here) is no part of any node.
                "SetEnv SHLVL=1",
                "LogLevel VERBOSE")) + "\n" + String.join("\n", extraConfig) + "\n";
        Path configFile = directory.resolve("sshd_config");
        Files.writeString(configFile, config);
        tryCreatePrivilegeSeparationDirectory();
        Process process = new ProcessBuilder(SSHD.toString(), "-D", "-f", configFile.toString(),
                "-E", directory.resolve("sshd.log").toString())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("sshd.out").toFile())
                .start();
        OpenSshServer server = new OpenSshServer(directory, process, port);
        server.awaitListening();
        return server;
    }

    public int port() {
        return port;
    }

    /** The host key as a known_hosts line for this port. */
    public String knownHostsLine() throws IOException {
        String publicKey = Files.readString(directory.resolve("ssh_host_ed25519_key.pub")).strip();
        return "[127.0.0.1]:" + port + " " + publicKey;
    }

    /** known_hosts lines for this port on each of {@code addresses} (ListenAddress lines given at start). */
    public String knownHostsLines(List<String> addresses) throws IOException {
        String publicKey = Files.readString(directory.resolve("ssh_host_ed25519_key.pub")).strip();
        StringBuilder lines = new StringBuilder();
        addresses.forEach(address -> lines.append('[').append(address).append("]:").append(port).append(' ')
                .append(publicKey).append('\n'));
        return lines.toString();
    }

    public String log() throws IOException {
        Path log = directory.resolve("sshd.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /** Kills every sshd serving a connection, as a crashed node would: no exit status is ever sent. */
    void killSessions() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
    }

    private void awaitListening() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("sshd exited: " + Files.readString(directory.resolve("sshd.out"))
                        + log());
            }
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("sshd did not listen on " + port + ": " + log());
    }

    private static void tryCreatePrivilegeSeparationDirectory() {
        try {
            Files.createDirectories(Path.of("/run/sshd"));
        } catch (IOException notAllowed) {
            // Not root: sshd says so in its log if it needs the directory.
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroy();
    }
}
