package dev.baton.team;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Baton's own bare git repository ({@code team.git} in the data folder), through which incidents travel to
 * and from the team's remote. Commits are made with git's plumbing (no work tree, no index): a blob per
 * file, a tree, a signed commit, a ref moved only from the value it was read at.
 */
public final class TeamRepository {
    private static final Duration LOCAL = Duration.ofSeconds(30);
    private static final Duration NETWORK = Duration.ofSeconds(60);
    private static final String NO_COMMIT = "0".repeat(40);

    private final GitCommand git;
    private final GitCommand network;
    private final StaleLocks locks;

    private TeamRepository(Path dir, Map<String, String> environment) {
        git = new GitCommand(dir, environment, LOCAL);
        network = new GitCommand(dir, environment, NETWORK);
        // No git of Baton's outlives its deadline: a lock twice as old as the longest one is left by a killed git.
        locks = new StaleLocks(dir, NETWORK.multipliedBy(2), java.time.Clock.systemUTC());
    }

    /** Opens (creating on first use) the repository at {@code dir}. */
    public static TeamRepository open(Path dir, Map<String, String> environment) throws TeamException {
        TeamRepository repository = new TeamRepository(dir, environment);
        if (!Files.isRegularFile(dir.resolve("HEAD"))) {
            repository.git.ok("init", "--quiet", "--bare", dir.toAbsolutePath().toString());
        }
        return repository;
    }

    public Path dir() {
        return git.gitDir();
    }

    /** The commit a ref points at, if it exists. */
    public Optional<String> head(String ref) throws TeamException {
        GitCommand.Result result = git.run(null, "rev-parse", "--verify", "--quiet", ref + "^{commit}");
        return result.exit() == 0 ? Optional.of(result.text().strip()) : Optional.empty();
    }

    /** A file of a commit, if the commit has it. */
    public Optional<byte[]> file(String commit, String path) throws TeamException {
        GitCommand.Result result = git.run(null, "cat-file", "blob", commit + ":" + path);
        return result.exit() == 0 ? Optional.of(result.out()) : Optional.empty();
    }

    /**
     * Commits {@code info} and {@code events} as the new tip of {@code ref}, signed with {@code key}, and
     * moves the ref only if it still points where it did ({@code parent}, or nowhere).
     */
    public String commit(String ref, String parent, String responder, byte[] info, byte[] events, String message,
            Path key) throws TeamException {
        locks.clean();
        String eventsBlob = blob(events);
        String infoBlob = blob(info);
        String eventsTree = tree("100644 blob " + eventsBlob + "\t" + responder + ".jsonl\n");
        String root = tree("040000 tree " + eventsTree + "\tevents\n100644 blob " + infoBlob + "\t" + TeamRefs.INFO
                + "\n");
        List<String> args = new ArrayList<>(List.of("-c", "gpg.format=ssh", "-c",
                "user.signingKey=" + key.toAbsolutePath(), "commit-tree", "-S", "-m", message));
        if (parent != null) {
            args.add("-p");
            args.add(parent);
        }
        args.add(root);
        GitCommand.Result made = git.run(null, args.toArray(String[]::new));
        if (made.exit() != 0) {
            throw new TeamException("Could not sign the commit with " + key + ": "
                    + GitCommand.firstLines(made.err()) + " (the key must be an SSH private key without a "
                    + "passphrase, or its .pub with the key loaded in ssh-agent)");
        }
        String commit = made.text().strip();
        git.ok("update-ref", "-m", "baton: " + message, ref, commit, parent == null ? NO_COMMIT : parent);
        return commit;
    }

    private String blob(byte[] bytes) throws TeamException {
        return git.ok(bytes, "hash-object", "-w", "--stdin").text().strip();
    }

    private String tree(String entries) throws TeamException {
        return git.ok(entries.getBytes(StandardCharsets.UTF_8), "mktree").text().strip();
    }

    /** Pushes {@code ref} to the same name in {@code remote}; the remote refuses anything but a fast-forward. */
    public void push(String remote, String ref) throws TeamException {
        locks.clean();
        GitCommand.Result result = network.run(null, "push", "--quiet", "--porcelain", "--", remote, ref + ":" + ref);
        if (result.exit() != 0) {
            String said = result.text() + "\n" + result.err();
            if (said.contains("non-fast-forward") || said.contains("[rejected]") || said.contains("fetch first")) {
                throw new RewrittenException("The remote's " + ref + " holds commits this Baton never made: "
                        + "someone rewrote or force-pushed it. Nothing was pushed; compare it with git log.");
            }
            throw new UnreachableException("Could not push to " + remote + ": " + GitCommand.firstLines(result.err()));
        }
    }

    /**
     * Fetches the refs under {@code remotePrefix} into {@code localPrefix} as they are (forced: what the remote
     * says is what is checked next, never trusted because it was fetched).
     */
    public void fetch(String remote, String remotePrefix, String localPrefix) throws TeamException {
        locks.clean();
        GitCommand.Result result = network.run(null, "fetch", "--quiet", "--no-tags", "--no-write-fetch-head",
                "--prune", "--", remote, "+" + remotePrefix + "*:" + localPrefix + "*");
        if (result.exit() != 0) {
            throw new UnreachableException("Could not fetch from " + remote + ": " + GitCommand.firstLines(result.err()));
        }
    }

    /** The refs under {@code prefix}, each with its commit. */
    public Map<String, String> refs(String prefix) throws TeamException {
        Map<String, String> refs = new java.util.TreeMap<>();
        for (String line : git.ok("for-each-ref", "--format=%(refname) %(objectname)", prefix).text().split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0) {
                refs.put(line.substring(0, space), line.substring(space + 1).strip());
            }
        }
        return refs;
    }

    /** A setting of Baton's repository (e.g. which remote an incident is shared through), if set. */
    public Optional<String> setting(String key) throws TeamException {
        GitCommand.Result result = git.run(null, "config", "--get", key);
        return result.exit() == 0 ? Optional.of(result.text().strip()) : Optional.empty();
    }

    public void set(String key, String value) throws TeamException {
        git.ok("config", key, value);
    }

    public void deleteRef(String ref) throws TeamException {
        git.ok("update-ref", "-d", ref);
    }

    /** Moves {@code ref} to {@code commit}, only if it still points at {@code old} (null: does not exist). */
    public void moveRef(String ref, String commit, String old) throws TeamException {
        locks.clean();
        git.ok("update-ref", ref, commit, old == null ? NO_COMMIT : old);
    }

    public boolean isAncestor(String older, String newer) throws TeamException {
        return git.run(null, "merge-base", "--is-ancestor", older, newer).exit() == 0;
    }

    /** A commit's signature as git checks it against {@code allowedSigners}. */
    public record Signature(String commit, String status, String signer, String key) {
        /** Good and by a key allowed_signers lists. */
        public boolean good() {
            return "G".equals(status);
        }
    }

    /** The signatures of the commits reachable from {@code tip} but not from {@code since} (null: all). */
    public List<Signature> signatures(String since, String tip, Path allowedSigners) throws TeamException {
        String range = since == null ? tip : since + ".." + tip;
        String text = git.ok("-c", "gpg.ssh.allowedSignersFile=" + allowedSigners.toAbsolutePath(), "log",
                "--format=%H%x1f%G?%x1f%GS%x1f%GF%x1e", range).text();
        List<Signature> signatures = new ArrayList<>();
        for (String record : text.split("\u001e")) {
            String[] fields = record.strip().split("\u001f", -1);
            if (fields.length == 4) {
                signatures.add(new Signature(fields[0], fields[1], fields[2], fields[3]));
            }
        }
        return signatures;
    }

    /** A commit's signature (as {@link #signatures} checks it) and when it was committed. */
    public record Tip(Signature signature, java.time.Instant committed) {}

    /** The signature and commit time of each of {@code commits} alone (not their history), by commit. */
    public Map<String, Tip> tips(java.util.Collection<String> commits, Path allowedSigners) throws TeamException {
        Map<String, Tip> tips = new java.util.HashMap<>();
        if (commits.isEmpty()) {
            return tips;
        }
        List<String> args = new ArrayList<>(List.of("-c", "gpg.ssh.allowedSignersFile=" + allowedSigners.toAbsolutePath(),
                "log", "--no-walk=unsorted", "--format=%H%x1f%G?%x1f%GS%x1f%GF%x1f%ct%x1e"));
        args.addAll(commits);
        args.add("--");
        for (String record : git.ok(args.toArray(String[]::new)).text().split("\u001e")) {
            String[] fields = record.strip().split("\u001f", -1);
            if (fields.length == 5) {
                long seconds;
                try {
                    seconds = Long.parseLong(fields[4]);
                } catch (NumberFormatException e) {
                    seconds = 0;
                }
                tips.put(fields[0], new Tip(new Signature(fields[0], fields[1], fields[2], fields[3]),
                        java.time.Instant.ofEpochSecond(seconds)));
            }
        }
        return tips;
    }

    /** The size of each object named (as {@code commit:path}), in order; -1 for one that is missing or no blob. */
    public List<Long> sizes(List<String> objects) throws TeamException {
        List<Long> sizes = new ArrayList<>();
        if (objects.isEmpty()) {
            return sizes;
        }
        byte[] names = (String.join("\n", objects) + "\n").getBytes(StandardCharsets.UTF_8);
        String[] lines = git.ok(names, "cat-file", "--batch-check=%(objecttype) %(objectsize)").text().split("\n");
        for (int i = 0; i < objects.size(); i++) {
            String[] words = i < lines.length ? lines[i].strip().split(" ") : new String[0];
            sizes.add(words.length == 2 && words[0].equals("blob") ? Long.parseLong(words[1]) : -1L);
        }
        return sizes;
    }

    /** The content of each blob named (as {@code commit:path}), in order; the caller bounds their sizes first. */
    public List<byte[]> blobs(List<String> objects) throws TeamException {
        List<byte[]> blobs = new ArrayList<>();
        if (objects.isEmpty()) {
            return blobs;
        }
        byte[] names = (String.join("\n", objects) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] out = git.ok(names, "cat-file", "--batch=%(objecttype) %(objectsize)").out();
        int at = 0;
        for (int i = 0; i < objects.size(); i++) {
            int end = at;
            while (end < out.length && out[end] != '\n') {
                end++;
            }
            String[] header = new String(out, at, end - at, StandardCharsets.UTF_8).split(" ");
            at = end + 1;
            if (header.length != 2 || !header[0].equals("blob")) {
                blobs.add(new byte[0]);
                continue;
            }
            int size = Integer.parseInt(header[1]);
            blobs.add(java.util.Arrays.copyOfRange(out, at, Math.min(out.length, at + size)));
            at += size + 1;
        }
        return blobs;
    }

    /** The remote's refs under {@code prefix}, without fetching them. */
    public Map<String, String> listRemote(String remote, String prefix) throws TeamException {
        GitCommand.Result result = network.run(null, "ls-remote", "--refs", "--", remote, prefix + "*");
        if (result.exit() != 0) {
            throw new UnreachableException("Could not list " + remote + ": " + GitCommand.firstLines(result.err()));
        }
        Map<String, String> refs = new java.util.TreeMap<>();
        for (String line : result.text().split("\n")) {
            String[] words = line.strip().split("\\s+");
            if (words.length == 2) {
                refs.put(words[1], words[0]);
            }
        }
        return refs;
    }

    /** The remote could not be reached (offline, moved, refused): events wait and go out later. */
    public static final class UnreachableException extends TeamException {
        public UnreachableException(String message) {
            super(message);
        }
    }

    /** A ref was rewritten or force-pushed: history in the remote is not what it was. */
    public static final class RewrittenException extends TeamException {
        public RewrittenException(String message) {
            super(message);
        }
    }
}
