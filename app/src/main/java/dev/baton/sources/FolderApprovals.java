package dev.baton.sources;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The runbook folders whose {@code baton.yaml} the responder has approved to read secrets: one line per
 * approval, the SHA-256 of the file's bytes and the folder's absolute path, kept beside the user's own
 * config.yaml (never in the runbook folder, which a repository could fill). A changed file is a new hash,
 * so it asks again.
 */
public final class FolderApprovals {
    private final Path file;

    public FolderApprovals(Path file) {
        this.file = file;
    }

    /** The approvals beside the user's config.yaml. */
    public static FolderApprovals of(java.util.Map<String, String> environment) {
        return new FolderApprovals(SourcesConfig.userFile(environment).resolveSibling("approved-folders"));
    }

    public boolean approved(Path folder, byte[] content) {
        String line = line(folder, content);
        try {
            return Files.exists(file) && Files.readAllLines(file, StandardCharsets.UTF_8).contains(line);
        } catch (IOException e) {
            return false;
        }
    }

    /** Records that this folder's baton.yaml, with exactly this content, may read the secrets it names. */
    public void approve(Path folder, byte[] content) throws IOException {
        if (approved(folder, content)) {
            return;
        }
        Files.createDirectories(file.getParent());
        Files.write(file, List.of(line(folder, content)), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private static String line(Path folder, byte[] content) {
        return sha256(content) + " " + folder.toAbsolutePath().normalize();
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
