package dev.baton.session;

import dev.baton.sources.FolderApprovals;
import dev.baton.sources.FolderSecrets;
import dev.baton.sources.SourcesConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The window's side of approving a runbook folder's baton.yaml to read secrets: what waits for approval in the
 * library's folder, and recording the responder's yes. Both read or write files: call them off the FX thread.
 */
public final class FolderSourceApprovals {
    private FolderSourceApprovals() {
    }

    /** What the first library folder's baton.yaml asks to read and the responder has not approved, if anything. */
    public static Optional<FolderSecrets> pending(List<Path> folders) {
        if (folders.isEmpty()) {
            return Optional.empty();
        }
        return SourcesConfig.load(System.getenv(), folders.get(0)).unapproved();
    }

    /** Approves exactly the file that was shown; a file changed since asks again. */
    public static void approve(FolderSecrets shown) throws IOException {
        FolderApprovals.of(System.getenv()).approve(shown.folder(), shown.content());
    }
}
