package dev.baton.runbook;

import dev.baton.runbook.IndexManifest.Stamp;
import dev.baton.runbook.RunbookLibrary.FileRead;
import dev.baton.runbook.SearchIndexCache.Update;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What bringing the index up to date takes: the files found now (display path to file), their manifest
 * entries and stamps, those added or changed since the index was written and those gone.
 */
record IndexPlan(Map<String, Path> files, Map<String, IndexManifest.Entry> entries, Map<String, Stamp> current,
        List<String> changed, List<String> removed, boolean exists, boolean hashed, boolean createIndex,
        long stampedNanos, Map<String, BasicFileAttributes> unhashed) {
    /**
     * Stamps the files new to the manifest from the bytes their reading hashed ({@code read} gives a file's read,
     * or null): they were left unhashed, being read in any case. Those already stamped are left as they are.
     */
    void stampRead(java.util.function.Function<String, FileRead> read) {
        synchronized (unhashed) {
            for (var it = unhashed.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, BasicFileAttributes> file = it.next();
                FileRead done = read.apply(file.getKey());
                if (done != null && done.sha256() != null) {
                    IndexManifest.Entry entry = IndexManifest.Contents.read(files.get(file.getKey()), file.getValue(), done.sha256());
                    entries.put(file.getKey(), entry);
                    current.put(file.getKey(), entry.stamp());
                    it.remove();
                }
            }
        }
    }

    boolean upToDate() {
        return changed.isEmpty() && removed.isEmpty() && exists;
    }

    Update update() {
        return new Update(changed.size(), removed.size(), current.size() - changed.size());
    }

    /**
     * Finds the folders' files and compares them with the index whose manifest is {@code manifestFile}, written by
     * {@code build}, for an index that {@code exists} or not, as the caller found it; the walk's own problems
     * (unreadable folders) go to {@code problems}.
     */
    static IndexPlan of(List<Path> roots, Path manifestFile, String build, boolean exists, List<LibraryProblem> problems)
            throws IOException {
        Map<String, Path> files = new java.util.TreeMap<>();
        Map<String, BasicFileAttributes> found = new HashMap<>();
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                // The walk has read each file's size and time already: no second look at each file.
                RunbookLibrary.walkRunbookFiles(root, problems, (file, attrs) -> {
                    String display = RunbookLibrary.displayPath(file);
                    found.put(display, attrs);
                    files.put(display, file);
                });
                continue;
            }
            String display = RunbookLibrary.displayPath(root);
            try {
                found.put(display, Files.readAttributes(root, BasicFileAttributes.class));
                files.put(display, root);
            } catch (IOException e) {
                // Gone or unreadable: not indexed, as the library would not load it.
            }
        }
        IndexManifest.Contents indexed = exists ? IndexManifest.read(manifestFile, build) : IndexManifest.Contents.NONE;
        // Taken before any file's status is: a file written after this may share its change time with its stamp.
        long stampedNanos = System.currentTimeMillis() * 1_000_000;
        // Only files whose status changed are hashed, on every core: a cached runbook is served only for the
        // bytes it was read from. The status is looked at on this thread: for files that did not change (a repeat
        // search's all), handing them to other threads cost more CPU than it saved time.
        // A file new to the manifest is read whatever its hash: it is hashed then, from the bytes read to parse it
        // (see stampRead), and stamped meanwhile as unhashed.
        Map<String, IndexManifest.Entry> entries = new java.util.TreeMap<>();
        List<String> toHash = new ArrayList<>();
        Map<String, BasicFileAttributes> unhashed = new HashMap<>();
        found.forEach((path, attrs) -> {
            IndexManifest.Entry kept = indexed.unchanged(path, files.get(path), attrs);
            if (kept != null) {
                entries.put(path, kept);
            } else if (!indexed.entries().containsKey(path)) {
                unhashed.put(path, attrs);
                entries.put(path, new IndexManifest.Entry(new Stamp(attrs.size(),
                        attrs.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS), Stamp.UNHASHED),
                        IndexManifest.Entry.UNKNOWN, ""));
            } else {
                toHash.add(path);
            }
        });
        if (!toHash.isEmpty()) {
            entries.putAll(toHash.parallelStream().collect(java.util.stream.Collectors.toMap(path -> path,
                    path -> indexed.stamp(path, files.get(path), found.get(path)))));
        }
        Map<String, Stamp> current = new java.util.TreeMap<>();
        boolean hashed = false;
        for (Map.Entry<String, IndexManifest.Entry> entry : entries.entrySet()) {
            current.put(entry.getKey(), entry.getValue().stamp());
            hashed |= entry.getValue() != indexed.entries().get(entry.getKey());
        }
        List<String> changed = new ArrayList<>();
        current.forEach((path, stamp) -> {
            Stamp before = indexed.entries().containsKey(path) ? indexed.entries().get(path).stamp() : null;
            if (!stamp.equals(before)) {
                changed.add(path);
            }
        });
        List<String> removed = indexed.entries().keySet().stream().filter(path -> !current.containsKey(path)).toList();
        return new IndexPlan(files, entries, current, changed, removed, exists, hashed, indexed.entries().isEmpty(), stampedNanos,
                unhashed);
    }
}
