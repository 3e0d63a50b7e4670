package dev.baton.step;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every warning for a step's text: one per destructive or opaque reason, one per kind of hidden character.
 * Each points at the part of the text it is about (the command, the SQL statement, the first such character).
 */
public final class StepWarnings {
    private final DestructiveCommandDetector destructive = new DestructiveCommandDetector();
    private final HiddenUnicodeScanner hidden = new HiddenUnicodeScanner();

    public List<StepWarning> of(String script) {
        List<StepWarning> warnings = new ArrayList<>();
        // Placeholders read as words of the same length, so the offsets found are offsets in the script.
        for (DestructiveCommandDetector.Finding finding : destructive.findings(Placeholders.asWords(script))) {
            int start = Math.min(finding.start(), script.length());
            int end = Math.min(Math.max(finding.end(), start), script.length());
            warnings.add(new StepWarning(finding.kind(), finding.reason(), start, end));
        }
        warnings.addAll(hidden(script));
        return warnings;
    }

    /** The hidden-character warnings alone, as {@link #of} gives them: for text that is read, not run. */
    public List<StepWarning> hidden(String script) {
        List<StepWarning> warnings = new ArrayList<>();
        Map<Integer, Integer> counts = new LinkedHashMap<>();
        Map<Integer, HiddenUnicodeScanner.Finding> first = new LinkedHashMap<>();
        for (HiddenUnicodeScanner.Finding finding : hidden.scan(script)) {
            counts.merge(finding.codePoint(), 1, Integer::sum);
            first.putIfAbsent(finding.codePoint(), finding);
        }
        counts.forEach((cp, count) -> {
            HiddenUnicodeScanner.Finding at = first.get(cp);
            warnings.add(new StepWarning(StepWarning.Kind.HIDDEN_UNICODE, at.name() + (count > 1 ? " ×" + count : ""),
                    at.offset(), at.offset() + Character.charCount(cp)));
        });
        return warnings;
    }
}
