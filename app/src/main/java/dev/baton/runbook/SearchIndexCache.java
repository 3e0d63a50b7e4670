package dev.baton.runbook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search index of a runbook folder, kept on disk under the user's cache folder
 * ({@code $XDG_CACHE_HOME/baton/search}, one index per set of folders) so that a search does not read and
 * index every runbook again. Each file's path, size and modification time are kept beside the index; a
 * search first compares them with the disk and re-reads only files that were added or changed, and
 * drops the documents of files that went away. When the cache cannot be used (read-only, locked by
 * another Baton, damaged) the search falls back to reading the folder in memory, and says so in the log.
 */
public final class SearchIndexCache {
    /** Bumped whenever what is indexed, or how, changes: an old index is then rebuilt. */
    private static final int FORMAT = 3;
    private static final String MANIFEST = "files.tsv";
    /** Stored with each document: what alert lookup needs of its runbook, and its place in its file. */
    private static final String RUNBOOK_FIELD = "runbook";
    private static final String ORDINAL_FIELD = "ordinal";

    /** What identifies a file's version without reading it. */
    record Stamp(long size, long modifiedNanos) {}

    /** What a search did to bring the index up to date: for the log, tests and benchmarks. */
    public record Update(int reread, int removed, int unchanged) {}

    private final Path folder;

    public SearchIndexCache(Path folder) {
        this.folder = folder;
    }

    /** {@code -Dbaton.cache=DIR}, else {@code $XDG_CACHE_HOME/baton}, else {@code ~/.cache/baton}; then {@code search}. */
    public static SearchIndexCache ofUser() {
        String configured = System.getProperty("baton.cache");
        Path base;
        if (configured != null && !configured.isBlank()) {
            base = Path.of(configured);
        } else {
            String xdg = System.getenv("XDG_CACHE_HOME");
            base = (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache"))
                    .resolve("baton");
        }
        return new SearchIndexCache(base.resolve("search"));
    }

    /** Results for {@code query} over the runbooks under {@code roots}, best first. */
    public List<SearchHit> search(List<Path> roots, String query, int limit) {
        return search(roots, query, limit, new Update[1]);
    }

    List<SearchHit> search(List<Path> roots, String query, int limit, Update[] update) {
        try {
            Path dir = indexFolder(roots);
            Files.createDirectories(dir);
            try (Directory directory = FSDirectory.open(dir)) {
                update[0] = refresh(roots, dir, directory).update();
                try (RunbookSearchIndex index = RunbookSearchIndex.open(directory)) {
                    return index.search(query, limit);
                }
            }
        } catch (IOException | RuntimeException e) {
            log().warn("The search index in {} cannot be used ({}); reading the runbooks instead", folder, e.toString());
            if (!(e.getCause() instanceof LockObtainFailedException)) {
                forget(roots); // damaged or from another version: the next search builds it afresh
            }
            try (RunbookLibrary library = RunbookLibrary.load(roots)) {
                return library.search(query, limit);
            }
        }
    }

    /**
     * The library as alert lookup needs it ({@link RunbookLibrary#forAlert}, {@link RunbookLibrary#alertSuggestions}),
     * from the index: only files added or changed since the last use are read. Its runbooks carry no steps
     * or text. When the index cannot be used, the folder is read instead.
     */
    public RunbookLibrary lookupLibrary(List<Path> roots) {
        return lookupLibrary(roots, new Update[1]);
    }

    RunbookLibrary lookupLibrary(List<Path> roots, Update[] update) {
        try {
            Path dir = indexFolder(roots);
            Files.createDirectories(dir);
            try (Directory directory = FSDirectory.open(dir)) {
                Refreshed refreshed = refresh(roots, dir, directory);
                update[0] = refreshed.update();
                List<String> order = new ArrayList<>(refreshed.files().keySet());
                Map<String, Integer> place = new java.util.HashMap<>();
                order.forEach(path -> place.put(path, place.size()));
                record Entry(int file, int ordinal, Runbook runbook) {}
                List<Entry> entries = new ArrayList<>();
                try (DirectoryReader reader = DirectoryReader.open(directory)) {
                    for (var leaf : reader.leaves()) {
                        var stored = leaf.reader().storedFields();
                        var live = leaf.reader().getLiveDocs();
                        for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
                            if (live != null && !live.get(doc)) {
                                continue;
                            }
                            org.apache.lucene.document.Document d = stored.document(doc, java.util.Set.of(RUNBOOK_FIELD, ORDINAL_FIELD));
                            Runbook runbook = IndexedRunbook.fromJson(d.get(RUNBOOK_FIELD));
                            Integer file = place.get(runbook.path());
                            if (file != null) {
                                entries.add(new Entry(file, d.getField(ORDINAL_FIELD).numericValue().intValue(), runbook));
                            }
                        }
                    }
                }
                entries.sort(java.util.Comparator.comparingInt(Entry::file).thenComparingInt(Entry::ordinal));
                Map<String, Path> files = new LinkedHashMap<>();
                refreshed.files().forEach((path, file) -> files.put(path, file.toAbsolutePath().normalize()));
                return RunbookLibrary.of(entries.stream().map(Entry::runbook).toList(), files, roots);
            }
        } catch (IOException | RuntimeException e) {
            log().warn("The search index in {} cannot be used ({}); reading the runbooks instead", folder, e.toString());
            if (!(e.getCause() instanceof LockObtainFailedException)) {
                forget(roots);
            }
            return RunbookLibrary.load(roots);
        }
    }

    private record Refreshed(Update update, Map<String, Path> files) {}

    private Refreshed refresh(List<Path> roots, Path dir, Directory directory) throws IOException {
        Map<String, Path> files = new java.util.TreeMap<>();
        Map<String, Stamp> current = new java.util.TreeMap<>();
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                // The walk has read each file's size and time already: no second look at each file.
                RunbookLibrary.walkRunbookFiles(root, new ArrayList<>(), (file, attrs) -> {
                    String display = RunbookLibrary.displayPath(file);
                    current.put(display, stamp(attrs));
                    files.put(display, file);
                });
                continue;
            }
            String display = RunbookLibrary.displayPath(root);
            try {
                current.put(display, stamp(Files.readAttributes(root, BasicFileAttributes.class)));
                files.put(display, root);
            } catch (IOException e) {
                // Gone or unreadable: not indexed, as the library would not load it.
            }
        }
        Path manifestFile = dir.resolve(MANIFEST);
        boolean exists = DirectoryReader.indexExists(directory);
        Map<String, Stamp> indexed = exists ? readManifest(manifestFile) : Map.of();
        List<String> changed = new ArrayList<>();
        current.forEach((path, stamp) -> {
            if (!stamp.equals(indexed.get(path))) {
                changed.add(path);
            }
        });
        List<String> removed = indexed.keySet().stream().filter(path -> !current.containsKey(path)).toList();
        if (changed.isEmpty() && removed.isEmpty() && exists) {
            return new Refreshed(new Update(0, 0, current.size()), files);
        }
        IndexWriterConfig config = new IndexWriterConfig(RunbookSearchIndex.newAnalyzer())
                .setOpenMode(indexed.isEmpty() ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
        try (IndexWriter writer = new IndexWriter(directory, config)) {
            for (String path : removed) {
                writer.deleteDocuments(new Term(RunbookSearchIndex.FILE_FIELD, path));
            }
            RunbookFileReader reader = new RunbookFileReader();
            RunbookParser parser = new RunbookParser();
            // Read and indexed on every core (the writer takes documents from several threads); each file's
            // documents replace its old ones in one step.
            try {
                changed.parallelStream().forEach(path -> {
                    try {
                        Term file = new Term(RunbookSearchIndex.FILE_FIELD, path);
                        List<org.apache.lucene.document.Document> documents = documents(parser, reader, path, files.get(path));
                        if (documents.isEmpty()) {
                            writer.deleteDocuments(file);
                        } else {
                            writer.updateDocuments(file, documents);
                        }
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
            writer.commit();
        } catch (LockObtainFailedException e) {
            throw new IOException("another Baton is updating the index", e);
        }
        writeManifest(manifestFile, current);
        return new Refreshed(new Update(changed.size(), removed.size(), current.size() - changed.size()), files);
    }

    private static List<org.apache.lucene.document.Document> documents(RunbookParser parser, RunbookFileReader reader,
            String path, Path file) {
        try {
            List<Runbook> runbooks = parser.parse(path, reader.read(file));
            List<org.apache.lucene.document.Document> documents = new ArrayList<>();
            for (int i = 0; i < runbooks.size(); i++) {
                Runbook runbook = runbooks.get(i);
                org.apache.lucene.document.Document d = RunbookSearchIndex.luceneDocument(RunbookLibrary.searchDocument(runbook), path);
                d.add(new org.apache.lucene.document.StoredField(RUNBOOK_FIELD, IndexedRunbook.toJson(runbook)));
                d.add(new org.apache.lucene.document.StoredField(ORDINAL_FIELD, i));
                documents.add(d);
            }
            return documents;
        } catch (RunbookReadException | RuntimeException | StackOverflowError e) {
            return List.of(); // not searchable, as in the library; lint says why
        }
    }

    private static Stamp stamp(BasicFileAttributes attrs) {
        return new Stamp(attrs.size(), attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS));
    }

    private void forget(List<Path> roots) {
        Path dir = indexFolder(roots);
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | RuntimeException e) {
            log().debug("Could not remove {}", dir, e);
        }
    }

    /** One index per set of folders, named by a hash of their absolute paths. */
    Path indexFolder(List<Path> roots) {
        StringBuilder key = new StringBuilder("format ").append(FORMAT);
        for (Path root : roots) {
            key.append('\n').append(root.toAbsolutePath().normalize());
        }
        // FNV-1a, 64 bits: a name, not a secret, and no security provider to load on every search.
        long hash = 0xcbf29ce484222325L;
        for (byte b : key.toString().getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return folder.resolve(String.format("%016x", hash));
    }

    /** Obtained only when there is something to say: setting up logging is a tenth of a short command's time. */
    private static Logger log() {
        return LoggerFactory.getLogger(SearchIndexCache.class);
    }

    /** One line per file: size, modification time in nanoseconds, path (tab-separated; a path has no newline here). */
    private static Map<String, Stamp> readManifest(Path file) {
        Map<String, Stamp> stamps = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] parts = line.split("\t", 3);
                stamps.put(parts[2], new Stamp(Long.parseLong(parts[0]), Long.parseLong(parts[1])));
            }
            return stamps;
        } catch (IOException | RuntimeException e) {
            return Map.of(); // missing or damaged: everything is read again
        }
    }

    private static void writeManifest(Path file, Map<String, Stamp> stamps) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        StringBuilder text = new StringBuilder();
        stamps.forEach((path, stamp) -> {
            if (path.indexOf('\n') < 0 && path.indexOf('\t') < 0) {
                text.append(stamp.size()).append('\t').append(stamp.modifiedNanos()).append('\t').append(path).append('\n');
            }
        });
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
