package dev.baton.runbook;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Files of the index folder replaced in one step: a Baton reading one while another writes it sees the old
 * file or the new one, whole. A cache can be rebuilt, so no sync to disk is waited for.
 */
final class CacheFiles {
    interface Content {
        void writeTo(BufferedWriter out) throws IOException;
    }

    private CacheFiles() {
    }

    static void replace(Path file, Content content) throws IOException {
        // A temporary file of its own: two Batons refreshing the same folder never write into one.
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            try (BufferedWriter out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                content.writeTo(out);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
