package dev.baton.runbook;

import dev.baton.runbook.RunbookLibrary.FileRead;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.LockObtainFailedException;

/** Writes the runbook search index on disk ({@link SearchIndexCache}): a plan's changed files, then its manifest. */
final class IndexWriting {
    private IndexWriting() {
    }

    /**
     * The indexing buffer of a refresh, given back when it ends: 128 MB holds the first open of 5,000 runbooks
     * (20 MB of text) whole, and an eighth of the heap leaves a small heap room for the rest (never below
     * Lucene's own 16 MB).
     */
    private static double indexingBufferMb() {
        return Math.max(16, Math.min(128, Runtime.getRuntime().maxMemory() / 8 / (1024 * 1024)));
    }

    /** Writes the plan's changed files into the index ({@code read} gives each one's runbooks), then the manifest. */
    static void write(IndexPlan plan, Path manifestFile, String build, Directory directory, Function<String, FileRead> read)
            throws IOException {
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
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            writer.commit();
        } catch (LockObtainFailedException e) {
            throw new IOException("another Baton is updating the index", e);
        }
        plan.stampRead(read);
        IndexManifest.write(manifestFile, build, plan.stampedNanos(), plan.entries());
    }

    /** A file's documents: none for a file that gave no runbook (not searchable, as in the library; lint says why). */
    private static List<Document> documents(String path, FileRead read) {
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < read.runbooks().size(); i++) {
            Runbook runbook = read.runbooks().get(i);
            Document d = RunbookSearchIndex.luceneDocument(RunbookLibrary.searchDocument(runbook), path);
            d.add(new StoredField(SearchIndexCache.RUNBOOK_FIELD, IndexedRunbook.toJson(runbook)));
            d.add(new StoredField(SearchIndexCache.ORDINAL_FIELD, i));
            for (String key : AlertIndex.lookupKeys(runbook)) {
                d.add(new StringField(SearchIndexCache.ALERT_KEY_FIELD, key, Field.Store.NO));
            }
            documents.add(d);
        }
        return documents;
    }
}
