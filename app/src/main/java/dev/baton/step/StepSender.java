package dev.baton.step;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans how a step's text reaches a terminal: placeholders filled, controls stripped, multi-line text
 * bracketed when the terminal asks for it (mode 2004), and Enter withheld from flagged steps.
 */
public final class StepSender {
    static final String PASTE_START = "\u001b[200~";
    static final String PASTE_END = "\u001b[201~";

    private final StepWarnings warnings = new StepWarnings();
    private final HiddenUnicodeScanner hidden = new HiddenUnicodeScanner();

    /**
     * @param command         the step's text as written
     * @param values          placeholder values; missing ones stay as written (the dialog asks first)
     * @param bracketedPaste  whether the program in the terminal has enabled bracketed paste
     */
    public SendPlan plan(String command, Map<String, String> values, boolean bracketedPaste) {
        return plan(command, values, Set.of(), bracketedPaste);
    }

    /**
     * As {@link #plan(String, Map, boolean)}, with the values named in {@code literal} (an alert's labels)
     * quoted so that the shell reads each as one word where it stands, and filling {@code $NAME} references
     * too. A step where such a value needed quoting is shown to the responder before it is sent; one where a
     * value stands where it cannot be quoted is refused, naming the value and the place.
     */
    public SendPlan plan(String command, Map<String, String> values, Set<String> literal, boolean bracketedPaste) {
        return plan(command, values, literal, List.of(), bracketedPaste);
    }

    /** As {@link #plan(String, Map, Set, boolean)}, with the warnings a runbook's own policy adds ({@link ConfirmPolicy}). */
    public SendPlan plan(String command, Map<String, String> values, Set<String> literal, List<StepWarning> policy,
            boolean bracketedPaste) {
        List<String> empty = Placeholders.find(command).stream()
                .filter(name -> values.containsKey(name) && values.get(name).isBlank()).toList();
        if (!empty.isEmpty()) {
            // Sent, an empty value would quietly change the command ("kubectl logs -n shop" logs another pod).
            return new SendPlan("", false, hidden.reveal(TerminalText.stripControls(command).strip()), true, false,
                    "the step needs a value for " + String.join(", ", empty) + "; it was left empty", List.of());
        }
        String filled;
        try {
            filled = TerminalText.stripControls(ShellQuoting.fill(command, values, literal));
        } catch (UnquotableValue refused) {
            return new SendPlan("", false, hidden.reveal(TerminalText.stripControls(command).strip()), true, false,
                    refused.getMessage(), List.of());
        }
        boolean quoted = literal.stream().filter(values::containsKey)
                .filter(name -> Placeholders.find(command).contains(name)
                        || ShellQuoting.variableReferences(command).contains(name))
                .anyMatch(name -> ShellQuoting.needsQuoting(values.get(name)));
        List<StepWarning> found = new java.util.ArrayList<>(warnings.of(filled));
        found.addAll(policy);
        boolean mustConfirm = found.stream().anyMatch(w -> w.kind().needsConfirmation());
        boolean hasHidden = found.stream().anyMatch(w -> w.kind() == StepWarning.Kind.HIDDEN_UNICODE);
        boolean flagged = mustConfirm || hasHidden;
        String trimmed = filled.strip();
        boolean multiLine = trimmed.contains("\n");
        String shown = hidden.reveal(trimmed);
        boolean mustShow = flagged || quoted;

        if (trimmed.isEmpty()) {
            return new SendPlan("", false, shown, false, false, "the step is empty", found);
        }
        if (!multiLine) {
            return new SendPlan(trimmed + (flagged ? "" : "\r"), !flagged, shown, mustShow, mustConfirm, "", found);
        }
        if (bracketedPaste) {
            String body = trimmed.replace("\n", "\r");
            return new SendPlan(PASTE_START + body + PASTE_END + (flagged ? "" : "\r"), !flagged, shown, mustShow,
                    mustConfirm, "", found);
        }
        if (flagged) {
            // Without bracketed paste every newline is Enter: the first lines would run unconfirmed.
            return new SendPlan("", false, shown, true, mustConfirm,
                    "this terminal does not accept bracketed paste, so a multi-line flagged step would run line by line;"
                            + " copy it instead", found);
        }
        String lines = trimmed.replace("\t", " ").replace("\n", "\r");
        return new SendPlan(lines + "\r", true, shown, mustShow, false, "", found);
    }
}
