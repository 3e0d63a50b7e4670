package dev.baton.session;

import dev.baton.step.ExecPlan;
import dev.baton.step.SendPlan;
import dev.baton.step.StepWarning;
import java.util.List;

/**
 * How much the responder must see before a step goes anywhere: the one rule for the window and the
 * command line. A confirmation is asked for only when it tells the responder something: a step with a
 * warning (destructive, hidden Unicode, anything Baton cannot see through), one that goes to several nodes,
 * or one that goes to a production node is confirmed explicitly, with Cancel as the default; a value from an
 * alert that had to be quoted is shown filled in; anything else, a harmless multi-line step included, goes at
 * once.
 *
 * @param warnings   the reasons, for the confirmation to list
 * @param production the production nodes among the targets, named in the confirmation
 */
public record Confirmation(Level level, List<StepWarning> warnings, String shownText, List<String> production) {
    public enum Level {
        /** Sent or run at once. */
        NONE,
        /** The exact text is shown first; agreeing is one key. */
        SHOW,
        /** The responder confirms explicitly, naming the target; Enter alone never agrees. */
        CONFIRM
    }

    public Confirmation {
        warnings = List.copyOf(warnings);
        production = List.copyOf(production);
    }

    /** Typing a step into a terminal that is not on a production node. */
    public static Confirmation of(SendPlan plan) {
        return of(plan, List.of());
    }

    /** Typing a step into one terminal; {@code production} names its node when that is a production node. */
    public static Confirmation of(SendPlan plan, List<String> production) {
        // mustShow is a value from an alert that had to be quoted: the responder sees it filled in.
        return decide(plan.warnings(), plan.mustShow(), 1, production, plan.shownText());
    }

    /** Running a step over exec on {@code nodes} nodes, none of them production. */
    public static Confirmation of(ExecPlan plan, int nodes) {
        return of(plan, nodes, List.of());
    }

    /** Running a step over exec on {@code nodes} nodes, {@code production} among them. */
    public static Confirmation of(ExecPlan plan, int nodes, List<String> production) {
        return decide(plan.warnings(), false, nodes, production, plan.shownText());
    }

    private static Confirmation decide(List<StepWarning> warnings, boolean show, int targets, List<String> production,
            String shown) {
        Level level = !warnings.isEmpty() || targets > 1 || !production.isEmpty() ? Level.CONFIRM
                : show ? Level.SHOW : Level.NONE;
        return new Confirmation(level, warnings, shown, production);
    }

    public boolean destructive() {
        return warnings.stream().anyMatch(w -> w.kind() == StepWarning.Kind.DESTRUCTIVE);
    }

    public boolean needed() {
        return level != Level.NONE;
    }

    /** "production node db1" / "production nodes db1, db2", or empty when no target is production. */
    public String productionWords() {
        return production.isEmpty() ? "" : (production.size() == 1 ? "production node " : "production nodes ")
                + String.join(", ", production);
    }
}
