package dev.baton.cli;

import dev.baton.incident.IncidentStore;
import dev.baton.incident.OpenIncident;
import dev.baton.runbook.RunbookLibrary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@code ./baton} runs once after a build to write the commands' class-data archive: the commands that
 * read runbooks, each as a user runs it, in one JVM, so that the archive holds the classes of all of them.
 * Written by whichever command came first, it held only that one's: a repeat {@code alert} after a first
 * {@code search} still loaded some fifty classes from the jar. Reads the folder given (the runbooks Baton ships)
 * into the index cache the {@code baton.cache} property names; prints what the commands print. Then
 * {@code history search} over an incident it writes there: a repeat search otherwise loads Lucene's and the
 * history's classes from the jar (about a third of its time). The responder's own data folder is never touched.
 */
public final class ClassDataTraining {
    private ClassDataTraining() {
    }

    public static void main(String[] args) {
        String folder = args[0];
        BatonCommand.WindowOpener noWindow = (runbooks, inventories) -> {
            throw new IllegalStateException("training runs commands only");
        };
        // Twice each: the first run fills the index on disk, the second answers from it, as a repeat does.
        for (int run = 0; run < 2; run++) {
            BatonCommand.execute(noWindow, "search", "--dir", folder, "disk", "fu");
            BatonCommand.execute(noWindow, "search", "--dir", folder, "zzqqxxnotaword");
            BatonCommand.execute(noWindow, "alert", "--dir", folder, "NodeDown");
            BatonCommand.execute(noWindow, "alert", "--dir", folder, "NodeDwn"); // no runbook: suggestions
        }
        // lint, inspect, alerts and open-alert read the whole folder.
        try (RunbookLibrary library = RunbookLibrary.load(Path.of(folder))) {
            library.lint();
        }
        history(noWindow);
    }

    private static void history(BatonCommand.WindowOpener noWindow) {
        String configured = System.getProperty("baton.data");
        try {
            String cache = System.getProperty("baton.cache", "");
            Path data = cache.isBlank() ? Files.createTempDirectory("baton-training")
                    : Files.createDirectories(Path.of(cache).resolve("history-training"));
            IncidentStore store = new IncidentStore(data);
            try (OpenIncident incident = store.start("Disk full on db01", "critical", "NodeDiskFull", "training",
                    Instant.now())) {
                incident.stepRun("disk/full", 1, "df -h /var", List.of("db01"), Map.of(), null);
                incident.note("cleared old logs");
            }
            System.setProperty("baton.data", data.toString());
            // First the index is made, then a repeat answers from it.
            BatonCommand.execute(noWindow, "history", "search", "df", "--node", "db01");
            BatonCommand.execute(noWindow, "history", "search", "df", "--node", "db01");
            BatonCommand.execute(noWindow, "history", "search", "zzqqxxnotaword", "--json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (configured == null) {
                System.clearProperty("baton.data");
            } else {
                System.setProperty("baton.data", configured);
            }
        }
    }
}
