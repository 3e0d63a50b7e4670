package dev.baton.incident;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Whole-file writes that a crash cannot leave half done: the bytes go to a temporary file beside the
 * target, reach the disk, and replace the target in one rename. A reader sees the old file or the new
 * one, never a mix.
 */
public final class AtomicFiles {
    static final String TEMP_SUFFIX = ".baton-tmp";

    private AtomicFiles() {}

    public static void write(Path target, byte[] bytes) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temp = directory.resolve(target.getFileName() + "." + ProcessHandle.current().pid() + "."
                + Thread.currentThread().getId() + TEMP_SUFFIX);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        syncDirectory(directory);
    }

    /** Makes a rename or a new file in {@code directory} durable; a no-op where directories cannot be opened. */
    static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every platform lets a directory be opened; the rename itself is still atomic there.
        }
    }

    /** Removes temporary files a crash left behind in {@code directory}; returns how many. */
    static int removeLeftovers(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        int removed = 0;
        try (var files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (file.getFileName().toString().endsWith(TEMP_SUFFIX)) {
                    Files.deleteIfExists(file);
                    removed++;
                }
            }
        }
        return removed;
    }
}
