package dev.baton.runbook;

import dev.baton.runbook.IndexManifest.Stamp;
import dev.baton.runbook.RunbookLibrary.FileRead;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.apache.lucene.index.DirectoryReader;
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
            return answer(roots, update, (reader, found) -> {
                reader.incRef(); // the index's closing leaves the reader open for whoever opened it
                try (RunbookSearchIndex index = RunbookSearchIndex.of(reader)) {
                    return index.search(query, limit);
                }
            });
        } catch (IOException | RuntimeException e) {
            log().warn("The search index in {} cannot be used ({}); reading the runbooks instead", folder, e.toString());
            forgetUnlessLocked(roots, e); // damaged or from another version: the next search builds it afresh
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
            return answer(roots, new Update[1],
                    (reader, found) -> IndexedAlertLookup.answer(roots, alertName, keys, reader, found));
        } catch (IOException | RuntimeException e) {
            log().debug("The index did not answer alert lookup ({}); reading the runbooks instead", e.toString());
            return Optional.empty();
        }
    }

    /** A question to the index: {@code found} gives the files found in the folders, waited for when asked. */
    private interface IndexQuestion<T> {
        T answer(DirectoryReader reader, AnswerWhileChecking.Check<Map<String, Path>> found) throws IOException;
    }

    /**
     * Answers {@code question} from the index, brought up to date with the folders: from the index as it was when the
     * folders' check (on another thread meanwhile, see {@link AnswerWhileChecking}) finds nothing changed, else
     * asked again once the index is up to date.
     */
    private <T> T answer(List<Path> roots, Update[] update, IndexQuestion<T> question) throws IOException {
        Path dir = indexFolder(roots);
        Files.createDirectories(dir);
        RunnableFuture<IndexPlan> check = checking.start(() -> IndexPlan.of(roots, dir.resolve(MANIFEST), build, true, new ArrayList<>()));
        try (Directory directory = cacheDirectory(dir)) {
            var early = AnswerWhileChecking.answer(directory, check, IndexPlan::upToDate,
                    (reader, checked) -> question.answer(reader, () -> checked.get().files()));
            Refreshed refreshed = refresh(usable(early, roots, dir, directory), dir, directory);
            update[0] = refreshed.update();
            if (early.answered()) {
                return early.answer();
            }
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                return question.answer(reader, refreshed::files);
            }
        }
    }

    /**
     * The plan to bring the index up to date with after an early answer: the check's own when it ran to the end
     * beside an index that could be opened (it assumed one), else a new one.
     */
    private IndexPlan usable(AnswerWhileChecking.Outcome<?, IndexPlan> early, List<Path> roots, Path dir, Directory directory)
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
                Map<String, Path> files = IndexedAlertLookup.filesWithRunbooks(byFile.keySet(), refreshed.files());
                return RunbookLibrary.of(IndexedAlertLookup.ofFiles(byFile, files), files, List.of(), roots, null);
            }
        } catch (IOException | RuntimeException e) {
            log().warn("The search index in {} cannot be used ({}); reading the runbooks instead", folder, e.toString());
            forgetUnlessLocked(roots, e);
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
            IndexPlan plan = plan(roots, dir, directory, problems);
            update[0] = plan.update();
            boolean indexAfter = plan.changed().size() >= indexedAfterFrom && !plan.upToDate();
            Refreshed refreshed = indexAfter ? refreshed(plan, Map.of()) : refresh(plan, dir, directory);
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
            forgetUnlessLocked(roots, e);
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
    private RunbookSearchIndex indexAfter(List<Path> roots, IndexPlan plan, Path dir, Directory directory,
            Map<String, FileRead> reads, List<Runbook> runbooks) {
        try {
            IndexWriting.write(plan, dir.resolve(MANIFEST), build, directory, reads::get);
            RunbookSearchIndex index = RunbookSearchIndex.open(directory);
            index.search("warm", 1); // the search code is loaded before the first keystroke
            return index;
        } catch (IOException | RuntimeException e) {
            log().warn("The search index in {} cannot be written ({}); searching the runbooks in memory", folder, e.toString());
            closeQuietly(directory);
            forgetUnlessLocked(roots, e);
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

    private Refreshed refresh(List<Path> roots, Path dir, Directory directory, List<LibraryProblem> problems) throws IOException {
        return refresh(plan(roots, dir, directory, problems), dir, directory);
    }

    /** Brings the index up to date with the plan's folders, reading the files it must. */
    private Refreshed refresh(IndexPlan plan, Path dir, Directory directory) throws IOException {
        if (plan.upToDate()) {
            if (plan.hashed()) {
                // Files hashed again only for being new to the manifest's clock: once written down, they are not.
                IndexManifest.write(dir.resolve(MANIFEST), build, plan.stampedNanos(), plan.entries());
            }
            return refreshed(plan, Map.of());
        }
        Map<String, FileRead> reads = new ConcurrentHashMap<>();
        RunbookFileReader reader = new RunbookFileReader();
        RunbookParser parser = new RunbookParser();
        IndexWriting.write(plan, dir.resolve(MANIFEST), build, directory, path -> reads.computeIfAbsent(path,
                p -> RunbookLibrary.read(reader, parser, p, plan.files().get(p), true)));
        return refreshed(plan, reads);
    }

    /** Finds the folders' files and compares them with the index; the walk's own problems (unreadable folders) go to {@code problems}. */
    private IndexPlan plan(List<Path> roots, Path dir, Directory directory, List<LibraryProblem> problems) throws IOException {
        return IndexPlan.of(roots, dir.resolve(MANIFEST), build, DirectoryReader.indexExists(directory), problems);
    }

    /** The files the plan found, with their stamps, and {@code reads}, those read to bring the index up to date. */
    private static Refreshed refreshed(IndexPlan plan, Map<String, FileRead> reads) {
        return new Refreshed(plan.update(), plan.files(), plan.current(), reads);
    }

    /** Removes the index unless {@code failure} was another Baton holding its lock (that index is sound). */
    private void forgetUnlessLocked(List<Path> roots, Exception failure) {
        if (!(failure.getCause() instanceof LockObtainFailedException)) {
            forget(roots);
        }
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
