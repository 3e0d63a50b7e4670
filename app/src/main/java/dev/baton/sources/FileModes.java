package dev.baton.sources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/** Whether other users of the machine may change a config file or read a secret file (POSIX systems only). */
final class FileModes {
    private FileModes() {}

    static boolean writableByOthers(Path file) {
        return modes(file).contains(PosixFilePermission.OTHERS_WRITE);
    }

    static boolean readableByOthers(Path file) {
        return modes(file).contains(PosixFilePermission.OTHERS_READ);
    }

    private static Set<PosixFilePermission> modes(Path file) {
        try {
            return Files.getPosixFilePermissions(file);
        } catch (IOException | UnsupportedOperationException e) {
            // Missing (said when the secret is read) or not a POSIX file system: nothing to warn about here.
            return Set.of();
        }
    }
}
