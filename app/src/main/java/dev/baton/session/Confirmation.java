package dev.baton.session;

import dev.baton.step.ExecPlan;
import dev.baton.step.SendPlan;
import dev.baton.step.StepWarning;
import java.util.List;

/**
 * How much the responder must see before a step goes anywhere: the one rule for the window and the
 * command line. A step with a warning (destructive, hidden Unicode, anything Baton cannot see through) or
 * one that goes to several nodes is confirmed explicitly, with Cancel as the default; a multi-line step is
 * shown; anything else goes at once.
 *
 * @param warnings the reasons, for the confirmation to list
 */
public record Confirmation(Level level, List<StepWarning> warnings, String shownText) {
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
    }

    /** Typing a step into one terminal. */
    public static Confirmation of(SendPlan plan) {
        // mustShow also covers a value from an alert that had to be quoted: the responder sees it filled in.
        return decide(plan.warnings(), plan.mustShow() || plan.shownText().contains("\n"), 1, plan.shownText());
    }

    /** Running a step over exec on {@code nodes} nodes. */
    public static Confirmation of(ExecPlan plan, int nodes) {
        return decide(plan.warnings(), plan.command().contains("\n"), nodes, plan.shownText());
    }

    private static Confirmation decide(List<StepWarning> warnings, boolean multiLine, int targets, String shown) {
        Level level = !warnings.isEmpty() || targets > 1 ? Level.CONFIRM : multiLine ? Level.SHOW : Level.NONE;
        return new Confirmation(level, warnings, shown);
    }

    public boolean destructive() {
        return warnings.stream().anyMatch(w -> w.kind() == StepWarning.Kind.DESTRUCTIVE);
    }

    public boolean needed() {
        return level != Level.NONE;
    }
}
