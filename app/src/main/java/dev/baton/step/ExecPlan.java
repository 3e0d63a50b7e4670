package dev.baton.step;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Baton will run on a node for a step over an exec channel, decided before anything is sent:
 * the same placeholder, control-character and warning rules as for a terminal, without the typing
 * concerns (an exec channel runs the whole text, so nothing is held back for an Enter).
 *
 * @param command the exact text run on the node
 * @param shownText the text shown in a confirmation, hidden characters made visible
 * @param warnings why the responder must look first (destructive, opaque, hidden Unicode)
 * @param missingPlaceholders placeholders without a value; nothing runs until they have one
 * @param refusal why nothing may run (an alert's value where it cannot be quoted), or empty
 */
public record ExecPlan(String command, String shownText, List<StepWarning> warnings, List<String> missingPlaceholders,
                       String refusal) {
    private static final StepWarnings WARNINGS = new StepWarnings();
    private static final HiddenUnicodeScanner HIDDEN = new HiddenUnicodeScanner();

    public ExecPlan {
        warnings = List.copyOf(warnings);
        missingPlaceholders = List.copyOf(missingPlaceholders);
    }

    public static ExecPlan of(String stepText, Map<String, String> values) {
        return of(stepText, values, Set.of());
    }

    /**
     * As {@link #of(String, Map)}, with the values named in {@code literal} (an alert's labels) quoted for
     * where they stand in the step, as {@link StepSender} quotes them for a terminal.
     */
    public static ExecPlan of(String stepText, Map<String, String> values, Set<String> literal) {
        return of(stepText, values, literal, List.of());
    }

    /** As {@link #of(String, Map, Set)}, with the warnings a runbook's own policy adds ({@link ConfirmPolicy}). */
    public static ExecPlan of(String stepText, Map<String, String> values, Set<String> literal,
            List<StepWarning> policy) {
        // A value left empty is missing: run, it would quietly change the command.
        List<String> missing = Placeholders.find(stepText).stream()
                .filter(name -> !values.containsKey(name) || values.get(name).isBlank()).toList();
        String filled;
        try {
            filled = ShellQuoting.fill(stepText, values, literal);
        } catch (UnquotableValue refused) {
            String text = TerminalText.stripControls(stepText).strip();
            return new ExecPlan("", HIDDEN.reveal(text), List.of(), missing, refused.getMessage());
        }
        String command = TerminalText.stripControls(filled).strip();
        List<StepWarning> warnings = new java.util.ArrayList<>(WARNINGS.of(command));
        warnings.addAll(policy);
        return new ExecPlan(command, HIDDEN.reveal(command), warnings, missing, "");
    }

    /** Whether nothing may run: an alert's value could not be quoted where it stands ({@link #refusal()}). */
    public boolean refused() {
        return !refusal.isEmpty();
    }

    /** Destructive, or Baton cannot tell what it runs: the responder confirms explicitly, naming the node. */
    public boolean mustConfirm() {
        return warnings.stream().anyMatch(w -> w.kind().needsConfirmation());
    }

    /** Multi-line, destructive or hidden Unicode: the exact text is shown first. */
    public boolean mustShow() {
        return !warnings.isEmpty() || command.contains("\n");
    }
}
