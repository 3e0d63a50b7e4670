package dev.baton.step;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A runbook's own list of commands to confirm, from its front matter ({@code confirm: [kubectl apply, psql,
 * "vault write"]}): a step running one of them is confirmed as a destructive one is, with the reason "the
 * runbook asks to confirm kubectl apply". An entry is a command name, optionally followed by words that must
 * appear after it in that order ({@code kubectl apply} matches {@code kubectl -n prod apply -f x.yaml}); the
 * command is found through sudo, env, bash -c, pipes and the other wrappers Baton looks through. The list can
 * only add confirmations, never remove Baton's own.
 */
public record ConfirmPolicy(List<List<String>> entries) {
    public static final ConfirmPolicy NONE = new ConfirmPolicy(List.of());
    private static final String REASON = "the runbook asks to confirm ";

    public ConfirmPolicy {
        entries = entries.stream().map(List::copyOf).toList();
    }

    /** The entries as the front matter gives them; blank ones are ignored. */
    public static ConfirmPolicy of(List<String> declared) {
        return new ConfirmPolicy(declared.stream().map(String::strip).filter(e -> !e.isEmpty())
                .map(e -> Arrays.stream(e.split("\\s+")).map(w -> w.toLowerCase(Locale.ROOT)).toList()).toList());
    }

    /** One destructive warning (about the whole text) per entry a command of {@code script} matches. */
    public List<StepWarning> warnings(String script) {
        if (entries.isEmpty()) {
            return List.of();
        }
        List<StepWarning> found = new ArrayList<>();
        for (List<String> words : commands(script, 0)) {
            for (List<String> entry : entries) {
                String reason = REASON + String.join(" ", entry);
                if (matches(entry, words) && found.stream().noneMatch(w -> w.detail().equals(reason))) {
                    found.add(new StepWarning(StepWarning.Kind.DESTRUCTIVE, reason));
                }
            }
        }
        return found;
    }

    /** The warnings among {@code warnings} that a runbook's policy added. */
    public static List<StepWarning> declared(List<StepWarning> warnings) {
        return warnings.stream().filter(w -> w.detail().startsWith(REASON)).toList();
    }

    private static List<List<String>> commands(String script, int depth) {
        List<List<String>> all = new ArrayList<>();
        if (depth > 8) {
            return all;
        }
        for (SimpleCommand command : ShellScript.parse(Placeholders.asWords(script))) {
            CommandPrefixes.Unwrapped unwrapped = CommandPrefixes.unwrap(command.words());
            unwrapped.scripts().forEach(inner -> all.addAll(commands(inner, depth + 1)));
            command.hereDocuments().forEach(inner -> all.addAll(commands(inner, depth + 1)));
            if (!unwrapped.words().isEmpty()) {
                all.add(unwrapped.words());
            }
        }
        return all;
    }

    private static boolean matches(List<String> entry, List<String> words) {
        if (!CommandPrefixes.commandName(words.get(0)).toLowerCase(Locale.ROOT).equals(entry.get(0))) {
            return false;
        }
        int next = 1;
        for (int i = 1; i < words.size() && next < entry.size(); i++) {
            if (words.get(i).toLowerCase(Locale.ROOT).equals(entry.get(next))) {
                next++;
            }
        }
        return next == entry.size();
    }
}
