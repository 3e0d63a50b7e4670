package dev.baton.ssh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** OpenSSH's own ssh-agent on a private socket, holding the keys a test adds with ssh-add. */
final class RealSshAgent implements AutoCloseable {
    private final Process process;
    private final Path socket;

    RealSshAgent(Path directory) throws Exception {
        Files.createDirectories(directory);
        socket = directory.resolve("agent.sock");
        process = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString()).redirectErrorStream(true)
                .redirectOutput(directory.resolve("agent.out").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(socket)) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IllegalStateException("ssh-agent did not start: " + Files.readString(directory.resolve("agent.out")));
            }
            Thread.sleep(20);
        }
    }

    void add(Path key) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("ssh-add", key.toString()).redirectErrorStream(true);
        builder.environment().put("SSH_AUTH_SOCK", socket.toString());
        Process add = builder.start();
        String output = new String(add.getInputStream().readAllBytes());
        if (add.waitFor() != 0) {
            throw new IllegalStateException("ssh-add failed: " + output);
        }
    }

    SshAgent agent() {
        return new SshAgent(socket);
    }

    @Override
    public void close() {
        process.destroy();
    }
}
