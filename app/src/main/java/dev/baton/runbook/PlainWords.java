package dev.baton.runbook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * A text's words as the search index's plain fields hold them (Lucene's standard tokenizer, lower-cased), cut
 * once and handed to several fields: as they are, and through the English analyzer's filters for the stems
 * field. The English analyzer strips a possessive before lower-casing; the possessive filter takes 's and 'S
 * alike, so stripping it after gives the same words.
 */
final class PlainWords {
    /** Thread-safe: each thread reuses its own tokenizer. */
    private static final Analyzer PLAIN = new StandardAnalyzer();

    private PlainWords() {
    }

    /** The words of {@code text}, lower-cased, in order. */
    static List<String> of(String text) {
        List<String> words = new ArrayList<>();
        try (TokenStream stream = PLAIN.tokenStream("", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                words.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a string read from memory
        }
        return words;
    }

    /** The words again, as a field's token stream. */
    static TokenStream replay(List<String> words) {
        return new Replay(words);
    }

    /**
     * The words' English stems, as {@link EnglishAnalyzer} makes them from the same text. Each filter of that
     * analyzer looks at one word at a time, so a word's stem (or its absence, for a stop word) is worked out once
     * per thread and looked up after: a library repeats its words.
     */
    static TokenStream stems(List<String> words) {
        Map<String, String> known = STEMS.get();
        if (known.size() > MAX_KNOWN_STEMS) {
            known.clear(); // a library of many distinct words (hashes, numbers) keeps a bounded cache
        }
        List<String> stems = new ArrayList<>(words.size());
        for (String word : words) {
            String stem = known.computeIfAbsent(word, PlainWords::stemOf);
            if (stem != NO_STEM) {
                stems.add(stem);
            }
        }
        return new Replay(stems);
    }

    private static final int MAX_KNOWN_STEMS = 20_000;
    /** A stop word's entry, told apart by identity: the analyzer could in principle stem a word to "". */
    @SuppressWarnings("StringOperationCanBeSimplified")
    private static final String NO_STEM = new String("");
    private static final ThreadLocal<Map<String, String>> STEMS = ThreadLocal.withInitial(HashMap::new);

    /** One word through the English analyzer's filters after its tokenizer: its stem, or {@link #NO_STEM}. */
    private static String stemOf(String word) {
        TokenStream stream = new EnglishPossessiveFilter(new Replay(List.of(word)));
        stream = new StopFilter(stream, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        try (TokenStream stems = new PorterStemFilter(stream)) {
            CharTermAttribute term = stems.addAttribute(CharTermAttribute.class);
            stems.reset();
            String stem = stems.incrementToken() ? term.toString() : NO_STEM;
            stems.end();
            return stem;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a word in memory
        }
    }

    /** Words already cut, one token each, one position apart. */
    private static final class Replay extends TokenStream {
        private final List<String> words;
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);
        private int next;

        Replay(List<String> words) {
            this.words = words;
        }

        @Override
        public boolean incrementToken() {
            if (next >= words.size()) {
                return false;
            }
            clearAttributes();
            term.setEmpty().append(words.get(next++));
            increment.setPositionIncrement(1);
            return true;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            next = 0;
        }
    }
}
