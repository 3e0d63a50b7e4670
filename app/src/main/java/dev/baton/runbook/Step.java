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
 * @param expectedOutput what the author pasted as the commands' output (a transcript's lines between prompts), or empty
 * @param session      for a {@link StepKind#SESSION} step, the client it opens and the lines typed inside; else null
 * @param changes      the runbook marks it as changing what it runs on (the info string's word {@code changes}):
 *                     on several nodes it runs on one first, as a destructive step does
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
        int line,
        String expectedOutput,
        dev.baton.step.ClientSession session,
        boolean changes) {

    /** A step the runbook does not mark as changing. */
    public Step(int number, List<String> sectionPath, String label, String language, StepKind kind, String command,
            List<String> placeholders, List<StepWarning> warnings, int line, String expectedOutput,
            dev.baton.step.ClientSession session) {
        this(number, sectionPath, label, language, kind, command, placeholders, warnings, line, expectedOutput, session,
                false);
    }

    /** A step with no expected output that opens no client. */
    public Step(int number, List<String> sectionPath, String label, String language, StepKind kind, String command,
            List<String> placeholders, List<StepWarning> warnings, int line) {
        this(number, sectionPath, label, language, kind, command, placeholders, warnings, line, "", null);
    }

    public Step {
        sectionPath = List.copyOf(sectionPath);
        placeholders = List.copyOf(placeholders);
        // Kept as given when worked out on first look (a copy would work them out now).
        warnings = warnings instanceof WarningsOnFirstLook ? warnings : List.copyOf(warnings);
        expectedOutput = expectedOutput == null ? "" : expectedOutput;
    }

    /** Whether it can run on nodes over SSH exec: a client session needs a terminal to type into. */
    public boolean runsOnNodes() {
        return runnable() && kind != StepKind.SESSION;
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
