package dev.baton.history;

import dev.baton.incident.IncidentInfo;
import dev.baton.incident.IncidentStore;
import dev.baton.incident.Timeline;
import dev.baton.incident.TimelineEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every event of every incident in the data folder, in a Lucene index on disk beside them
 * ({@code history-index}). {@link #update()} catches up from where it last stopped in each incident (only
 * timelines and notes that changed since are read); a damaged index, or one from another version, is made
 * again from the timelines, which are the record: the index only ever holds what they say. A timeline whose
 * hash chain fails is reported and its events are left out.
 *
 * <p>Every method reads or writes the disk: call them off the UI thread. Searches may run from several
 * threads; updates take turns.
 */
public final class HistoryIndex implements AutoCloseable {
    /** Bumped whenever what is indexed, or how, changes: an older index is then made again. */
    static final String FORMAT = "1";
    private static final String FORMAT_KEY = "\u0000format";
    private static final String TIMELINE = "timeline.jsonl";

    private final Path folder;
    private final Path incidents;
    private final Analyzer analyzer = new StandardAnalyzer();
    private Directory directory;
    /** Opened on the first search; refreshed after each update, so searches see what was committed. */
    private SearcherManager searchers;
    /** A search found the index damaged: the next update makes it again. */
    private volatile boolean damaged;

    private HistoryIndex(Path folder, Path incidents) {
        this.folder = folder;
        this.incidents = incidents;
    }

    /** The index of the incidents of {@code store}, in its data folder. Nothing is read until it is used. */
    public static HistoryIndex of(IncidentStore store) {
        return new HistoryIndex(store.incidentsDirectory().resolveSibling("history-index"), store.incidentsDirectory());
    }

    static HistoryIndex at(Path folder, Path incidents) {
        return new HistoryIndex(folder, incidents);
    }

    public Path folder() {
        return folder;
    }

    /**
     * Brings the index up to date with the incidents folder. A damaged index is removed and made again, and
     * the log says so. Throws {@link HistoryBusyException} when another Baton is updating it.
     */
    public synchronized HistoryUpdate update() throws IOException {
        Map<String, IndexMarks> marks;
        boolean rebuilt = false;
        try {
            if (damaged) {
                damaged = false;
                throw new org.apache.lucene.index.CorruptIndexException("a search found it damaged", folder.toString());
            }
            marks = readMarks();
        } catch (IOException | RuntimeException damaged) {
            log().warn("The history index in {} is damaged ({}); rebuilding it from the incidents' timelines",
                    folder, damaged.toString());
            wipe();
            marks = new HashMap<>();
            rebuilt = true;
        }
        if (marks == null) {
            marks = new HashMap<>();
            rebuilt = true;
        }
        try {
            return catchUp(marks, rebuilt);
        } catch (LockObtainFailedException busy) {
            throw new HistoryBusyException(folder);
        } catch (IOException | RuntimeException damaged) {
            if (rebuilt || !isIndexDamage(damaged)) {
                throw damaged;
            }
            log().warn("The history index in {} is damaged ({}); rebuilding it from the incidents' timelines",
                    folder, damaged.toString());
            wipe();
            return catchUp(new HashMap<>(), true);
        }
    }

    private static boolean isIndexDamage(Exception e) {
        return e instanceof java.io.EOFException || e instanceof org.apache.lucene.index.CorruptIndexException
                || e instanceof org.apache.lucene.index.IndexFormatTooOldException
                || e instanceof org.apache.lucene.index.IndexFormatTooNewException;
    }

    private HistoryUpdate catchUp(Map<String, IndexMarks> marks, boolean rebuilt) throws IOException {
        Map<String, Path> found = new HashMap<>();
        if (Files.isDirectory(incidents)) {
            try (var folders = Files.list(incidents)) {
                for (Path incident : (Iterable<Path>) folders::iterator) {
                    String id = incident.getFileName().toString();
                    if (!id.startsWith(".") && Files.isRegularFile(incident.resolve(IncidentStore.INFO_FILE))) {
                        found.put(id, incident);
                    }
                }
            }
        }
        Map<String, String> stamps = new HashMap<>();
        List<String> changed = new ArrayList<>();
        for (Map.Entry<String, Path> incident : found.entrySet()) {
            String stamp = IndexMarks.stampOf(incident.getValue());
            stamps.put(incident.getKey(), stamp);
            IndexMarks mark = marks.get(incident.getKey());
            if (mark == null || !mark.stamp().equals(stamp)) {
                changed.add(incident.getKey());
            }
        }
        List<String> removed = marks.keySet().stream().filter(id -> !found.containsKey(id)).toList();
        Map<String, IndexMarks> next = new ConcurrentHashMap<>(marks);
        AtomicLong events = new AtomicLong();
        AtomicInteger indexed = new AtomicInteger();
        if (!changed.isEmpty() || !removed.isEmpty() || rebuilt) {
            Files.createDirectories(folder);
            IndexWriterConfig config = new IndexWriterConfig(analyzer).setOpenMode(rebuilt
                    ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
            config.setRAMBufferSizeMB(64);
            try (IndexWriter writer = new IndexWriter(directory(), config)) {
                for (String id : removed) {
                    writer.deleteDocuments(new Term(IncidentDocuments.INCIDENT, id));
                    next.remove(id);
                }
                // Incidents are read and indexed on every core; the writer takes documents from several threads.
                Map<String, IndexMarks> before = marks;
                try {
                    changed.parallelStream().forEach(id -> {
                        try {
                            IndexMarks mark = index(writer, id, found.get(id), stamps.get(id), before.get(id), events);
                            if (mark != null) {
                                next.put(id, mark);
                                indexed.incrementAndGet();
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
                Map<String, String> userData = new HashMap<>();
                next.forEach((id, mark) -> userData.put(id, mark.encode()));
                userData.put(FORMAT_KEY, FORMAT);
                writer.setLiveCommitData(userData.entrySet());
                writer.commit();
            }
            if (searchers != null) {
                searchers.maybeRefreshBlocking();
            }
        }
        List<HistoryUpdate.Tampered> tampered = next.entrySet().stream().filter(e -> e.getValue().tampered())
                .sorted(Map.Entry.comparingByKey())
                .map(e -> new HistoryUpdate.Tampered(e.getKey(), e.getValue().problem())).toList();
        return new HistoryUpdate(indexed.get(), events.get(), removed.size(), rebuilt, tampered);
    }

    /** Indexes what is new in one incident; returns its new mark, or null when it is not an incident after all. */
    private IndexMarks index(IndexWriter writer, String id, Path incident, String stamp, IndexMarks mark,
            AtomicLong events) throws IOException {
        IncidentInfo info;
        Timeline.Read read;
        try {
            info = IncidentStore.readInfo(incident);
            read = Files.exists(incident.resolve(TIMELINE)) ? Timeline.read(incident.resolve(TIMELINE))
                    : new Timeline.Read(List.of(), Timeline.verify(new byte[0]), 0);
        } catch (IOException | RuntimeException unreadable) {
            log().warn("Incident {} cannot be read for the history ({}); left out", id, unreadable.toString());
            return null;
        }
        List<TimelineEvent> all = read.events();
        String problem = read.verification().intact() ? "" : read.verification().problems().get(0);
        if (problem.isEmpty() && mark != null && !mark.tampered() && !mark.hash().equals(hashOfLine(read, mark.seq()))) {
            problem = "the first " + mark.seq() + " lines are not those indexed earlier: they were changed or removed";
        }
        Term ofIncident = new Term(IncidentDocuments.INCIDENT, id);
        if (!problem.isEmpty()) {
            writer.deleteDocuments(ofIncident);
            if (mark == null || !problem.equals(mark.problem())) {
                log().warn("Incident {}: its timeline does not verify ({}); its events are left out of the history",
                        id, problem);
            }
            return new IndexMarks(stamp, 0, Timeline.GENESIS, problem);
        }
        long after = mark == null || mark.tampered() ? 0 : mark.seq();
        if (after == 0) {
            writer.deleteDocuments(ofIncident);
        }
        IncidentDocuments documents = new IncidentDocuments(incident, info);
        List<Document> added = documents.events(all, after);
        writer.addDocuments(added);
        events.addAndGet(added.size());
        Document notes = documents.notes(all);
        Term notesKey = new Term(IncidentDocuments.KEY, IncidentDocuments.key(id, IncidentDocuments.NOTES_TYPE, 0));
        if (notes == null) {
            writer.deleteDocuments(notesKey);
        } else {
            writer.updateDocument(notesKey, notes);
        }
        writer.updateDocument(new Term(IncidentDocuments.KEY, IncidentDocuments.key(id, IncidentDocuments.SUMMARY, 0)),
                documents.summary(IncidentSummaries.of(info, all)));
        events.addAndGet(indexTeamLogs(writer, id, incident, info));
        return new IndexMarks(stamp, all.size(), read.verification().headHash(), "");
    }

    /**
     * Teammates' logs copied in from the team's remote, indexed afresh whenever they change (they were checked
     * when taken in; a copy whose chain fails here is left out and the log says so).
     */
    private static long indexTeamLogs(IndexWriter writer, String id, Path incident, IncidentInfo info)
            throws IOException {
        writer.deleteDocuments(new Term(IncidentDocuments.LOG_OF, id));
        Path logs = incident.resolve(IncidentStore.TEAM_LOGS);
        if (!Files.isDirectory(logs)) {
            return 0;
        }
        long added = 0;
        List<Path> files;
        try (var listed = Files.list(logs)) {
            files = listed.filter(file -> file.getFileName().toString().endsWith(".jsonl")
                    && Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            String responder = name.substring(0, name.length() - ".jsonl".length());
            Timeline.Read read;
            try {
                read = Timeline.read(file);
            } catch (IOException | RuntimeException unreadable) {
                log().warn("{}'s log of incident {} cannot be read for the history ({}); left out", responder, id,
                        unreadable.toString());
                continue;
            }
            if (!read.verification().intact()) {
                log().warn("{}'s log of incident {} does not verify ({}); its events are left out of the history",
                        responder, id, read.verification().problems().get(0));
                continue;
            }
            List<Document> documents = new IncidentDocuments(incident, info, responder).events(read.events(), 0);
            writer.addDocuments(documents);
            added += documents.size();
        }
        return added;
    }

    /** The hash of line {@code seq} of a verified timeline: the next line names it; the last is the head. */
    private static String hashOfLine(Timeline.Read read, long seq) {
        List<TimelineEvent> events = read.events();
        if (seq == 0) {
            return Timeline.GENESIS;
        }
        if (seq > events.size()) {
            return "";
        }
        return seq == events.size() ? read.verification().headHash() : events.get((int) seq).prev();
    }

    /** The marks of the last commit; null when there is no index yet. Throws when the index is damaged. */
    private Map<String, IndexMarks> readMarks() throws IOException {
        if (!Files.isDirectory(folder) || !DirectoryReader.indexExists(directory())) {
            return null;
        }
        Map<String, String> userData = SegmentInfos.readLatestCommit(directory()).getUserData();
        if (!FORMAT.equals(userData.get(FORMAT_KEY))) {
            log().info("The history index in {} is from another version of Baton; making it again", folder);
            wipe();
            return null;
        }
        Map<String, IndexMarks> marks = new HashMap<>();
        userData.forEach((id, mark) -> {
            if (!id.equals(FORMAT_KEY)) {
                marks.put(id, IndexMarks.decode(mark));
            }
        });
        return marks;
    }

    /** Searches the index as last updated; an index never updated yet finds nothing. */
    public List<HistoryHit> search(HistoryQuery query) throws IOException {
        return withSearcher(List.of(), searcher -> searcher.search(query, analyzer));
    }

    /**
     * Past incidents that answered {@code alertname}: those sharing the alert's service, namespace or node
     * first, then the newest.
     */
    public List<PastIncident> lastTime(String alertname, Map<String, String> labels, int limit) throws IOException {
        return withSearcher(List.of(), searcher -> searcher.lastTime(alertname, labels, limit));
    }

    /** Each step of {@code runbookId} across every past incident, by step number. */
    public Map<Integer, StepMemory> stepMemory(String runbookId) throws IOException {
        return withSearcher(Map.of(), searcher -> searcher.stepMemory(runbookId));
    }

    private interface Search<T> {
        T apply(HistorySearcher searcher) throws IOException;
    }

    private <T> T withSearcher(T none, Search<T> search) throws IOException {
        SearcherManager manager = searchers();
        if (manager == null) {
            return none;
        }
        manager.maybeRefresh(); // another Baton (the command line) may have committed since
        IndexSearcher searcher = manager.acquire();
        try {
            return search.apply(new HistorySearcher(searcher));
        } catch (IOException damaged) {
            if (!isIndexDamage(damaged)) {
                throw damaged;
            }
            log().warn("The history index in {} is damaged ({}); it is made again from the timelines at the next update",
                    folder, damaged.toString());
            this.damaged = true;
            throw new IOException("the history index was damaged; it is being made again from the timelines, search again",
                    damaged);
        } finally {
            manager.release(searcher);
        }
    }

    private synchronized SearcherManager searchers() throws IOException {
        if (searchers == null && Files.isDirectory(folder) && DirectoryReader.indexExists(directory())) {
            searchers = new SearcherManager(directory(), null);
        }
        return searchers;
    }

    private Directory directory() throws IOException {
        if (directory == null) {
            Files.createDirectories(folder);
            directory = FSDirectory.open(folder);
        }
        return directory;
    }

    /** Removes the index's files, so the next update makes it from the timelines. */
    private void wipe() throws IOException {
        closeSearcher();
        if (directory != null) {
            directory.close();
            directory = null;
        }
        if (Files.isDirectory(folder)) {
            try (var paths = Files.walk(folder)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    if (!p.equals(folder)) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    private void closeSearcher() throws IOException {
        if (searchers != null) {
            searchers.close();
            searchers = null;
        }
    }

    @Override
    public synchronized void close() throws IOException {
        closeSearcher();
        if (directory != null) {
            directory.close();
            directory = null;
        }
    }

    private static Logger log() {
        return LoggerFactory.getLogger(HistoryIndex.class);
    }
}
