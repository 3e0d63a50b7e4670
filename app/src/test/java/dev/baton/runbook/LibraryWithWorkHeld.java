package dev.baton.runbook;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A library opened through the index on disk, as the window opens it, with what comes after its list (the index
 * and the snapshot written) held until {@link #snapshotAfterTheList()} runs it. Closing runs whatever is still
 * held, so that a failed assertion leaves no index unwritten for the library's close to wait for.
 */
final class LibraryWithWorkHeld implements AutoCloseable {
    private final ConcurrentLinkedQueue<Runnable> held = new ConcurrentLinkedQueue<>();
    private final SearchIndexCache cache;
    private final List<Path> roots;
    final RunbookLibrary library;

    /** {@code runbooks} opened with a cache in {@code cacheFolder}; from 5 files read the index is written after. */
    LibraryWithWorkHeld(Path runbooks, Path cacheFolder) {
        cache = new SearchIndexCache(cacheFolder, "build", held::add, 5);
        roots = List.of(runbooks);
        library = cache.library(roots, new SearchIndexCache.Update[1]);
    }

    /** Runs the held work, then reads the runbooks back from the snapshot it wrote. */
    List<Runbook> snapshotAfterTheList() throws IOException {
        runHeld();
        List<Runbook> fromSnapshot = new ArrayList<>();
        LibrarySnapshot.read(cache.indexFolder(roots).resolve("library.jsonl"), "build").values()
                .forEach(entry -> fromSnapshot.addAll(entry.runbooks()));
        return fromSnapshot;
    }

    private void runHeld() {
        for (Runnable work = held.poll(); work != null; work = held.poll()) {
            work.run();
        }
    }

    @Override
    public void close() {
        runHeld();
        library.close();
    }
}
