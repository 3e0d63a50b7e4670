package dev.baton.runbook;

import dev.baton.runbook.IndexManifest.Stamp;
import dev.baton.runbook.RunbookLibrary.FileRead;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RunnableFuture;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search index of a runbook folder, kept on disk under the user's cache folder
 * ({@code $XDG_CACHE_HOME/baton/search}, one index per set of folders) so that a search does not read and
 * index every runbook again. Each file's path, size, modification time and content hash are kept beside the index; a
 * search first compares them with the disk and re-reads only files that were added or changed, and
 * drops the documents of files that went away. When the cache cannot be used (read-only, locked by
 * another Baton, damaged) the search falls back to reading the folder in memory, and says so in the log.
 */
public final class SearchIndexCache {
    /** Bumped whenever what is indexed, or how, changes: an old index is then rebuilt. */
    private static final int FORMAT = 9;
    private static final String MANIFEST = "files.tsv";
    /** Stored with each document: what alert lookup needs of its runbook, and its place in its file. */
    static final String RUNBOOK_FIELD = "runbook";
    static final String ORDINAL_FIELD = "ordinal";
    /** Indexed, not stored: the keys under which alert lookup finds the runbook ({@link AlertIndex#lookupKeys(Runbook)}). */
    static final String ALERT_KEY_FIELD = "alertkey";
    /** The whole library beside the index, for a window ({@link LibrarySnapshot}). */
    private static final String SNAPSHOT = "library.jsonl";
    /**
     * The indexing buffer of a refresh, given back when it ends: 128 MB holds the first open of 5,000 runbooks
     * (20 MB of text) whole, and an eighth of the heap leaves a small heap room for the rest (never below
     * Lucene's own 16 MB).
     */
    private static double indexingBufferMb() {
        return Math.max(16, Math.min(128, Runtime.getRuntime().maxMemory() / 8 / (1024 * 1024)));
    }

    /** What a search did to bring the index up to date: for the log, tests and benchmarks. */
    public record Update(int reread, int removed, int unchanged) {}

    /**
     * From how many files to read a window's library is listed before its index is written: the index is then
     * written on a thread of its own (a third of a first open's time), and a search waits for it. Below, the
     * index takes a moment and is written before the library is given.
     */
    private static final int INDEXED_AFTER_FROM = 300;

    private final Path folder;
    private final String build;
    private final Executor indexing;
    private final int indexedAfterFrom;
    private final AnswerWhileChecking.CheckStarter checking;

    public SearchIndexCache(Path folder) {
        this(folder, IndexManifest.currentBuild());
    }

    /** {@code build} names the code that reads runbooks: an index made by another build is made again. */
    SearchIndexCache(Path folder, String build) {
        this(folder, build, SearchIndexCache::startIndexingThread, INDEXED_AFTER_FROM);
    }

    /** {@code indexing} runs the writing of an index after its library is given, from {@code indexedAfterFrom} files read. */
    SearchIndexCache(Path folder, String build, Executor indexing, int indexedAfterFrom) {
        this(folder, build, indexing, indexedAfterFrom, AnswerWhileChecking.ON_A_THREAD);
    }

    /** {@code checking} starts the check of the folder that a search or alert lookup runs beside its answer. */
    SearchIndexCache(Path folder, String build, Executor indexing, int indexedAfterFrom, AnswerWhileChecking.CheckStarter checking) {
        this.folder = folder;
        this.build = build;
        this.indexing = indexing;
        this.indexedAfterFrom = indexedAfterFrom;
        this.checking = checking;
    }

    /** A daemon: a window closed while it writes leaves no commit, and its next open reads the files again. */
    private static void startIndexingThread(Runnable work) {
        Thread thread = new Thread(work, "runbook-index");
        thread.setDaemon(true);
        thread.start();
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
            // The folder is checked on another thread while this one opens the index and answers (see AnswerWhileChecking).
            RunnableFuture<Plan> check = checking.start(() -> plan(roots, dir, true, new ArrayList<>()));
            try (Directory directory = cacheDirectory(dir)) {
                var early = AnswerWhileChecking.answer(directory, check, Plan::upToDate, (reader, checked) -> {
                    reader.incRef(); // still open after the search, to be asked whether it reads the newest commit
                    try (RunbookSearchIndex index = RunbookSearchIndex.of(reader)) {
                        return index.search(query, limit);
                    }
                });
                update[0] = refresh(usable(early, roots, dir, directory), dir, directory).update();
                if (early.answered()) {
                    return early.answer();
                }
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
     * The runbooks that answer the alert {@code alertName}, as the whole library's {@link RunbookLibrary#forAlert}
     * finds them, reading only the runbooks that can: those the index lists under the alert's keys, the runbooks that
     * list alerts for others (index pages, alert tables) and the files they point at. Empty when no runbook answers
     * (what is close to the name needs the whole library), when the name is too long to be an index term, or when
     * the index cannot be used: the caller then reads the whole library ({@link #lookupLibrary}).
     */
    public Optional<List<AlertMatch>> forAlert(List<Path> roots, String alertName) {
        if (alertName == null) {
            return Optional.empty();
        }
        List<String> keys = AlertIndex.lookupKeys(alertName);
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        try {
            Path dir = indexFolder(roots);
            Files.createDirectories(dir);
            RunnableFuture<Plan> check = checking.start(() -> plan(roots, dir, true, new ArrayList<>()));
            try (Directory directory = cacheDirectory(dir)) {
                var early = AnswerWhileChecking.answer(directory, check, Plan::upToDate,
                        (reader, checked) -> IndexedAlertLookup.answer(roots, alertName, keys, reader, () -> checked.get().files()));
                Refreshed refreshed = refresh(usable(early, roots, dir, directory), dir, directory);
                if (early.answered()) {
                    return early.answer();
                }
                try (DirectoryReader reader = DirectoryReader.open(directory)) {
                    return IndexedAlertLookup.answer(roots, alertName, keys, reader, refreshed::files);
                }
            }
        } catch (IOException | RuntimeException e) {
            log().debug("The index did not answer alert lookup ({}); reading the runbooks instead", e.toString());
            return Optional.empty();
        }
    }

    /**
     * The plan to bring the index up to date with after an early answer: the check's own when it ran to the end
     * beside an index that could be opened (it assumed one), else a new one.
     */
    private Plan usable(AnswerWhileChecking.Outcome<?, Plan> early, List<Path> roots, Path dir, Directory directory)
            throws IOException {
        return early.opened() && early.check() != null ? early.check() : plan(roots, dir, directory, new ArrayList<>());
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
            try (Directory directory = cacheDirectory(dir)) {
                Refreshed refreshed = refresh(roots, dir, directory, new ArrayList<>());
                update[0] = refreshed.update();
                Map<String, List<Runbook>> byFile = new HashMap<>();
                try (DirectoryReader reader = DirectoryReader.open(directory)) {
                    forEachStored(reader, Set.of(RunbookSearchIndex.FILE_FIELD, RUNBOOK_FIELD, ORDINAL_FIELD),
                            (file, ordinal, d) -> {
                                String json = d.get(RUNBOOK_FIELD);
                                if (json != null) {
                                    place(byFile, file, ordinal, IndexedRunbook.fromJson(json));
                                }
                            });
                }
                Map<String, Path> files = new LinkedHashMap<>();
                List<Runbook> runbooks = new ArrayList<>();
                for (Map.Entry<String, Path> file : refreshed.files().entrySet()) {
                    List<Runbook> ofFile = byFile.get(file.getKey());
                    if (ofFile != null) {
                        runbooks.addAll(ofFile);
                        files.put(file.getKey(), file.getValue().toAbsolutePath().normalize());
                    }
                }
                return RunbookLibrary.of(runbooks, files, List.of(), roots, null);
            }
        } catch (IOException | RuntimeException e) {
            log().warn("The search index in {} cannot be used ({}); reading the runbooks instead", folder, e.toString());
            if (!(e.getCause() instanceof LockObtainFailedException)) {
                forget(roots);
            }
            return RunbookLibrary.load(roots);
        }
    }

    /**
     * The whole library, as {@link RunbookLibrary#load} reads it, from the index: only files added or changed
     * since the last use are read, and search uses the index on disk instead of building one in memory. So a
     * window opens a large library it has opened before without reading it. When the index cannot be used,
     * the folder is read instead.
     */
    public RunbookLibrary library(List<Path> roots) {
        return library(roots, new Update[1]);
    }

    RunbookLibrary library(List<Path> roots, Update[] update) {
        Directory directory = null;
        try {
            Path dir = indexFolder(roots);
            Files.createDirectories(dir);
            directory = cacheDirectory(dir);
            List<LibraryProblem> problems = new ArrayList<>();
            Plan plan = plan(roots, dir, directory, problems);
            update[0] = plan.update();
            boolean indexAfter = plan.changed().size() >= indexedAfterFrom && !plan.upToDate();
            Refreshed refreshed = indexAfter ? plan.read(Map.of()) : refresh(plan, dir, directory);
            Path snapshotFile = dir.resolve(SNAPSHOT);
            Map<String, LibrarySnapshot.Entry> snapshot = LibrarySnapshot.read(snapshotFile, build);
            // Files the snapshot does not have as they are now: the refresh has read those it indexed; the
            // rest changed since this library was last opened, while a search kept the index up to date.
            // When the index is written after, every changed file is read here.
            Set<String> changed = indexAfter ? Set.copyOf(plan.changed()) : Set.of();
            List<String> stale = refreshed.stamps().entrySet().stream()
                    .filter(file -> !refreshed.reads().containsKey(file.getKey()))
                    .filter(file -> changed.contains(file.getKey())
                            || !isCurrent(snapshot.get(file.getKey()), file.getValue()))
                    .map(Map.Entry::getKey).toList();
            Map<String, FileRead> reads = new ConcurrentHashMap<>(refreshed.reads());
            RunbookFileReader fileReader = new RunbookFileReader();
            RunbookParser parser = new RunbookParser();
            stale.parallelStream().forEach(file -> reads.put(file, RunbookLibrary.read(fileReader, parser, file, refreshed.files().get(file), true)));
            // The order a read of the folder gives: by path, as its walk sorts them.
            List<String> inOrder = refreshed.files().entrySet().stream().sorted(Map.Entry.comparingByValue())
                    .map(Map.Entry::getKey).toList();
            List<Runbook> runbooks = new ArrayList<>();
            Map<String, Path> files = new LinkedHashMap<>();
            for (String file : inOrder) {
                FileRead read = reads.get(file);
                LibraryProblem problem = read != null ? read.problem() : snapshot.get(file).problem();
                if (problem == null) {
                    runbooks.addAll(read != null ? read.runbooks() : snapshot.get(file).runbooks());
                    files.put(file, refreshed.files().get(file).toAbsolutePath().normalize());
                } else {
                    problems.add(problem);
                }
            }
            if (!indexAfter) {
                plan.stampRead(reads::get);
                List<LibrarySnapshot.Entry> entries = snapshotEntries(inOrder, reads, snapshot, refreshed.stamps());
                if (!reads.isEmpty() || snapshot.size() != entries.size()) {
                    LibrarySnapshot.write(snapshotFile, build, entries);
                }
                return RunbookLibrary.of(runbooks, files, problems, roots, RunbookSearchIndex.open(directory));
            }
            CompletableFuture<RunbookSearchIndex> index = new CompletableFuture<>();
            Directory written = directory;
            indexing.execute(() -> {
                try {
                    // The files read are stamped here, after the list: a change time looked up for each (a stat of
                    // every file, one after another) is nothing a list waits for, only the manifest and the snapshot.
                    // Hashed on every core first, as they were read; the stamps then take each one's hash.
                    reads.values().parallelStream().forEach(FileRead::sha256);
                    plan.stampRead(reads::get);
                    RunbookSearchIndex searchIndex = indexAfter(roots, plan, dir, written, reads, runbooks);
                    writeSnapshot(snapshotFile, snapshotEntries(inOrder, reads, snapshot, refreshed.stamps()));
                    index.complete(searchIndex);
                } catch (RuntimeException | Error e) {
                    index.completeExceptionally(e); // a search fails and says why, instead of waiting forever
                    throw e;
                }
            });
            return RunbookLibrary.indexing(runbooks, files, problems, roots, index);
        } catch (IOException | RuntimeException e) {
            log().warn("The search index in {} cannot be used ({}); reading the runbooks instead", folder, e.toString());
            closeQuietly(directory);
            if (!(e.getCause() instanceof LockObtainFailedException)) {
                forget(roots);
            }
            return RunbookLibrary.load(roots);
        }
    }

    /** Each file's snapshot entry, in {@code inOrder}: from its read when it was read now, else as the snapshot had it. */
    private static List<LibrarySnapshot.Entry> snapshotEntries(List<String> inOrder, Map<String, FileRead> reads,
            Map<String, LibrarySnapshot.Entry> snapshot, Map<String, Stamp> stamps) {
        List<LibrarySnapshot.Entry> entries = new ArrayList<>(inOrder.size());
        for (String file : inOrder) {
            FileRead read = reads.get(file);
            entries.add(read == null ? snapshot.get(file)
                    : new LibrarySnapshot.Entry(file, stamps.get(file), read.runbooks(), read.problem()));
        }
        return entries;
    }

    /** The snapshot of a library given before its index was written, written after it: a cache, like the index. */
    private void writeSnapshot(Path snapshotFile, List<LibrarySnapshot.Entry> entries) {
        try {
            LibrarySnapshot.write(snapshotFile, build, entries);
        } catch (IOException | RuntimeException e) {
            // The next open reads the files the snapshot lacks.
            log().warn("The library's snapshot {} cannot be written ({})", snapshotFile, e.toString());
        }
    }

    /**
     * Writes the index of the files a library read, after the library was given; when that fails (another Baton
     * writing the same index, a full disk), the library is searched in memory instead: a search never answers
     * from a part of the library.
     */
    private RunbookSearchIndex indexAfter(List<Path> roots, Plan plan, Path dir, Directory directory,
            Map<String, FileRead> reads, List<Runbook> runbooks) {
        try {
            write(plan, dir, directory, reads::get);
            RunbookSearchIndex index = RunbookSearchIndex.open(directory);
            index.search("warm", 1); // the search code is loaded before the first keystroke
            return index;
        } catch (IOException | RuntimeException e) {
            log().warn("The search index in {} cannot be written ({}); searching the runbooks in memory", folder, e.toString());
            closeQuietly(directory);
            if (!(e.getCause() instanceof LockObtainFailedException)) {
                forget(roots);
            }
            return RunbookSearchIndex.build(runbooks.stream().map(RunbookLibrary::searchDocument).toList());
        }
    }

    /**
     * The index folder, written without waiting for the disk: as the other files of the cache ({@link CacheFiles}),
     * it can be rebuilt, and an index that a crash left damaged is refused and made again. A commit's files are
     * still renamed into place in one step, so another Baton reading the index sees the old commit or the new one.
     */
    private static Directory cacheDirectory(Path dir) throws IOException {
        return new FilterDirectory(FSDirectory.open(dir)) {
            @Override
            public void sync(Collection<String> names) {
                // Not waited for: see above.
            }

            @Override
            public void syncMetaData() {
                // Not waited for: see above.
            }
        };
    }

    private static boolean isCurrent(LibrarySnapshot.Entry entry, Stamp stamp) {
        return entry != null && entry.stamp().equals(stamp);
    }

    private static void closeQuietly(Directory directory) {
        if (directory != null) {
            try {
                directory.close();
            } catch (IOException e) {
                log().debug("Could not close {}", directory, e);
            }
        }
    }

    /** Puts a file's runbook at its place among the file's runbooks (documents of a file may come in any order). */
    static <T> void place(Map<String, List<T>> byFile, String file, int ordinal, T value) {
        List<T> ofFile = byFile.computeIfAbsent(file, f -> new ArrayList<>());
        while (ofFile.size() <= ordinal) {
            ofFile.add(null);
        }
        ofFile.set(ordinal, value);
    }

    private interface StoredDocument {
        void accept(String file, int ordinal, Document document);
    }

    /** Every live document's stored fields, with the file it came from and its place in that file. */
    private static void forEachStored(DirectoryReader reader, Set<String> fields, StoredDocument consumer) throws IOException {
        for (var leaf : reader.leaves()) {
            var stored = leaf.reader().storedFields();
            var live = leaf.reader().getLiveDocs();
            for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
                if (live == null || live.get(doc)) {
                    Document d = stored.document(doc, fields);
                    consumer.accept(d.get(RunbookSearchIndex.FILE_FIELD), d.getField(ORDINAL_FIELD).numericValue().intValue(), d);
                }
            }
        }
    }

    /** The files found now (display path to file) with their stamps, and those this refresh read. */
    private record Refreshed(Update update, Map<String, Path> files, Map<String, Stamp> stamps, Map<String, FileRead> reads) {}

    /**
     * What bringing the index up to date takes: the files found now (display path to file), their manifest
     * entries and stamps, those added or changed since the index was written and those gone.
     */
    private record Plan(Map<String, Path> files, Map<String, IndexManifest.Entry> entries, Map<String, Stamp> current,
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

        Refreshed read(Map<String, FileRead> reads) {
            return new Refreshed(update(), files, current, reads);
        }
    }

    private Refreshed refresh(List<Path> roots, Path dir, Directory directory, List<LibraryProblem> problems) throws IOException {
        return refresh(plan(roots, dir, directory, problems), dir, directory);
    }

    /** Brings the index up to date with the plan's folders, reading the files it must. */
    private Refreshed refresh(Plan plan, Path dir, Directory directory) throws IOException {
        if (plan.upToDate()) {
            if (plan.hashed()) {
                // Files hashed again only for being new to the manifest's clock: once written down, they are not.
                IndexManifest.write(dir.resolve(MANIFEST), build, plan.stampedNanos(), plan.entries());
            }
            return plan.read(Map.of());
        }
        Map<String, FileRead> reads = new ConcurrentHashMap<>();
        RunbookFileReader reader = new RunbookFileReader();
        RunbookParser parser = new RunbookParser();
        write(plan, dir, directory, path -> reads.computeIfAbsent(path,
                p -> RunbookLibrary.read(reader, parser, p, plan.files().get(p), true)));
        return plan.read(reads);
    }

    /** Finds the folders' files and compares them with the index; the walk's own problems (unreadable folders) go to {@code problems}. */
    private Plan plan(List<Path> roots, Path dir, Directory directory, List<LibraryProblem> problems) throws IOException {
        return plan(roots, dir, DirectoryReader.indexExists(directory), problems);
    }

    /** As above, for an index that {@code exists} or not, as the caller found it. */
    private Plan plan(List<Path> roots, Path dir, boolean exists, List<LibraryProblem> problems) throws IOException {
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
        Path manifestFile = dir.resolve(MANIFEST);
        IndexManifest.Contents indexed = exists ? IndexManifest.read(manifestFile, build) : IndexManifest.Contents.NONE;
        // Taken before any file's status is: a file written after this may share its change time with its stamp.
        long stampedNanos = System.currentTimeMillis() * 1_000_000;
        // Only files whose status changed are hashed, on every core: a cached runbook is served only for the
        // bytes it was read from. The status is looked at on this thread: for files that did not change (a repeat
        // search's all), handing them to other threads cost more CPU than it saved time.
        // A file new to the manifest is read whatever its hash: it is hashed then, from the bytes read to parse it
        // (see Plan.stampRead), and stamped meanwhile as unhashed.
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
        return new Plan(files, entries, current, changed, removed, exists, hashed, indexed.entries().isEmpty(), stampedNanos,
                unhashed);
    }

    /** Writes the plan's changed files into the index ({@code read} gives each one's runbooks), then the manifest. */
    private void write(Plan plan, Path dir, Directory directory, java.util.function.Function<String, FileRead> read) throws IOException {
        // A buffer that holds a large library's first open whole: one flush per indexing thread at the commit, instead
        // of a flush every 16 MB and merges that write the same postings again. No compound files: packing each
        // segment into one file copies it once more, and this index is a cache in a folder of its own.
        IndexWriterConfig config = new IndexWriterConfig(RunbookSearchIndex.newAnalyzer())
                .setRAMBufferSizeMB(indexingBufferMb()).setUseCompoundFile(false)
                .setOpenMode(plan.createIndex() ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
        config.getMergePolicy().setNoCFSRatio(0.0);
        try (IndexWriter writer = new IndexWriter(directory, config)) {
            for (String path : plan.removed()) {
                writer.deleteDocuments(new Term(RunbookSearchIndex.FILE_FIELD, path));
            }
            // Read and indexed on every core (the writer takes documents from several threads); each file's
            // documents replace its old ones in one step.
            try {
                plan.changed().parallelStream().forEach(path -> {
                    try {
                        Term file = new Term(RunbookSearchIndex.FILE_FIELD, path);
                        List<Document> documents = documents(path, read.apply(path));
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
        plan.stampRead(read);
        IndexManifest.write(dir.resolve(MANIFEST), build, plan.stampedNanos(), plan.entries());
    }

    /** A file's documents: none for a file that gave no runbook (not searchable, as in the library; lint says why). */
    private static List<Document> documents(String path, FileRead read) {
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < read.runbooks().size(); i++) {
            Runbook runbook = read.runbooks().get(i);
            Document d = RunbookSearchIndex.luceneDocument(RunbookLibrary.searchDocument(runbook), path);
            d.add(new StoredField(RUNBOOK_FIELD, IndexedRunbook.toJson(runbook)));
            d.add(new StoredField(ORDINAL_FIELD, i));
            for (String key : AlertIndex.lookupKeys(runbook)) {
                d.add(new StringField(ALERT_KEY_FIELD, key, Field.Store.NO));
            }
            documents.add(d);
        }
        return documents;
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
        // Not String.format: its locale data takes a tenth of a second to load, on every open.
        String hex = Long.toHexString(hash);
        return folder.resolve("0".repeat(16 - hex.length()) + hex);
    }

    /** Obtained only when there is something to say: setting up logging is a tenth of a short command's time. */
    private static Logger log() {
        return LoggerFactory.getLogger(SearchIndexCache.class);
    }
}
