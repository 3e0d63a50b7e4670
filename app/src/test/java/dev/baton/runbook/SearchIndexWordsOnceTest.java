package dev.baton.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;

/**
 * The index cuts a runbook's body into words once for its plain and stemmed fields. It must hold exactly what
 * the index held when each field analysed its own text (the reference below is that way of indexing, kept
 * here): the same words with the same counts and lengths in every field, and so the same answers to queries.
 */
class SearchIndexWordsOnceTest {
    private static final List<String> FIELDS = List.of("title", "alerts", "filename", "headings", "body", "stems");

    @Test
    void everyFieldHoldsTheSameWordsCountsAndLengthsAsEachFieldAnalysingItsOwnText() throws IOException {
        List<SearchDocument> library = library(600);
        try (Directory before = reference(library); Directory now = current(library);
                DirectoryReader expected = DirectoryReader.open(before); DirectoryReader actual = DirectoryReader.open(now)) {
            LeafReader old = expected.leaves().get(0).reader();
            LeafReader fresh = actual.leaves().get(0).reader();
            for (String field : FIELDS) {
                assertThat(postings(fresh, field)).as(field).isEqualTo(postings(old, field));
                assertThat(norms(fresh, field)).as(field + " lengths").isEqualTo(norms(old, field));
            }
        }
    }

    @Test
    void queriesFindTheSameRunbooksWithTheSameScoresAndSnippets() throws IOException {
        List<SearchDocument> library = library(600);
        try (RunbookSearchIndex old = RunbookSearchIndex.open(reference(library));
                RunbookSearchIndex fresh = RunbookSearchIndex.open(current(library));
                RunbookSearchIndex inMemory = RunbookSearchIndex.build(library)) {
            List<String> queries = List.of("restart", "restarting", "restarted", "pods", "pod's", "POD'S", "evictions",
                    "KubePodCrashLooping", "kube pod crash looping", "crash loop", "kubepodcr", "node_disk_full", "disk full",
                    "HTTP5xxRate", "5xx", "redis-saturation-0042", "saturation 42", "removal", "the", "and restart",
                    "etcd leader", "lead", "re", "journalctl --vacuum-size", "used_memory", "maxmemory-policy",
                    "PostgresReplicationLagHigh", "replication lagging", "certificates expiring", "x", "ünïcödé", "日本");
            for (String query : queries) {
                List<SearchHit> expected = old.search(query, 40);
                assertThat(fresh.search(query, 40)).as(query).isEqualTo(expected);
                assertThat(inMemory.search(query, 40)).as(query + " in memory").extracting(SearchHit::id)
                        .isEqualTo(expected.stream().map(SearchHit::id).toList());
            }
            assertThat(old.search("restarting", 40)).isNotEmpty();
            assertThat(old.search("kube pod crash looping", 40)).isNotEmpty();
        }
    }

    /** Runbooks in the project's own words, with the forms search must tell apart or bring together. */
    private static List<SearchDocument> library(int count) {
        Random random = new Random(32);
        String[] words = {"restart", "restarting", "restarted", "restarts", "pod", "pods", "pod's", "POD'S", "Node's",
                "the", "and", "of", "is", "not", "leader", "leading", "etcd", "disk", "full", "removal", "remove",
                "KubePodCrashLooping", "node_disk_full", "HTTP5xxRate", "used_memory", "maxmemory-policy", "kube-apiserver",
                "journalctl", "--vacuum-size", "/var/log/*", "10.0.0.1:9100", "v1.28.3", "e.g.", "don't", "it's", "o'clock",
                "Ünïcödé", "日本語", "certificates", "expiring", "replication", "lagging", "PostgresReplicationLagHigh",
                "x" + "y".repeat(300), "$(rm -rf /)", "`id`", "\"quoted\"", "it’s", "CPU's", "Saturation", "5xx"};
        List<SearchDocument> documents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String alert = random.nextInt(3) == 0 ? "KubePodCrashLooping" : "RedisSaturation" + i;
            List<String> headings = List.of(sentence(random, words, 3), sentence(random, words, 2));
            StringBuilder body = new StringBuilder();
            for (int p = 0; p < 1 + random.nextInt(6); p++) {
                body.append(sentence(random, words, 5 + random.nextInt(40))).append(random.nextBoolean() ? "\n\n" : "\n");
            }
            String file = "team-" + i % 7 + "/redis-saturation-" + String.format(java.util.Locale.ROOT, "%04d", i)
                    + (i % 5 == 0 ? ".html.md" : ".md");
            documents.add(new SearchDocument(file + (i % 11 == 0 ? "#second" : ""), sentence(random, words, 3),
                    i % 9 == 0 ? List.of() : List.of(alert), i % 13 == 0 ? List.of() : headings,
                    i % 17 == 0 ? "" : body.toString()));
        }
        return documents;
    }

    private static String sentence(Random random, String[] words, int length) {
        StringBuilder sentence = new StringBuilder();
        for (int w = 0; w < length; w++) {
            sentence.append(w == 0 ? "" : random.nextInt(10) == 0 ? ", " : " ").append(words[random.nextInt(words.length)]);
        }
        return sentence.append('.').toString();
    }

    private static Directory current(List<SearchDocument> library) throws IOException {
        return write(library, doc -> RunbookSearchIndex.luceneDocument(doc, "f"), RunbookSearchIndex.newAnalyzer());
    }

    /** Each field analysing its own text, the body three times over: how documents were indexed before. */
    private static Directory reference(List<SearchDocument> library) throws IOException {
        Analyzer analyzer = new PerFieldAnalyzerWrapper(new StandardAnalyzer(), Map.of("stems", new EnglishAnalyzer()));
        FieldType words = new FieldType(TextField.TYPE_NOT_STORED);
        words.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
        words.freeze();
        FieldType storedWords = new FieldType(words);
        storedWords.setStored(true);
        storedWords.freeze();
        return write(library, doc -> {
            Document d = new Document();
            d.add(new StringField("id", doc.id(), Field.Store.YES));
            d.add(new Field("title", doc.title(), storedWords));
            d.add(new Field("title", AlertWords.identifierWords(doc.title()), words));
            StringBuilder alerts = new StringBuilder();
            for (String alert : doc.alerts()) {
                alerts.append(alert).append(' ').append(AlertWords.split(alert)).append('\n');
            }
            d.add(new Field("alerts", alerts.toString(), words));
            String path = doc.id().contains("#") ? doc.id().substring(0, doc.id().indexOf('#')) : doc.id();
            String name = path.substring(path.lastIndexOf('/') + 1).replaceFirst("(?i)(\\.html?)?\\.(md|markdown|txt)$", "");
            d.add(new Field("filename", name + "\n" + AlertWords.split(name), words));
            String headings = String.join("\n", doc.headings());
            d.add(new Field("headings", headings, words));
            d.add(new Field("headings", AlertWords.identifierWords(headings), words));
            d.add(new Field("body", doc.body(), words));
            d.add(new Field("body", AlertWords.identifierWords(doc.body()), words));
            d.add(new Field("stems", doc.title() + "\n" + alerts + headings + "\n" + doc.body(), words));
            d.add(new StoredField("text", doc.body()));
            d.add(new StringField(RunbookSearchIndex.FILE_FIELD, "f", Field.Store.YES));
            return d;
        }, analyzer);
    }

    private static Directory write(List<SearchDocument> library, java.util.function.Function<SearchDocument, Document> document,
            Analyzer analyzer) throws IOException {
        Directory directory = new ByteBuffersDirectory();
        // One segment, documents in the library's order: the two indexes compare document by document.
        IndexWriterConfig config = new IndexWriterConfig(analyzer).setRAMBufferSizeMB(256).setMergePolicy(NoMergePolicy.INSTANCE);
        try (IndexWriter writer = new IndexWriter(directory, config)) {
            for (SearchDocument doc : library) {
                writer.addDocument(document.apply(doc));
            }
            writer.commit();
        }
        return directory;
    }

    /** Every word of the field with each document holding it and how often: "word doc×freq …". */
    private static List<String> postings(LeafReader reader, String field) throws IOException {
        List<String> lines = new ArrayList<>();
        Terms terms = reader.terms(field);
        if (terms == null) {
            return lines;
        }
        TermsEnum words = terms.iterator();
        PostingsEnum postings = null;
        while (words.next() != null) {
            StringBuilder line = new StringBuilder(words.term().utf8ToString());
            postings = words.postings(postings, PostingsEnum.FREQS);
            while (postings.nextDoc() != DocIdSetIterator.NO_MORE_DOCS) {
                line.append(' ').append(postings.docID()).append('×').append(postings.freq());
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** Each document's encoded length of the field, which ranking weighs. */
    private static List<Long> norms(LeafReader reader, String field) throws IOException {
        List<Long> lengths = new ArrayList<>();
        NumericDocValues norms = reader.getNormValues(field);
        if (norms != null) {
            while (norms.nextDoc() != DocIdSetIterator.NO_MORE_DOCS) {
                lengths.add((long) norms.docID() << 32 | norms.longValue());
            }
        }
        return lengths;
    }
}
