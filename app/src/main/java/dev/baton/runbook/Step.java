package dev.baton.runbook;

import dev.baton.step.StepWarning;
import java.util.List;

/**
 * One code block of a runbook.
 *
 * @param number       1-based position among the runbook's steps, stable for {@code FILE#N} references
 * @param sectionPath  the headings it sits under, outermost first
 * @param label        the list item or sentence that introduces it, or empty
 * @param language     the info string's first word, lower-cased, or empty
 * @param command      the exact text a responder would send (for console blocks: the command lines only)
 * @param placeholders names the responder must fill in ({@code <pod-name>}, {@code {{ns}}}), in order, once each
 * @param line         1-based line of the opening fence
 */
public record Step(
        int number,
        List<String> sectionPath,
        String label,
        String language,
        StepKind kind,
        String command,
        List<String> placeholders,
        List<StepWarning> warnings,
        int line) {

    public Step {
        sectionPath = List.copyOf(sectionPath);
        placeholders = List.copyOf(placeholders);
        warnings = List.copyOf(warnings);
    }

    public boolean runnable() {
        return kind.runnable();
    }

    public String section() {
        return String.join(" > ", sectionPath);
    }

    public boolean hasWarning(StepWarning.Kind warningKind) {
        return warnings.stream().anyMatch(w -> w.kind() == warningKind);
    }
}
