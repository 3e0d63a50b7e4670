package dev.baton.cli;

import dev.baton.runbook.RunbookLibrary;
import dev.baton.runbook.ShippedRunbooks;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --dir} option shared by commands that look things up in a library. */
final class LibraryOption {
    @Option(names = {"-d", "--dir"}, paramLabel = "DIR",
            description = "Runbook folder (default: the runbooks Baton ships, or $BATON_RUNBOOKS).")
    Path dir;

    RunbookLibrary load() {
        return RunbookLibrary.load(folder());
    }

    Path folder() {
        return folder(dir);
    }

    /** The folder given, or when none is, the default one. */
    static Path folder(Path dir) {
        return dir != null ? dir : ShippedRunbooks.folder();
    }
}
