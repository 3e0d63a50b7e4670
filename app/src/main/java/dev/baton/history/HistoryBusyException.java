package dev.baton.history;

import java.io.IOException;
import java.nio.file.Path;

/** Another Baton is updating the history index: this one searches what is there and updates it later. */
public final class HistoryBusyException extends IOException {
    public HistoryBusyException(Path folder) {
        super("another Baton is updating the history index in " + folder
                + "; the newest events may be missing from what it finds until it is done");
    }
}
