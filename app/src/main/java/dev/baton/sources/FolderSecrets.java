package dev.baton.sources;

import java.nio.file.Path;
import java.util.List;

/**
 * What a runbook folder's {@code baton.yaml} asks for and the responder has not approved: the sources that
 * would read secrets, each with its address and where its secret would come from. Until the folder is
 * approved ({@code baton sources approve DIR}, or once in the window) those sources are left out.
 *
 * @param content the file's bytes, so that an approval is of exactly what was shown
 */
public record FolderSecrets(Path folder, byte[] content, List<String> asks) {
    public FolderSecrets {
        content = content.clone();
        asks = List.copyOf(asks);
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    /** What is shown before approving, one line per source. */
    public String describe() {
        return folder.resolve(SourcesConfig.FOLDER_FILE) + " asks to read secrets for:\n  " + String.join("\n  ", asks);
    }
}
