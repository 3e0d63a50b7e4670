package dev.baton.ansible;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The installed {@code ansible} command: where it is, its version, which stdout callbacks it has, and the
 * environment Baton runs it with on top of the responder's own.
 *
 * @param executable  the {@code ansible} found on the PATH given
 * @param version     the first line of {@code ansible --version}, e.g. {@code ansible [core 2.14.18]}
 * @param environment what Baton sets for every run; anything else comes from the responder's environment and
 *                    the project's ansible.cfg
 */
public record AnsibleCommand(Path executable, String version, Map<String, String> environment) {
    /** The stdout callback that streams one JSON line per host result, from the ansible.posix collection. */
    public static final String JSONL_CALLBACK = "ansible.posix.jsonl";
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(30);

    public AnsibleCommand {
        environment = Map.copyOf(environment);
    }

    /**
     * An ansible as it is on disk, with the environment it runs with. Its {@code --version} and {@code ansible-doc}
     * are each a Python start (a second or more on a busy laptop) that a run waits for: asked once per session, and
     * again when the file changes (an upgrade replaces it).
     */
    private record Installed(Path executable, long modified, Map<String, String> environment) {}

    private record Callback(AnsibleCommand command, String name) {}

    private static final Map<Installed, AnsibleCommand> LOCATED = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.Set<Callback> CALLBACKS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Finds {@code ansible} on {@code pathVariable} (a PATH value) and asks its version.
     *
     * @param environment set for every run of it, over the responder's (tests point ANSIBLE_HOME at a temp folder)
     * @throws AnsibleMissing naming the package to install when there is none, or it does not answer
     */
    public static AnsibleCommand locate(String pathVariable, Map<String, String> environment) throws AnsibleMissing {
        Path found = null;
        for (String folder : (pathVariable == null ? "" : pathVariable).split(File.pathSeparator)) {
            if (!folder.isBlank() && Files.isExecutable(Path.of(folder, "ansible"))) {
                found = Path.of(folder, "ansible");
                break;
            }
        }
        if (found == null) {
            throw new AnsibleMissing("no 'ansible' command on the PATH");
        }
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put("PATH", pathVariable);
        Installed installed;
        try {
            installed = new Installed(found, Files.getLastModifiedTime(found).toMillis(), Map.copyOf(env));
        } catch (IOException e) {
            throw new AnsibleMissing(found + " could not be read (" + e.getMessage() + ")");
        }
        AnsibleCommand known = LOCATED.get(installed);
        if (known != null) {
            return known;
        }
        try {
            Output version = run(List.of(found.toString(), "--version"), env, null);
            String first = version.stdout().lines().findFirst().orElse("").strip();
            if (version.exit() != 0 || !first.startsWith("ansible")) {
                throw new AnsibleMissing(found + " --version failed (" + (version.stderr() + version.stdout()).strip()
                        + ")");
            }
            AnsibleCommand located = new AnsibleCommand(found, first, env);
            LOCATED.put(installed, located);
            return located;
        } catch (IOException e) {
            throw new AnsibleMissing(found + " could not be started (" + e.getMessage() + ")");
        }
    }

    /**
     * Whether Ansible here has the stdout callback {@code name} (ansible-doc lists it). Only a yes is remembered: a
     * collection installed during the session (apt install ansible) is found by the next run.
     */
    public boolean hasCallback(String name) {
        if (CALLBACKS.contains(new Callback(this, name))) {
            return true;
        }
        boolean has = askForCallback(name);
        if (has) {
            CALLBACKS.add(new Callback(this, name));
        }
        return has;
    }

    private boolean askForCallback(String name) {
        Path doc = executable.resolveSibling("ansible-doc");
        if (!Files.isExecutable(doc)) {
            return false;
        }
        try {
            Output answer = run(List.of(doc.toString(), "-t", "callback", "--json", name), environment, null);
            // ansible-doc answers {} (and exit 0) for a plugin it does not know.
            return answer.exit() == 0 && answer.stdout().contains("\"" + name + "\"");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The hosts Ansible would run on, asked before anything runs: an inventory it rejects, or a pattern and
     * limit that match no host, is refused here with Ansible's own words and nothing recorded.
     */
    public List<String> listHosts(AnsibleInvocation invocation) throws AnsibleRefused, IOException {
        List<String> argv = new ArrayList<>(invocation.selection(executable));
        argv.add("--list-hosts");
        Output listed = run(argv, invocation.environment(environment), invocation.workingDirectory());
        if (listed.exit() != 0 && listed.stderr().contains("no hosts to target")) {
            throw new AnsibleRefused("The pattern '" + invocation.pattern() + "' limited to "
                    + String.join(", ", invocation.limit()) + " matches no host of Ansible's inventory: "
                    + listed.stderr().strip());
        }
        if (listed.exit() != 0) {
            throw new AnsibleRefused("Ansible rejected the inventory or the pattern (exit " + listed.exit() + "): "
                    + listed.stderr().strip());
        }
        List<String> hosts = new ArrayList<>();
        for (String line : listed.stdout().lines().toList()) {
            String host = line.strip();
            if (line.startsWith("    ") && !host.isEmpty()) {
                hosts.add(host);
            }
        }
        if (hosts.isEmpty()) {
            throw new AnsibleRefused("The pattern '" + invocation.pattern() + "' matches no host of Ansible's inventory"
                    + (listed.stderr().isBlank() ? "" : ": " + listed.stderr().strip()));
        }
        return hosts;
    }

    record Output(int exit, String stdout, String stderr) {}

    private static Output run(List<String> argv, Map<String, String> env, Path directory) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().putAll(env);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process = builder.start();
        java.util.concurrent.CompletableFuture<byte[]> err = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> bounded(process.getErrorStream()));
        try {
            byte[] out = bounded(process.getInputStream());
            if (!process.waitFor(LOOKUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(argv.get(0) + " did not answer within " + LOOKUP_TIMEOUT.toSeconds() + " s");
            }
            return new Output(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                    new String(err.join(), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking " + argv.get(0), e);
        }
    }

    /** At most 4 MB of a stream; the rest is read and dropped so that the process never blocks on a full pipe. */
    private static byte[] bounded(java.io.InputStream in) {
        try (in) {
            byte[] head = in.readNBytes(4 * 1024 * 1024);
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return head;
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
