package dev.baton.ssh;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * An OpenSSH known_hosts file read with OpenSSH's semantics. sshj parses each line (patterns, hashed
 * names, key decoding); the verdict is Baton's own, because sshj's accepts a key marked
 * {@code @revoked} when a plain line lists it too and calls a revoked-only key "changed".
 */
public final class KnownHosts {
    static {
        JdkCrypto.install();
    }

    private static final String REVOKED_MARKER = "@revoked";

    /** A file changed this recently may change again within its timestamp's granularity: it is read again. */
    private static final long RACY_NANOS = 2_000_000_000L;

    private final Path file;
    /** The lines as last read, with what identified the file then; a fan-out checks a thousand keys against it. */
    private volatile Snapshot snapshot;
    private final AtomicInteger parses = new AtomicInteger();

    public KnownHosts(Path file) {
        this.file = file;
    }

    /** The responder's own file, where their {@code ssh} keeps it. */
    public static KnownHosts ofUser() {
        return new KnownHosts(Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"));
    }

    public Path file() {
        return file;
    }

    /** The name OpenSSH looks up: the host in lower case, as {@code [host]:port} when the port is not 22. */
    public static String lookupName(String host, int port) {
        String lower = host.toLowerCase(Locale.ROOT);
        return port == 22 ? lower : "[" + lower + "]:" + port;
    }

    /**
     * Judges a presented key. The file is read again whenever it changed (its inode, size or modification time),
     * so edits made meanwhile count, and parsed once for any number of checks while it stays the same. As
     * OpenSSH does, a host on another port than 22 that no line names (as {@code [host]:port}) is
     * trusted when a line for the bare host name lists that very key.
     */
    public HostKeyCheck check(String host, int port, PublicKey key) throws IOException {
        List<Line> lines = lines();
        HostKeyCheck check = check(lines, lookupName(host, port), key);
        if (check.status() == HostKeyStatus.UNKNOWN && port != 22) {
            HostKeyCheck bare = check(lines, lookupName(host, 22), key);
            if (bare.status() == HostKeyStatus.TRUSTED) {
                return bare;
            }
        }
        return check;
    }

    private HostKeyCheck check(List<Line> lines, String name, PublicKey key) throws IOException {
        String type = KeyType.fromKey(key).toString();
        byte[] blob = blobOf(key);
        List<Integer> revoking = new ArrayList<>();
        List<Integer> trusting = new ArrayList<>();
        List<Integer> differing = new ArrayList<>();
        Set<String> otherTypes = new LinkedHashSet<>();
        for (Line line : lines) {
            boolean sameKey = MessageDigest.isEqual(blob, line.keyBlob());
            // A revoked key stays revoked for every host: it has leaked, whoever lists it.
            if (line.revoked()) {
                if (sameKey) {
                    revoking.add(line.number());
                }
                continue;
            }
            if (!line.appliesTo(name)) {
                continue;
            }
            if (sameKey) {
                trusting.add(line.number());
            } else if (line.keyType().equals(type)) {
                differing.add(line.number());
            } else {
                otherTypes.add(line.keyType());
            }
        }
        String fingerprint = fingerprint(key);
        if (!revoking.isEmpty()) {
            return new HostKeyCheck(HostKeyStatus.REVOKED, name, type, fingerprint, file, revoking, List.of());
        }
        if (!trusting.isEmpty()) {
            return new HostKeyCheck(HostKeyStatus.TRUSTED, name, type, fingerprint, file, trusting, List.of());
        }
        if (!differing.isEmpty()) {
            return new HostKeyCheck(HostKeyStatus.CHANGED, name, type, fingerprint, file, differing, List.of());
        }
        otherTypes.remove(type);
        return new HostKeyCheck(HostKeyStatus.UNKNOWN, name, type, fingerprint, file, List.of(),
                List.copyOf(otherTypes));
    }

    /**
     * Key types listed for the host on plain lines, so the key exchange asks the server for a type
     * already known (as OpenSSH orders its host key algorithms) instead of meeting an unknown one.
     */
    public List<String> knownKeyTypes(String host, int port) throws IOException {
        List<Line> lines = lines();
        List<String> types = knownKeyTypes(lines, lookupName(host, port));
        return types.isEmpty() && port != 22 ? knownKeyTypes(lines, lookupName(host, 22)) : types;
    }

    private static List<String> knownKeyTypes(List<Line> lines, String name) throws IOException {
        Set<String> types = new LinkedHashSet<>();
        for (Line line : lines) {
            if (!line.revoked() && line.appliesTo(name)) {
                types.add(line.keyType());
            }
        }
        return List.copyOf(types);
    }

    /**
     * The keys trusted for the host, each as its type and OpenSSH fingerprint ({@code ssh-ed25519 SHA256:…}), for
     * a handoff to say which key the sender saw; the receiver's own known_hosts still decides.
     */
    public List<String> fingerprints(String host, int port) throws IOException {
        List<String> found = new ArrayList<>();
        String name = lookupName(host, port);
        for (Line line : lines()) {
            if (!line.revoked() && line.appliesTo(name)) {
                found.add(line.keyType() + " " + fingerprintOf(line.keyBlob()));
            }
        }
        return List.copyOf(found);
    }

    private static String fingerprintOf(byte[] blob) {
        try {
            return "SHA256:" + Base64.getEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(blob));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Appends the key as OpenSSH does with HashKnownHosts: the host name hashed, then type and key. */
    public void add(String host, int port, PublicKey key) throws IOException {
        byte[] salt = new byte[20];
        new SecureRandom().nextBytes(salt);
        Base64.Encoder base64 = Base64.getEncoder();
        String line = "|1|" + base64.encodeToString(salt) + "|"
                + base64.encodeToString(hmacSha1(salt, lookupName(host, port))) + " "
                + KeyType.fromKey(key) + " " + base64.encodeToString(blobOf(key)) + "\n";
        Path directory = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory);
            trySetPermissions(directory, "rwx------");
        }
        boolean needsNewline = Files.exists(file) && Files.size(file) > 0 && !endsWithNewline(file);
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.SYNC)) {
            out.write(((needsNewline ? "\n" : "") + line).getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** OpenSSH's fingerprint form: {@code SHA256:} and the unpadded base64 of the key blob's digest. */
    public static String fingerprint(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blobOf(key));
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    static byte[] blobOf(PublicKey key) {
        return new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
    }

    /** @param hosts the line's host field: a hashed name, or a pattern list */
    private record Line(int number, boolean revoked, String keyType, byte[] keyBlob, String hosts,
            OpenSSHKnownHosts.HostEntry entry) {
        /**
         * Hashed names are sshj's to compare; pattern lists are matched as OpenSSH does, negation included. sshj's
         * hashed entry keeps one HMAC it reuses: checks on several connections' threads take turns.
         */
        boolean appliesTo(String name) throws IOException {
            if (!hosts.startsWith("|")) {
                return PatternList.matches(hosts, name);
            }
            synchronized (entry) {
                return entry.appliesTo(name);
            }
        }
    }

    /**
     * The parsed lines of the file as it was: same inode, size and modification time. A file read within
     * {@link #RACY_NANOS} of its modification keeps its bytes ({@code racyContent}): a second edit in the same tick
     * would leave inode, size and time alone, so while it is that young it is read again and compared, not parsed.
     */
    private record Snapshot(Object fileKey, long size, FileTime modified, List<Line> lines, byte[] racyContent) {
        boolean matches(BasicFileAttributes now) {
            return Objects.equals(fileKey, now.fileKey()) && size == now.size()
                    && modified.equals(now.lastModifiedTime());
        }
    }

    /** How many times the file was parsed (for tests). */
    int parses() {
        return parses.get();
    }

    private List<Line> lines() throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException missing) {
            return List.of();
        }
        if (!attributes.isRegularFile()) {
            return List.of();
        }
        Snapshot last = snapshot;
        if (last != null && last.matches(attributes) && last.racyContent() == null) {
            return last.lines();
        }
        return readOnce(attributes);
    }

    /**
     * A hundred handshakes that start together wait for one read rather than doing a hundred. A file written just
     * before the run (a fan-out's first second) is read again at each check while it is young, but parsed again only
     * when its bytes differ: parsing is sshj decoding every line's key, a thousand lines a handshake.
     */
    private synchronized List<Line> readOnce(BasicFileAttributes attributes) throws IOException {
        Snapshot last = snapshot;
        if (last != null && last.matches(attributes) && last.racyContent() == null) {
            return last.lines();
        }
        long readAt = System.currentTimeMillis();
        byte[] content = Files.readAllBytes(file);
        List<Line> lines = last != null && last.racyContent() != null && Arrays.equals(last.racyContent(), content)
                ? last.lines() : parse(content);
        long age = TimeUnit.MILLISECONDS.toNanos(readAt)
                - attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        // Racily clean (as git calls it): written so recently that a second edit may keep the same time and size.
        snapshot = new Snapshot(attributes.fileKey(), attributes.size(), attributes.lastModifiedTime(), lines,
                age > RACY_NANOS ? null : content);
        return lines;
    }

    private List<Line> parse(byte[] content) throws IOException {
        parses.incrementAndGet();
        OpenSSHKnownHosts.EntryFactory parser = new OpenSSHKnownHosts(new StringReader("")).new EntryFactory();
        List<Line> lines = new ArrayList<>();
        int number = 0;
        for (String text : (Iterable<String>) new String(content, StandardCharsets.ISO_8859_1).lines()::iterator) {
            number++;
            String trimmed = text.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String firstWord = trimmed.split("\\s+", 2)[0];
            boolean revoked = firstWord.equals(REVOKED_MARKER);
            // Certificate authorities vouch for certificates, which Baton does not accept: skip them.
            if (firstWord.startsWith("@") && !revoked) {
                continue;
            }
            String[] words = trimmed.split("\\s+");
            int typeAt = revoked ? 2 : 1;
            if (words.length <= typeAt + 1) {
                continue;
            }
            try {
                byte[] keyBlob = Base64.getDecoder().decode(words[typeAt + 1]);
                if (parser.parseEntry(text) instanceof OpenSSHKnownHosts.HostEntry entry) {
                    lines.add(new Line(number, revoked, words[typeAt], keyBlob, words[typeAt - 1], entry));
                }
            } catch (IOException | RuntimeException unreadable) {
                // OpenSSH skips lines it cannot read; so does Baton.
            }
        }
        return List.copyOf(lines);
    }

    private static byte[] hmacSha1(byte[] salt, String name) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(salt, "HmacSHA1"));
            return mac.doFinal(name.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every Java runtime", e);
        }
    }

    private static boolean endsWithNewline(Path path) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        return bytes[bytes.length - 1] == '\n';
    }

    private static void trySetPermissions(Path path, String permissions) {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (IOException | UnsupportedOperationException ignored) {
            // Not a POSIX file system: nothing to tighten.
        }
    }
}
