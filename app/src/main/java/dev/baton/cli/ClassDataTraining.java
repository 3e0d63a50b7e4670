package dev.baton.cli;

import dev.baton.runbook.RunbookLibrary;
import java.nio.file.Path;

/**
 * What {@code ./baton} runs once after a build to write the commands' class-data archive: the commands that
 * read runbooks, each as a user runs it, in one JVM, so that the archive holds the classes of all of them.
 * Written by whichever command came first, it held only that one's: a repeat {@code alert} after a first
 * {@code search} still loaded some fifty classes from the jar. Reads the folder given (the runbooks Baton ships)
 * into the index cache the {@code baton.cache} property names; prints what the commands print.
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
    }
}
