package dev.baton.runbook;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the runbooks Baton ships, so the app and the CLI work with no configuration. */
public final class ShippedRunbooks {
    private ShippedRunbooks() {
    }

    /**
     * The {@code baton.runbooks} property, else {@code $BATON_RUNBOOKS}, else a {@code runbooks} folder
     * beside the installation (found by walking up from the jar), else {@code ./runbooks}.
     */
    public static Path folder() {
        String configured = System.getProperty("baton.runbooks", System.getenv("BATON_RUNBOOKS"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        try {
            Path code = Path.of(ShippedRunbooks.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = code.getParent();
            for (int level = 0; dir != null && level < 4; level++, dir = dir.getParent()) {
                Path candidate = dir.resolve("runbooks");
                if (Files.isRegularFile(candidate.resolve("index.md"))) {
                    return candidate;
                }
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // No code location to walk up from (an unusual class loader); fall back to the working directory.
        }
        return Path.of("runbooks");
    }
}
