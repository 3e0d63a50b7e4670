package dev.baton.runbook;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Alert lookup answered from the search index kept on disk ({@link SearchIndexCache#forAlert}): only the runbooks
 * under the alert's keys, the runbooks that list alerts for others and the files those point at are read back,
 * then looked up as the whole library looks them up.
 */
final class IndexedAlertLookup {

    private IndexedAlertLookup() {
    }

    /**
     * {@code found}: the files found in the folder now (display path to file), waited for only once what the index
     * alone can say is read, so that the folder's check runs meanwhile ({@link AnswerWhileChecking}).
     */
    static Optional<List<AlertMatch>> answer(List<Path> roots, String alertName, List<String> keys,
            DirectoryReader reader, AnswerWhileChecking.Check<Map<String, Path>> found) throws IOException {
        Set<String> withDocuments = filesWithDocuments(reader);
        BooleanQuery.Builder wanted = new BooleanQuery.Builder();
        for (String key : keys) {
            wanted.add(new TermQuery(new Term(SearchIndexCache.ALERT_KEY_FIELD, key)), BooleanClause.Occur.SHOULD);
        }
        wanted.add(new TermQuery(new Term(SearchIndexCache.ALERT_KEY_FIELD, AlertIndex.LISTS_ALERTS)), BooleanClause.Occur.SHOULD);
        Map<String, List<Runbook>> byFile = new HashMap<>();
        readRunbooks(reader, wanted.build(), byFile);
        Map<String, Path> files = filesWithRunbooks(withDocuments, found.get());
        // The files the listing runbooks link to, whole: a link's heading is looked for among the file's runbooks.
        Set<String> linked = new HashSet<>();
        try (RunbookLibrary listings = RunbookLibrary.of(ofFiles(byFile, files), files, List.of(), roots, null)) {
            for (List<Runbook> ofFile : byFile.values()) {
                for (Runbook runbook : ofFile) {
                    if (runbook != null && (!runbook.indexEntries().isEmpty() || !runbook.alertMap().isEmpty())) {
                        linked.add(runbook.path());
                        List<String> targets = AlertIndex.targets(runbook);
                        linked.addAll(listings.linkedFiles(runbook, targets));
                        // A target no link leads to (an id, a broken link) is looked for among the files' names.
                        for (String file : files.keySet()) {
                            String name = file.substring(file.lastIndexOf('/') + 1);
                            if (targets.stream().anyMatch(target -> AlertIndex.mayName(name, target))) {
                                linked.add(file);
                            }
                        }
                    }
                }
            }
        }
        if (!linked.isEmpty()) {
            readRunbooks(reader, new TermInSetQuery(RunbookSearchIndex.FILE_FIELD,
                    linked.stream().map(BytesRef::new).toList()), byFile);
        }
        try (RunbookLibrary few = RunbookLibrary.of(ofFiles(byFile, files), files, List.of(), roots, null)) {
            List<AlertMatch> matches = few.forAlert(alertName);
            return matches.isEmpty() ? Optional.empty() : Optional.of(matches);
        }
    }

    /** The files the index holds live documents of (display paths). */
    private static Set<String> filesWithDocuments(DirectoryReader reader) throws IOException {
        Set<String> withDocuments = new HashSet<>();
        for (var leaf : reader.leaves()) {
            Terms terms = leaf.reader().terms(RunbookSearchIndex.FILE_FIELD);
            if (terms == null) {
                continue;
            }
            var live = leaf.reader().getLiveDocs();
            TermsEnum each = terms.iterator();
            PostingsEnum postings = null;
            for (BytesRef term = each.next(); term != null; term = each.next()) {
                postings = each.postings(postings, PostingsEnum.NONE);
                for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                    if (live == null || live.get(doc)) {
                        withDocuments.add(term.utf8ToString());
                        break;
                    }
                }
            }
        }
        return withDocuments;
    }

    /**
     * The files the index holds runbooks of (display path to absolute file), in the library's order: as
     * {@link SearchIndexCache#lookupLibrary} gives them, a file that gave no runbook is not among them.
     */
    static Map<String, Path> filesWithRunbooks(Set<String> withDocuments, Map<String, Path> found) {
        Map<String, Path> files = new LinkedHashMap<>();
        found.forEach((display, file) -> {
            if (withDocuments.contains(display)) {
                files.put(display, file.toAbsolutePath().normalize());
            }
        });
        return files;
    }

    /** Adds the runbooks of the live documents {@code query} matches to {@code byFile}, each at its place in its file. */
    private static void readRunbooks(DirectoryReader reader, Query query, Map<String, List<Runbook>> byFile) throws IOException {
        IndexSearcher searcher = new IndexSearcher(reader);
        Set<String> fields = Set.of(RunbookSearchIndex.FILE_FIELD, SearchIndexCache.RUNBOOK_FIELD, SearchIndexCache.ORDINAL_FIELD);
        var stored = searcher.storedFields();
        for (ScoreDoc hit : searcher.search(query, Math.max(1, reader.maxDoc())).scoreDocs) {
            Document d = stored.document(hit.doc, fields);
            String file = d.get(RunbookSearchIndex.FILE_FIELD);
            int ordinal = d.getField(SearchIndexCache.ORDINAL_FIELD).numericValue().intValue();
            List<Runbook> ofFile = byFile.get(file);
            if (ofFile == null || ofFile.size() <= ordinal || ofFile.get(ordinal) == null) {
                SearchIndexCache.place(byFile, file, ordinal, IndexedRunbook.fromJson(d.get(SearchIndexCache.RUNBOOK_FIELD)));
            }
        }
    }

    /** The runbooks read, in the library's order: by file as {@code files} orders them, then by place in the file. */
    static List<Runbook> ofFiles(Map<String, List<Runbook>> byFile, Map<String, Path> files) {
        List<Runbook> runbooks = new ArrayList<>();
        for (String file : files.keySet()) {
            for (Runbook runbook : byFile.getOrDefault(file, List.of())) {
                if (runbook != null) {
                    runbooks.add(runbook);
                }
            }
        }
        return runbooks;
    }
}
