package dev.baton.incident;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * An incident's append-only event log: JSON Lines, each line naming the SHA-256 of the line before it,
 * so that changing or removing any line but the last breaks the chain. Every append reaches the disk
 * before it returns: an event shown as recorded survives a crash.
 */
public final class Timeline implements AutoCloseable {
    public static final int SCHEMA_VERSION = 1;
    public static final String GENESIS = "0".repeat(64);

    private final Path file;
    private final FileChannel channel;
    private final Clock clock;
    private final List<TimelineEvent> events = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final List<Consumer<TimelineEvent>> listeners = new CopyOnWriteArrayList<>();
    private String lastHash = GENESIS;
    /** Who the events appended from now on are credited to, or null. */
    private volatile String by;

    private Timeline(Path file, Clock clock) throws IOException {
        this.file = file;
        this.clock = clock;
        Files.createDirectories(file.toAbsolutePath().getParent());
        boolean created = !Files.exists(file);
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        if (created) {
            AtomicFiles.syncDirectory(file.toAbsolutePath().getParent());
        }
        load();
    }

    /** Opens (or creates) the log, cutting off a last line that a crash left half written. */
    public static Timeline open(Path file) throws IOException {
        return open(file, Clock.systemUTC());
    }

    static Timeline open(Path file, Clock clock) throws IOException {
        return new Timeline(file, clock);
    }

    private void load() throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int complete = lastNewline(bytes) + 1;
        if (complete < bytes.length) {
            problems.add("the last line was cut short by a crash (" + (bytes.length - complete)
                    + " bytes, never shown as recorded) and was removed");
            channel.truncate(complete);
            channel.force(true);
        }
        Verification check = check(bytes, complete, events);
        problems.addAll(check.problems());
        lastHash = check.headHash();
        channel.position(complete);
    }

    private static int lastNewline(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Credits every event appended from now on to {@code responder} (a {@code by} field in its data, unless the
     * event names its own); null stops it.
     */
    public void creditTo(String responder) {
        this.by = responder == null || responder.isBlank() ? null : responder;
    }

    /**
     * Appends an event and forces it to disk; what this returns is recorded. Secrets in the event's text are
     * masked first ({@link EventMask}), so the line that is hashed and written never held them.
     */
    public TimelineEvent append(IncidentEvent event) throws IOException {
        Map<String, Object> data = new LinkedHashMap<>(IncidentEvents.data(event));
        EventMask.mask(event.type(), data);
        return append(event.type(), data);
    }

    /**
     * Appends a line of {@code type} with {@code data} as it is. Baton's own code records through
     * {@link #append(IncidentEvent)} (the architecture test holds it to that); this is for tests that write
     * lines Baton would not.
     */
    public synchronized TimelineEvent append(String type, Map<String, ?> data) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>(data);
        fields.values().removeIf(value -> value == null);
        String credited = by;
        if (credited != null) {
            fields.putIfAbsent("by", credited);
        }
        TimelineEvent event = new TimelineEvent(SCHEMA_VERSION, events.size() + 1L, clock.instant().truncatedTo(
                java.time.temporal.ChronoUnit.MILLIS), type, lastHash, fields);
        String line = TimelineLines.of(event);
        ByteBuffer buffer = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        channel.force(false);
        lastHash = sha256(line);
        events.add(event);
        listeners.forEach(listener -> listener.accept(event));
        return event;
    }

    public synchronized List<TimelineEvent> events() {
        return List.copyOf(events);
    }

    /** What opening found: a cut-short last line, a broken chain. Empty when the log is whole. */
    public synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    /** The hash of the last line: whoever holds it can later prove nothing before it changed. */
    public synchronized String headHash() {
        return lastHash;
    }

    public Path file() {
        return file;
    }

    public void addListener(Consumer<TimelineEvent> listener) {
        listeners.add(listener);
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }

    /** Checks a log's chain without changing it, for {@code baton timeline verify}. */
    public static Verification verify(Path file) throws IOException {
        return verify(Files.readAllBytes(file));
    }

    /** Checks a log's chain held in memory (a bundle's timeline, before anything is written). */
    public static Verification verify(byte[] bytes) {
        List<TimelineEvent> read = new ArrayList<>();
        Verification check = check(bytes, bytes.length, read);
        if (bytes.length > 0 && bytes[bytes.length - 1] != '\n') {
            List<String> problems = new ArrayList<>(check.problems());
            problems.add("line " + (check.events() + 1) + ": incomplete (no line end): a write was cut short");
            return new Verification(check.events(), check.headHash(), problems);
        }
        return check;
    }

    /**
     * Reads a log without opening it for writing and without taking its incident: its complete lines (a line
     * still being written is left for the next read) and whether their chain holds, for readers such as the
     * history index that must not change what they read.
     */
    public static Read read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        List<TimelineEvent> read = new ArrayList<>();
        Verification check = check(bytes, lastNewline(bytes) + 1, read);
        return new Read(read, check, lastNewline(bytes) + 1);
    }

    /**
     * A log as {@link #read} found it.
     *
     * @param bytes how many bytes its complete lines take
     */
    public record Read(List<TimelineEvent> events, Verification verification, long bytes) {
        public Read {
            events = List.copyOf(events);
        }
    }

    /**
     * Checks the complete lines of the first {@code length} bytes. Each line's hash is of its bytes as written, not
     * of their decoding: a byte that is not UTF-8 decodes to U+FFFD, so hashing decoded text let a line whose
     * U+FFFD was replaced by an invalid byte pass. Baton writes only UTF-8, so such a byte is also named.
     */
    private static Verification check(byte[] bytes, int length, List<TimelineEvent> into) {
        List<String> problems = new ArrayList<>();
        String expectedPrev = GENESIS;
        int number = 0;
        int start = 0;
        while (start < length) {
            int end = start;
            while (end < length && bytes[end] != '\n') {
                end++;
            }
            if (end >= length) {
                break;
            }
            number++;
            try {
                String line = strictUtf8(bytes, start, end);
                TimelineEvent event = parse(line);
                if (event.v() != SCHEMA_VERSION) {
                    problems.add("line " + number + ": schema version " + event.v() + ", expected " + SCHEMA_VERSION);
                }
                if (event.seq() != number) {
                    problems.add("line " + number + ": seq " + event.seq() + " where " + number
                            + " was expected: a line was removed, added or moved");
                }
                if (!event.prev().equals(expectedPrev)) {
                    problems.add("line " + number + ": prev does not match the hash of line " + (number - 1)
                            + ": the line before it was changed or removed");
                }
                into.add(event);
            } catch (java.nio.charset.CharacterCodingException e) {
                problems.add("line " + number + ": a byte that is not UTF-8 near byte " + (start + invalidAt(bytes, start, end))
                        + " of the file; Baton writes only UTF-8, so the line was changed");
            } catch (IOException | RuntimeException e) {
                problems.add("line " + number + ": not a timeline event (" + e.getMessage() + ")");
            }
            expectedPrev = sha256(bytes, start, end);
            start = end + 1;
        }
        return new Verification(number, expectedPrev, problems);
    }

    private static String strictUtf8(byte[] bytes, int start, int end) throws java.nio.charset.CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, start, end - start)).toString();
    }

    /** Where in the line decoding first fails (0-based), found by decoding ever longer prefixes' whole characters. */
    private static int invalidAt(byte[] bytes, int start, int end) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, end - start);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(end - start + 1);
        decoder.decode(in, out, true);
        return in.position() - start;
    }

    /** One line of a timeline as an event. */
    public static TimelineEvent parse(String line) throws IOException {
        return TimelineLines.read(line);
    }

    public static String sha256(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return sha256(bytes, 0, bytes.length);
    }

    private static String sha256(byte[] bytes, int start, int end) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes, start, end - start);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * The result of checking a log.
     *
     * @param headHash the hash of the last complete line: compare it with one recorded earlier (a handoff)
     *                 to show that no line was cut from the end
     */
    public record Verification(int events, String headHash, List<String> problems) {
        public Verification {
            problems = List.copyOf(problems);
        }

        public boolean intact() {
            return problems.isEmpty();
        }
    }
}
