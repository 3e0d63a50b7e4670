package dev.baton.ansible;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A running {@code ansible} ad-hoc command, in a process group of its own so that Cancel reaches every ssh it
 * started; each host's result is handed on as soon as Ansible writes it (a jsonl line, or a {@code --tree} file).
 */
public final class AnsibleProcess {
    /** Told each host's result once, on the process's reader threads. */
    @FunctionalInterface
    public interface Listener {
        void host(HostResult result);

        /**
         * Ansible has parsed the inventory, matched every host of the limit and started the play (the jsonl
         * callback's play start); told once, on the thread that then tells the results, before any of them.
         */
        default void accepted() {
        }
    }

    private static final java.util.regex.Pattern PLAY_START = java.util.regex.Pattern.compile(
            "\\{\\s*\"_event\"\\s*:\\s*\"v2_playbook_on_play_start\"");

    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final int KEPT_DIAGNOSTICS = 16 * 1024;
    private static final Duration TREE_POLL = Duration.ofMillis(100);
    private static final Duration TERM_GRACE = Duration.ofSeconds(3);

    private final Process process;
    private final AnsibleInvocation invocation;
    private final Listener listener;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final StringBuilder diagnostics = new StringBuilder();
    private final Thread stdoutReader;
    private final Thread stderrReader;
    private final Thread treeWatcher;

    private AnsibleProcess(Process process, AnsibleInvocation invocation, Listener listener) {
        this.process = process;
        this.invocation = invocation;
        this.listener = listener;
        this.stdoutReader = daemon(() -> read(process.getInputStream(), invocation.treeDirectory() == null),
                "baton-ansible-out");
        this.stderrReader = daemon(() -> read(process.getErrorStream(), false), "baton-ansible-err");
        this.treeWatcher = invocation.treeDirectory() == null ? null : daemon(this::watchTree, "baton-ansible-tree");
    }

    /** Starts {@code ansible}; results go to {@code listener} as they arrive. */
    public static AnsibleProcess start(AnsibleCommand command, AnsibleInvocation invocation, Listener listener)
            throws IOException {
        List<String> argv = new ArrayList<>();
        // setsid makes ansible the leader of a new process group: Cancel signals the group, ssh children too.
        if (Files.isExecutable(SETSID)) {
            argv.add(SETSID.toString());
        }
        argv.addAll(invocation.argv(command.executable()));
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().putAll(invocation.environment(command.environment()));
        if (invocation.workingDirectory() != null) {
            builder.directory(invocation.workingDirectory().toFile());
        }
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        AnsibleProcess started = new AnsibleProcess(builder.start(), invocation, listener);
        started.stdoutReader.start();
        started.stderrReader.start();
        if (started.treeWatcher != null) {
            started.treeWatcher.start();
        }
        return started;
    }

    private static Thread daemon(Runnable body, String name) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Waits for Ansible to exit and for every result it wrote to be handed on; its exit status. */
    public int await() throws InterruptedException {
        int exit = process.waitFor();
        stdoutReader.join();
        stderrReader.join();
        if (treeWatcher != null) {
            treeWatcher.interrupt();
            treeWatcher.join();
            scanTree(); // files written just before the exit
        }
        return exit;
    }

    /** Waits at most {@code timeout} for Ansible to exit; whether it did (its results are then read by {@link #await}). */
    public boolean exited(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** What Ansible printed that was not a result (warnings, errors), the first 16 KB. */
    public String diagnostics() {
        synchronized (diagnostics) {
            return diagnostics.toString().strip();
        }
    }

    /** Hosts whose result arrived. */
    public Set<String> reported() {
        return Set.copyOf(reported);
    }

    /** TERM to Ansible's process group, KILL after a grace period: its ssh connections close with it. */
    public void cancel() {
        signalGroup("TERM");
        try {
            if (!process.waitFor(TERM_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                signalGroup("KILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            signalGroup("KILL");
        }
    }

    private void signalGroup(String signal) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        try {
            new ProcessBuilder("kill", "-" + signal, "--", "-" + process.pid())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
                    .waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // No kill command: the handles below still reach the process and its children.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (signal.equals("KILL")) {
            tree.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        } else if (!Files.isExecutable(SETSID)) {
            tree.forEach(ProcessHandle::destroy);
            process.destroy();
        }
    }

    private void read(InputStream stream, boolean results) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (results && PLAY_START.matcher(line).lookingAt()) {
                    listener.accepted();
                    continue;
                }
                List<HostResult> found = results && line.startsWith("{") ? AnsibleResults.fromJsonLine(line)
                        : List.of();
                if (found.isEmpty() && !(results && line.startsWith("{\"_event\""))) {
                    keep(line);
                }
                found.forEach(this::deliver);
            }
        } catch (IOException closed) {
            // The process ended or was killed: what it wrote has been read.
        }
    }

    private void keep(String line) {
        synchronized (diagnostics) {
            if (diagnostics.length() < KEPT_DIAGNOSTICS) {
                diagnostics.append(line, 0, Math.min(line.length(), KEPT_DIAGNOSTICS - diagnostics.length()))
                        .append('\n');
            }
        }
    }

    private void deliver(HostResult result) {
        if (reported.add(result.host())) {
            listener.host(result);
        }
    }

    private void watchTree() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                scanTree();
                Thread.sleep(TREE_POLL.toMillis());
            }
        } catch (InterruptedException stopped) {
            // await() makes one last scan.
        }
    }

    /** Each host file in the tree folder that parses whole; a file still being written is read on a later scan. */
    private void scanTree() {
        Path folder = invocation.treeDirectory();
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                String host = file.getFileName().toString();
                if (!reported.contains(host) && Files.isRegularFile(file)) {
                    AnsibleResults.fromTreeFile(host, Files.readString(file, StandardCharsets.UTF_8), Instant.now())
                            .ifPresent(this::deliver);
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            keep("reading " + folder + ": " + e.getMessage());
        }
    }
}
