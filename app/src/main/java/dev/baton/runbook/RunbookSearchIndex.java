package dev.baton.runbook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Full-text search over runbooks with Apache Lucene, in memory or on disk ({@link SearchIndexCache}). Every word of a query must match some
 * field; the last word also matches as a prefix, for search-as-you-type. Title matches rank above alert
 * names, headings and body. Built once; {@link #search} is safe from several threads.
 */
public final class RunbookSearchIndex implements AutoCloseable {
    private static final Map<String, Float> FIELD_BOOSTS = Map.of("title", 8f, "alerts", 6f, "filename", 4f,
            "headings", 3f, "body", 1f);
    /** A query longer than this is someone pasting a log line; its first words are enough. */
    private static final int MAX_QUERY_TERMS = 12;
    private static final int MIN_PREFIX_LENGTH = 2;
    /**
     * The field holding every searched word by its English stem (Lucene's Porter stemmer): "removal" finds
     * "remove", "restarting" finds "restart". Apart from the other fields, so prefixes and identifiers keep
     * matching the words as written, and a word as typed still ranks above a word that only shares its stem.
     */
    private static final String STEMS_FIELD = "stems";
    private static final float STEM_BOOST = 0.5f;

    /**
     * Searched fields keep which documents hold a word and how often, not where: queries are words and
     * prefixes, never phrases, and positions were a fifth of the time spent indexing.
     */
    private static final FieldType WORDS = words(false);
    private static final FieldType STORED_WORDS = words(true);

    private static FieldType words(boolean stored) {
        FieldType type = new FieldType(TextField.TYPE_NOT_STORED);
        type.setIndexOptions(org.apache.lucene.index.IndexOptions.DOCS_AND_FREQS);
        type.setStored(stored);
        type.freeze();
        return type;
    }

    private static final java.util.regex.Pattern RUNBOOK_EXTENSION =
            java.util.regex.Pattern.compile("(?i)(\\.html?)?\\.(md|markdown|txt)$");

    /** The field naming the file a document came from, so a changed file's documents can be replaced. */
    static final String FILE_FIELD = "file";

    /** Fewer documents than this are not worth a thread of their own. */
    private static final int MIN_PART = 500;

    private final Analyzer analyzer;
    private final List<org.apache.lucene.store.Directory> directories;
    private final IndexReader reader;
    private final IndexSearcher searcher;
    /** Each document's text by id, for snippets, when the index does not store it (in memory); else null. */
    private final Map<String, String> texts;

    private RunbookSearchIndex(Analyzer analyzer, List<org.apache.lucene.store.Directory> directories, IndexReader reader,
            Map<String, String> texts) {
        this.analyzer = analyzer;
        this.directories = List.copyOf(directories);
        this.reader = reader;
        this.searcher = new IndexSearcher(reader);
        this.texts = texts;
    }

    /**
     * An index in memory. A large library is indexed in parts, one per core, each in its own writer; the
     * parts are read as one index in the library's order (a {@link MultiReader}), so equal scores still rank
     * as the library lists them, and ranking statistics span every part.
     */
    public static RunbookSearchIndex build(Collection<SearchDocument> documents) {
        List<SearchDocument> all = List.copyOf(documents);
        int parts = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), all.size() / MIN_PART));
        List<List<SearchDocument>> slices = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            slices.add(all.subList(all.size() * p / parts, all.size() * (p + 1) / parts));
        }
        List<ByteBuffersDirectory> directories = slices.parallelStream().map(RunbookSearchIndex::buildPart).toList();
        Map<String, String> texts = new HashMap<>();
        all.forEach(doc -> texts.putIfAbsent(doc.id(), doc.body()));
        try {
            IndexReader[] readers = new IndexReader[parts];
            for (int p = 0; p < parts; p++) {
                readers[p] = DirectoryReader.open(directories.get(p));
            }
            IndexReader reader = parts == 1 ? readers[0] : new MultiReader(readers, true);
            return new RunbookSearchIndex(newAnalyzer(), List.copyOf(directories), reader, texts);
        } catch (IOException e) {
            throw new UncheckedIOException("building the in-memory search index failed", e);
        }
    }

    private static ByteBuffersDirectory buildPart(List<SearchDocument> documents) {
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        // One buffer holds a part's text: one flush, no merges, so documents stay in the order they were added.
        IndexWriterConfig config = new IndexWriterConfig(newAnalyzer()).setRAMBufferSizeMB(256)
                .setUseCompoundFile(false).setCommitOnClose(false).setMergePolicy(NoMergePolicy.INSTANCE);
        try (IndexWriter writer = new IndexWriter(directory, config)) {
            for (SearchDocument doc : documents) {
                writer.addDocument(luceneDocument(doc, false));
            }
            writer.commit();
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("building the in-memory search index failed", e);
        }
    }

    /** Opens an index written with {@link #luceneDocument}; closing the result closes {@code directory}. */
    static RunbookSearchIndex open(org.apache.lucene.store.Directory directory) throws IOException {
        return new RunbookSearchIndex(newAnalyzer(), List.of(directory), DirectoryReader.open(directory), null);
    }

    /** Searches an index through a reader already open; closing the result closes the reader only. */
    static RunbookSearchIndex of(DirectoryReader reader) {
        return new RunbookSearchIndex(newAnalyzer(), List.of(), reader, null);
    }

    /** The analyzer documents are indexed with. */
    static Analyzer newAnalyzer() {
        return new PerFieldAnalyzerWrapper(new StandardAnalyzer(), Map.of(STEMS_FIELD, new EnglishAnalyzer()));
    }

    /** A document for an index on disk: it stores its text for snippets and names the file it came from. */
    static Document luceneDocument(SearchDocument doc, String file) {
        Document d = luceneDocument(doc, true);
        d.add(new StringField(FILE_FIELD, file, Field.Store.YES));
        return d;
    }

    private static Document luceneDocument(SearchDocument doc, boolean storeText) {
        Document d = new Document();
        d.add(new StringField("id", doc.id(), Field.Store.YES));
        // Identifiers are indexed whole and as their words: "node not ready" finds KubeNodeNotReady.
        d.add(new Field("title", doc.title(), STORED_WORDS));
        d.add(new Field("title", AlertWords.identifierWords(doc.title()), WORDS));
        StringBuilder alerts = new StringBuilder();
        for (String alert : doc.alerts()) {
            alerts.append(alert).append(' ').append(AlertWords.split(alert)).append('\n');
        }
        d.add(new Field("alerts", alerts.toString(), WORDS));
        // The file's name, whole and as words: kube-pod-crash-looping.html.md, KubePodCrashLooping.md.
        String path = doc.id().contains("#") ? doc.id().substring(0, doc.id().indexOf('#')) : doc.id();
        String name = RUNBOOK_EXTENSION.matcher(path.substring(path.lastIndexOf('/') + 1)).replaceFirst("");
        d.add(new Field("filename", name + "\n" + AlertWords.split(name), WORDS));
        String headings = String.join("\n", doc.headings());
        d.add(new Field("headings", headings, WORDS));
        d.add(new Field("headings", AlertWords.identifierWords(headings), WORDS));
        // The body, most of a document's text, is cut into words once for both fields that hold it: the stems
        // field takes the same words on through the English analyzer's own filters. A line break always ends a
        // word, so the words of the texts joined are the words of each text in turn.
        List<String> bodyWords = PlainWords.of(doc.body());
        d.add(new Field("body", PlainWords.replay(bodyWords), WORDS));
        d.add(new Field("body", AlertWords.identifierWords(doc.body()), WORDS));
        List<String> stemmed = new ArrayList<>(PlainWords.of(doc.title() + "\n" + alerts + headings));
        stemmed.addAll(bodyWords);
        d.add(new Field(STEMS_FIELD, PlainWords.stems(stemmed), WORDS));
        if (storeText) {
            d.add(new StoredField("text", doc.body()));
        }
        return d;
    }

    /** Results best first; an empty or unsearchable query gives none. Never throws on what a user types. */
    public List<SearchHit> search(String userQuery, int limit) {
        if (userQuery == null || limit <= 0) {
            return List.of();
        }
        List<String> terms = terms(userQuery);
        if (terms.isEmpty()) {
            return List.of();
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (int i = 0; i < terms.size(); i++) {
            boolean last = i == terms.size() - 1;
            Query term = anyField(terms.get(i), last && terms.get(i).length() >= MIN_PREFIX_LENGTH);
            String stem = stem(terms.get(i));
            if (stem != null) {
                term = new BooleanQuery.Builder().add(term, BooleanClause.Occur.SHOULD)
                        .add(new BoostQuery(new TermQuery(new Term(STEMS_FIELD, stem)), STEM_BOOST), BooleanClause.Occur.SHOULD)
                        .build();
            }
            List<String> words = identifierWords(userQuery, terms.get(i));
            if (words.size() > 1) {
                // A CamelCase or snake_case word typed whole also finds its words written apart.
                BooleanQuery.Builder apart = new BooleanQuery.Builder();
                words.forEach(w -> apart.add(anyField(w, false), BooleanClause.Occur.MUST));
                term = new BooleanQuery.Builder().add(term, BooleanClause.Occur.SHOULD)
                        .add(apart.build(), BooleanClause.Occur.SHOULD).build();
            }
            all.add(term, BooleanClause.Occur.MUST);
        }
        try {
            List<SearchHit> hits = new ArrayList<>();
            for (ScoreDoc scoreDoc : searcher.search(all.build(), limit).scoreDocs) {
                Document doc = searcher.storedFields().document(scoreDoc.doc);
                String text = texts != null ? texts.get(doc.get("id")) : doc.get("text");
                hits.add(new SearchHit(doc.get("id"), doc.get("title"), scoreDoc.score, Snippets.around(text, terms)));
            }
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException("searching the index failed", e);
        }
    }

    private static Query anyField(String term, boolean alsoPrefix) {
        BooleanQuery.Builder fields = new BooleanQuery.Builder();
        FIELD_BOOSTS.forEach((field, boost) -> {
            fields.add(new BoostQuery(new TermQuery(new Term(field, term)), boost), BooleanClause.Occur.SHOULD);
            if (alsoPrefix) {
                // A whole-word match should still beat a prefix match in the same field.
                fields.add(new BoostQuery(new PrefixQuery(new Term(field, term)), boost * 0.5f), BooleanClause.Occur.SHOULD);
            }
        });
        return fields.build();
    }

    /** The words of the identifier in the query that analyses to {@code term}; one word when it is not one. */
    private List<String> identifierWords(String userQuery, String term) {
        for (String raw : userQuery.split("\\s+")) {
            if (raw.toLowerCase(java.util.Locale.ROOT).equals(term)) {
                return terms(AlertWords.split(raw));
            }
        }
        return List.of(term);
    }

    /** The word's English stem as the stems field holds it; null for a stop word, which has none. */
    private String stem(String word) {
        List<String> stems = analyse(STEMS_FIELD, word);
        return stems.size() == 1 ? stems.get(0) : null;
    }

    /** The query's words as the index holds them: same tokenizer, same lower-casing. */
    private List<String> terms(String userQuery) {
        return analyse("body", userQuery);
    }

    private List<String> analyse(String field, String userQuery) {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(field, userQuery)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken() && terms.size() < MAX_QUERY_TERMS) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    public int size() {
        return reader.numDocs();
    }

    @Override
    public void close() {
        try {
            reader.close();
            for (org.apache.lucene.store.Directory directory : directories) {
                directory.close();
            }
            analyzer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
