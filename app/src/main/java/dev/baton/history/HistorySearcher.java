package dev.baton.history;

import static dev.baton.history.IncidentDocuments.ALERT;
import static dev.baton.history.IncidentDocuments.BY;
import static dev.baton.history.IncidentDocuments.DURATION;
import static dev.baton.history.IncidentDocuments.EXIT;
import static dev.baton.history.IncidentDocuments.INCIDENT;
import static dev.baton.history.IncidentDocuments.KIND;
import static dev.baton.history.IncidentDocuments.LABEL;
import static dev.baton.history.IncidentDocuments.NODE;
import static dev.baton.history.IncidentDocuments.NO_EXIT;
import static dev.baton.history.IncidentDocuments.OUTPUT;
import static dev.baton.history.IncidentDocuments.SEQ;
import static dev.baton.history.IncidentDocuments.SNIPPET_SOURCE;
import static dev.baton.history.IncidentDocuments.STEP;
import static dev.baton.history.IncidentDocuments.STEP_KEY;
import static dev.baton.history.IncidentDocuments.SUMMARY;
import static dev.baton.history.IncidentDocuments.SUMMARY_JSON;
import static dev.baton.history.IncidentDocuments.TEXT;
import static dev.baton.history.IncidentDocuments.TIME;
import static dev.baton.history.IncidentDocuments.TITLE;
import static dev.baton.history.IncidentDocuments.TYPE;
import static dev.baton.history.IncidentDocuments.WORDS;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;

/** The three questions asked of the history index, over one point-in-time view of it. */
final class HistorySearcher {
    /** A pasted log line is not a query: its first words are enough. */
    private static final int MAX_TERMS = 16;
    /** The labels that make a past incident "the same": the Last time panel lists those first. */
    private static final List<String> SAME_LABELS = List.of("service", "namespace", "node");
    private static final int SNIPPET_CHARS = 160;

    private final IndexSearcher searcher;

    HistorySearcher(IndexSearcher searcher) {
        this.searcher = searcher;
    }

    List<HistoryHit> search(HistoryQuery query, Analyzer analyzer) throws IOException {
        BooleanQuery.Builder built = new BooleanQuery.Builder();
        built.add(new TermQuery(new Term(KIND, SUMMARY)), Occur.MUST_NOT);
        List<String> terms = terms(analyzer, query.words());
        for (int i = 0; i < terms.size(); i++) {
            Query term = new TermQuery(new Term(TEXT, terms.get(i)));
            if (i == terms.size() - 1 && terms.get(i).length() >= 2) {
                // The last word may still be being typed: it also matches as the start of a word.
                term = new BooleanQuery.Builder().add(term, Occur.SHOULD)
                        .add(new PrefixQuery(new Term(TEXT, terms.get(i))), Occur.SHOULD).build();
            }
            built.add(term, Occur.FILTER);
        }
        if (terms.isEmpty()) {
            built.add(new MatchAllDocsQuery(), Occur.FILTER);
        }
        if (query.since() != null) {
            built.add(LongPoint.newRangeQuery(TIME, query.since().toEpochMilli(), Long.MAX_VALUE), Occur.FILTER);
        }
        if (!query.node().isEmpty()) {
            built.add(new TermQuery(new Term(NODE, query.node().toLowerCase(Locale.ROOT))), Occur.FILTER);
        }
        if (!query.by().isEmpty()) {
            built.add(new TermQuery(new Term(BY, query.by().toLowerCase(Locale.ROOT))), Occur.FILTER);
        }
        Sort newestFirst = new Sort(new SortField(TIME, SortField.Type.LONG, true));
        List<HistoryHit> hits = new ArrayList<>();
        for (ScoreDoc found : searcher.search(built.build(), query.limit(), newestFirst, false).scoreDocs) {
            Document d = searcher.storedFields().document(found.doc);
            hits.add(new HistoryHit(d.get(INCIDENT), d.get(TITLE), d.getField(SEQ).numericValue().longValue(),
                    Instant.ofEpochMilli(d.getField(TIME).numericValue().longValue()), d.get(TYPE),
                    orEmpty(d.get(BY + "-shown")), Arrays.asList(d.getValues(NODE + "-shown")), d.get(WORDS),
                    snippet(d.get(SNIPPET_SOURCE), terms), orEmpty(d.get(IncidentDocuments.LOG))));
        }
        return hits;
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    /** The line of a long text (an output, the notes) where a word of the query is, cut to a line's width. */
    private static String snippet(String text, List<String> terms) {
        if (text == null || terms.isEmpty()) {
            return "";
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (String term : terms) {
            int at = lower.indexOf(term);
            if (at >= 0) {
                int start = lower.lastIndexOf('\n', at) + 1;
                int end = lower.indexOf('\n', at);
                String line = text.substring(start, end < 0 ? text.length() : end).strip();
                return line.length() <= SNIPPET_CHARS ? line : line.substring(0, SNIPPET_CHARS) + "…";
            }
        }
        return "";
    }

    private static List<String> terms(Analyzer analyzer, String words) throws IOException {
        List<String> terms = new ArrayList<>();
        try (TokenStream tokens = analyzer.tokenStream(TEXT, words)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken() && terms.size() < MAX_TERMS) {
                terms.add(term.toString());
            }
            tokens.end();
        }
        return terms;
    }

    List<PastIncident> lastTime(String alertname, Map<String, String> labels, int limit) throws IOException {
        BooleanQuery.Builder built = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(KIND, SUMMARY)), Occur.FILTER)
                .add(new TermQuery(new Term(ALERT, alertname.toLowerCase(Locale.ROOT))), Occur.FILTER);
        for (String name : SAME_LABELS) {
            String value = labels.get(name);
            if (value != null && !value.isBlank()) {
                built.add(new BoostQuery(new ConstantScoreQuery(new TermQuery(new Term(LABEL, name + "=" + value))), 1f),
                        Occur.SHOULD);
            }
        }
        // Same labels first (the score counts them), then the newest.
        Sort sameThenNewest = new Sort(SortField.FIELD_SCORE, new SortField(TIME, SortField.Type.LONG, true));
        List<PastIncident> found = new ArrayList<>();
        for (ScoreDoc hit : searcher.search(built.build(), limit, sameThenNewest, true).scoreDocs) {
            found.add(SummaryJson.read(searcher.storedFields().document(hit.doc).get(SUMMARY_JSON)));
        }
        return found;
    }

    Map<Integer, StepMemory> stepMemory(String runbookId) throws IOException {
        Map<Integer, List<long[]>> runsByStep = new HashMap<>();
        searcher.search(new TermQuery(new Term(STEP_KEY, runbookId)), new SimpleCollector() {
            private NumericDocValues steps;
            private NumericDocValues exits;
            private NumericDocValues durations;
            private NumericDocValues times;
            private int base;

            @Override
            protected void doSetNextReader(LeafReaderContext context) throws IOException {
                steps = context.reader().getNumericDocValues(STEP);
                exits = context.reader().getNumericDocValues(EXIT);
                durations = context.reader().getNumericDocValues(DURATION);
                times = context.reader().getNumericDocValues(TIME);
                base = context.docBase;
            }

            @Override
            public void collect(int doc) throws IOException {
                if (steps.advanceExact(doc) && exits.advanceExact(doc) && durations.advanceExact(doc)
                        && times.advanceExact(doc)) {
                    runsByStep.computeIfAbsent((int) steps.longValue(), s -> new ArrayList<>()).add(
                            new long[] {times.longValue(), exits.longValue(), durations.longValue(), base + doc});
                }
            }

            @Override
            public ScoreMode scoreMode() {
                return ScoreMode.COMPLETE_NO_SCORES;
            }
        });
        Map<Integer, StepMemory> memory = new TreeMap<>();
        for (Map.Entry<Integer, List<long[]>> step : runsByStep.entrySet()) {
            // A node the step never reached is no run of the step: it says nothing of its time or its failures.
            List<long[]> runs = new ArrayList<>(step.getValue().stream().filter(HistorySearcher::started).toList());
            if (runs.isEmpty()) {
                continue;
            }
            runs.sort((a, b) -> Long.compare(b[0], a[0])); // newest first
            int failures = (int) runs.stream().filter(HistorySearcher::failed).count();
            long[] durations = runs.stream().mapToLong(run -> run[2]).filter(ms -> ms >= 0).sorted().toArray();
            long median = durations.length == 0 ? -1 : durations[durations.length / 2];
            boolean lastThreeFailed = runs.size() >= 3 && runs.subList(0, 3).stream().allMatch(HistorySearcher::failed);
            long[] newest = runs.get(0);
            Document d = searcher.storedFields().document((int) newest[3], java.util.Set.of(INCIDENT, SEQ, OUTPUT));
            memory.put(step.getKey(), new StepMemory(step.getKey(), runs.size(), failures, median,
                    Instant.ofEpochMilli(newest[0]), d.get(INCIDENT), d.getField(SEQ).numericValue().longValue(),
                    orEmpty(d.get(OUTPUT)), lastThreeFailed));
        }
        return memory;
    }

    private static boolean started(long[] run) {
        return run[1] != NO_EXIT || run[2] > 0;
    }

    private static boolean failed(long[] run) {
        return run[1] != NO_EXIT && run[1] != 0;
    }
}
