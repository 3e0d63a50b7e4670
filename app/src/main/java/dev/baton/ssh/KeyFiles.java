package dev.baton.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Private key files as OpenSSH treats them: the default names, and no key that others can read. */
public final class KeyFiles {
    static {
        JdkCrypto.install();
    }

    private static final Set<PosixFilePermission> GROUP_OR_OTHER = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private KeyFiles() {}

    /** The keys OpenSSH offers when the config names none, in the order Baton offers them. */
    public static List<Path> defaults(Path sshDirectory) {
        return List.of(sshDirectory.resolve("id_ed25519"), sshDirectory.resolve("id_ecdsa"),
                sshDirectory.resolve("id_rsa"));
    }

    /**
     * Why the key must not be used, in OpenSSH's words, or empty when it may. A key that group or
     * others can access is refused, as OpenSSH refuses it: someone else may have a copy.
     */
    public static Optional<String> refusal(Path keyFile) throws IOException {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(keyFile, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attributes.isSymbolicLink()) {
                attributes = Files.readAttributes(keyFile, PosixFileAttributes.class);
            }
        } catch (UnsupportedOperationException notPosix) {
            return Optional.empty();
        }
        Set<PosixFilePermission> open = EnumSet.copyOf(attributes.permissions());
        open.retainAll(GROUP_OR_OTHER);
        if (open.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("Permissions " + octal(attributes.permissions()) + " for '" + keyFile
                + "' are too open. Private key files must not be accessible by others; this key is ignored "
                + "(chmod 600 '" + keyFile + "').");
    }

    private static String octal(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission permission : permissions) {
            mode |= 1 << (8 - permission.ordinal());
        }
        return String.format("%04o", mode);
    }
}
