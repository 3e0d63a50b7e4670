package dev.baton.step;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every warning for a step's text: one per destructive reason, one per kind of hidden character. */
public final class StepWarnings {
    private final DestructiveCommandDetector destructive = new DestructiveCommandDetector();
    private final HiddenUnicodeScanner hidden = new HiddenUnicodeScanner();

    public List<StepWarning> of(String script) {
        List<StepWarning> warnings = new ArrayList<>();
        for (String reason : destructive.reasons(Placeholders.asWords(script))) {
            warnings.add(new StepWarning(StepWarning.Kind.DESTRUCTIVE, reason));
        }
        Map<Integer, Integer> counts = new LinkedHashMap<>();
        Map<Integer, String> names = new LinkedHashMap<>();
        for (HiddenUnicodeScanner.Finding finding : hidden.scan(script)) {
            counts.merge(finding.codePoint(), 1, Integer::sum);
            names.putIfAbsent(finding.codePoint(), finding.name());
        }
        counts.forEach((cp, count) -> warnings.add(new StepWarning(StepWarning.Kind.HIDDEN_UNICODE,
                names.get(cp) + (count > 1 ? " ×" + count : ""))));
        return warnings;
    }
}
