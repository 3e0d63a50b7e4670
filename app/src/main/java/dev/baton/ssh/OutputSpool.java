package dev.baton.ssh;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * One output stream of a run, kept whole in memory up to a limit and spooled to a file beyond it,
 * so a gigabyte of output costs a file, not the heap. The first and last bytes stay in memory either
 * way, for the result view and the notes. The file stops at a limit ({@link #DEFAULT_FILE_LIMIT}): a node that
 * prints without end (hundreds of MB a second) fills no disk; what came past the limit is counted and dropped,
 * the last bytes still kept in memory, and the text says so.
 */
public final class OutputSpool implements AutoCloseable {
    public static final int DEFAULT_MEMORY_LIMIT = 10 * 1024 * 1024;
    public static final int EDGE = 64 * 1024;
    public static final long DEFAULT_FILE_LIMIT = 64L * 1024 * 1024;

    private final int memoryLimit;
    private final long fileLimit;
    private long dropped;
    private final Path spoolDirectory;
    private final String name;
    private ByteArrayOutputStream memory = new ByteArrayOutputStream();
    /** Head and tail are made once output outgrows memory; until then memory holds them. */
    private byte[] head = new byte[0];
    private int headLength;
    private byte[] tail = new byte[0];
    private long total;
    private Path spoolFile;
    private OutputStream spool;

    /** Output that never came: nothing in memory, nothing on disk. */
    public static OutputSpool empty() {
        return new OutputSpool(Path.of(System.getProperty("java.io.tmpdir")), "empty", 0);
    }

    /**
     * @param spoolDirectory where the file goes once output passes the limit; created if missing
     * @param name the stream's name, in the spool file's name
     */
    public OutputSpool(Path spoolDirectory, String name, int memoryLimit) {
        this(spoolDirectory, name, memoryLimit, DEFAULT_FILE_LIMIT);
    }

    /** @param fileLimit bytes the spool file holds at most; the rest is dropped */
    public OutputSpool(Path spoolDirectory, String name, int memoryLimit, long fileLimit) {
        this.spoolDirectory = spoolDirectory;
        this.name = name;
        this.memoryLimit = memoryLimit;
        this.fileLimit = Math.max(fileLimit, memoryLimit);
    }

    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        if (spool == null && memory.size() + (long) length > memoryLimit) {
            startSpooling();
        }
        if (spool == null) {
            // Head and tail are read from memory while it holds everything: a thousand nodes that print
            // 32 KB each cost 32 MB, not four times that.
            memory.write(bytes, offset, length);
            total += length;
            return;
        }
        keepEdges(bytes, offset, length);
        total += length;
        long room = Math.max(0, fileLimit - (total - length - dropped));
        int written = (int) Math.min(room, length);
        spool.write(bytes, offset, written);
        dropped += length - written;
    }

    private void keepEdges(byte[] bytes, int offset, int length) {
        int headRoom = Math.min(EDGE - headLength, length);
        if (headRoom > 0) {
            System.arraycopy(bytes, offset, head, headLength, headRoom);
            headLength += headRoom;
        }
        int kept = Math.min(length, EDGE);
        int from = offset + length - kept;
        int ringAt = (int) ((total + length - kept) % EDGE);
        int firstPart = Math.min(kept, EDGE - ringAt);
        System.arraycopy(bytes, from, tail, ringAt, firstPart);
        System.arraycopy(bytes, from + firstPart, tail, 0, kept - firstPart);
    }

    private void startSpooling() throws IOException {
        Files.createDirectories(spoolDirectory);
        spoolFile = Files.createTempFile(spoolDirectory, "run-", "." + name,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        spool = Files.newOutputStream(spoolFile);
        memory.writeTo(spool);
        byte[] held = memory.toByteArray();
        memory = null;
        head = new byte[EDGE];
        tail = new byte[EDGE];
        long before = total;
        total = 0;
        keepEdges(held, 0, held.length);
        total = before;
    }

    /** Where run output beyond the limit goes: $XDG_CACHE_HOME/baton/runs, else ~/.cache/baton/runs. */
    public static Path defaultDirectory() {
        String cache = System.getenv("XDG_CACHE_HOME");
        Path base = cache != null && !cache.isBlank() ? Path.of(cache)
                : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("baton").resolve("runs");
    }

    private static String megabytes(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB" : bytes + " bytes";
    }

    /** Bytes past the file's limit, counted but not kept. */
    public synchronized long dropped() {
        return dropped;
    }

    /** Bytes written so far. */
    public synchronized long size() {
        return total;
    }

    public synchronized boolean isSpooled() {
        return spoolFile != null;
    }

    /** The file holding the whole output, once it outgrew memory. */
    public synchronized Optional<Path> spoolFile() {
        return Optional.ofNullable(spoolFile);
    }

    /** The first bytes (up to {@value #EDGE}). */
    public synchronized byte[] head() {
        if (memory != null) {
            return java.util.Arrays.copyOf(memory.toByteArray(), (int) Math.min(EDGE, total));
        }
        return java.util.Arrays.copyOf(head, headLength);
    }

    /** The last bytes (up to {@value #EDGE}). */
    public synchronized byte[] tail() {
        int length = (int) Math.min(EDGE, total);
        if (memory != null) {
            byte[] all = memory.toByteArray();
            return java.util.Arrays.copyOfRange(all, all.length - length, all.length);
        }
        byte[] last = new byte[length];
        for (int i = 0; i < length; i++) {
            last[i] = tail[(int) ((total - length + i) % EDGE)];
        }
        return last;
    }

    /** The whole output as text when it is in memory; otherwise head and tail around an elision line. */
    public synchronized String text() {
        if (memory != null) {
            return memory.toString(StandardCharsets.UTF_8);
        }
        if (total <= 2L * EDGE) {
            // Head and tail overlap: the file is small enough to read whole.
            try (InputStream whole = open()) {
                return new String(whole.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        String where = dropped == 0 ? "full output in " + spoolFile
                : "the first " + megabytes(fileLimit) + " in " + spoolFile + "; output past " + megabytes(fileLimit)
                        + " was dropped (" + dropped + " bytes)";
        return new String(head(), StandardCharsets.UTF_8) + "\n… " + (total - 2L * EDGE)
                + " bytes not shown; " + where + " …\n"
                + new String(tail(), StandardCharsets.UTF_8);
    }

    /** Reads the whole output again, from memory or from the spool file. */
    public synchronized InputStream open() throws IOException {
        if (memory != null) {
            return new ByteArrayInputStream(memory.toByteArray());
        }
        spool.flush();
        return Files.newInputStream(spoolFile);
    }

    @Override
    public synchronized void close() throws IOException {
        if (spool != null) {
            spool.close();
        }
    }

    /** Removes the spool file, when the output is no longer wanted. */
    public synchronized void discard() throws IOException {
        close();
        if (spoolFile != null) {
            Files.deleteIfExists(spoolFile);
        }
    }
}
