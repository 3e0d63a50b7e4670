package dev.baton.session;

import dev.baton.inventory.Node;
import dev.baton.step.ExecPlan;
import dev.baton.step.StepWarning;
import java.util.ArrayList;
import java.util.List;

/**
 * In what order a fan-out reaches its nodes. A read-only step runs everywhere at once. A step that changes
 * things (destructive, or marked {@code changes} by its runbook) runs on one node first, the canary, and on the
 * rest only once the responder has looked; batches of N go one after another, and a failure can stop the rest.
 * It splits the node list and nothing else: each batch runs through the same engine as a whole run does.
 *
 * @param canary        one node first, then a checkpoint where the responder continues or stops
 * @param batchSize     after the canary, nodes run in batches of this many, one batch after another; 0: all at once
 * @param stopOnFailure a batch (the canary too) with a failure stops the nodes after it
 */
public record Rollout(boolean canary, int batchSize, boolean stopOnFailure) {
    public static final Rollout AT_ONCE = new Rollout(false, 0, false);

    public Rollout {
        if (batchSize < 0) {
            throw new IllegalArgumentException("a batch holds at least 1 node, not " + batchSize);
        }
    }

    /**
     * What a step gets unless the responder chooses: canary first for a step that changes things and targets
     * several nodes, at once otherwise.
     *
     * @param marksChanges the runbook marks the step {@code changes}
     */
    public static Rollout forStep(ExecPlan plan, boolean marksChanges, int nodes) {
        return nodes > 1 && changes(plan, marksChanges) ? new Rollout(true, 0, false) : AT_ONCE;
    }

    /** Destructive (Baton's detector or the runbook's own confirm list), or marked as changing. */
    public static boolean changes(ExecPlan plan, boolean marksChanges) {
        return marksChanges || plan.warnings().stream().anyMatch(w -> w.kind() == StepWarning.Kind.DESTRUCTIVE);
    }

    /** The nodes in the batches they run in, the canary alone first. */
    public List<List<Node>> batches(List<Node> nodes) {
        List<List<Node>> batches = new ArrayList<>();
        int from = 0;
        if (canary && !nodes.isEmpty()) {
            batches.add(List.of(nodes.get(0)));
            from = 1;
        }
        int size = batchSize == 0 ? Math.max(1, nodes.size() - from) : batchSize;
        for (; from < nodes.size(); from += size) {
            batches.add(List.copyOf(nodes.subList(from, Math.min(nodes.size(), from + size))));
        }
        return batches;
    }

    /** In the responder's words: "canary first, then batches of 10, stop on failure". */
    public String describe() {
        List<String> parts = new ArrayList<>();
        parts.add(canary ? "canary first" : batchSize == 0 ? "all at once" : "");
        if (batchSize > 0) {
            parts.add((canary ? "then " : "") + "batches of " + batchSize);
        }
        if (stopOnFailure) {
            parts.add("stop on failure");
        }
        return String.join(", ", parts.stream().filter(p -> !p.isEmpty()).toList());
    }
}
