package dev.baton.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.incident.IncidentStore;
import dev.baton.incident.OpenIncident;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A team on one machine: a bare repository as the remote, SSH keys made by ssh-keygen, an allowed_signers file,
 * and one Baton data folder per responder.
 */
public final class TeamFixture {
    public final Path root;
    public final Path remote;
    public final Path allowedSigners;

    public TeamFixture(Path root) throws IOException, InterruptedException {
        this.root = root;
        this.remote = root.resolve("remote.git");
        this.allowedSigners = root.resolve("allowed_signers");
        run(root, "git", "init", "--quiet", "--bare", remote.toString());
        Files.writeString(allowedSigners, "");
    }

    /** A key pair for {@code name}; listed in allowed_signers when {@code allowed}. */
    public Path key(String name, boolean allowed) throws IOException, InterruptedException {
        Path key = root.resolve("keys").resolve(name);
        if (!Files.exists(key)) {
            Files.createDirectories(key.getParent());
            run(root, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", key.toString());
            if (allowed) {
                Files.writeString(allowedSigners, name + " " + Files.readString(key.resolveSibling(name + ".pub")),
                        StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
            }
        }
        return key;
    }

    /** A responder: their own data folder, key and Baton. */
    public final class Responder {
        public final String name;
        public final Path data;
        public final IncidentStore store;
        public final TeamSync sync;
        public final TeamSync.Access access;

        Responder(String name, String url, Map<String, String> environment) throws IOException, InterruptedException {
            this.name = name;
            this.data = root.resolve("data-" + name);
            this.store = new IncidentStore(data);
            this.sync = new TeamSync(store, data, environment);
            this.access = new TeamSync.Access(url, key(name, true), allowedSigners);
        }

        public OpenIncident start(String title) throws IOException {
            OpenIncident incident = store.start(title, "SEV2", "", name, Instant.now());
            incident.creditTo(name);
            return incident;
        }

        public OpenIncident open(String id) throws IOException {
            OpenIncident incident = store.open(id, false);
            incident.creditTo(name);
            return incident;
        }

        List<String> seen(String id) throws IOException {
            List<String> seen = new ArrayList<>();
            for (var event : sync.timeline(id, name)) {
                if (event.event().typed() instanceof dev.baton.incident.IncidentEvent.NoteAdded note) {
                    seen.add(event.responder() + ": " + note.text());
                }
            }
            return seen;
        }
    }

    public Responder responder(String name) throws IOException, InterruptedException {
        return new Responder(name, remote.toString(), Map.of());
    }

    /**
     * A teammate's commit made with plain git in the documented layout, in a fresh clone of the remote:
     * {@code incidentJson} as incident.json and {@code events/<name>.jsonl} holding one note, signed with
     * {@code key}'s SSH signature as git's {@code commit -S} makes it. Push it with {@link #push}.
     */
    public Path plainGitCommit(String name, Path key, String author, String incidentJson, String note)
            throws IOException, InterruptedException {
        Path clone = root.resolve("clone-" + name + "-" + System.nanoTime());
        run(root, "git", "clone", "--quiet", remote.toString(), clone.toString());
        try (dev.baton.incident.Timeline log = dev.baton.incident.Timeline.open(
                clone.resolve("events").resolve(name + ".jsonl"))) {
            log.append("note.added", Map.of("text", note, "by", name));
        }
        Files.writeString(clone.resolve("incident.json"), incidentJson);
        run(clone, "git", "add", "events", "incident.json");
        run(clone, "git", "-c", "user.name=" + author, "-c", "user.email=" + author + "@example.com",
                "-c", "gpg.format=ssh", "-c", "user.signingkey=" + key, "commit", "--quiet", "-S", "-m", "a note");
        return clone;
    }

    /** Pushes a clone's HEAD to {@code ref} of the remote. */
    public void push(Path clone, String ref) throws IOException, InterruptedException {
        run(clone, "git", "push", "--quiet", "origin", "HEAD:" + ref);
    }

    /** Runs a command (argv, no shell) in {@code dir}; fails the test unless it exits 0. Returns its output. */
    public static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
        return out;
    }

    /** As {@link #run}, returning the exit status instead of failing. */
    static int status(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }
}
