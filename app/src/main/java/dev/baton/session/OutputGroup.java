package dev.baton.session;

import java.util.List;

/**
 * Nodes of a fan-out that ended the same way with the same output: the grid shows them as one row
 * ("37 nodes: same output"), and the notes keep one representative output for all of them.
 */
public record OutputGroup(List<NodeOutcome> members) {
    public OutputGroup {
        members = List.copyOf(members);
    }

    public NodeOutcome representative() {
        return members.get(0);
    }

    public int size() {
        return members.size();
    }

    public String label() {
        NodeOutcome first = representative();
        String how = first.status() == NodeOutcome.Status.UNREACHABLE ? "unreachable: " + first.reason()
                : first.exit() != null ? "exit " + first.exit() : first.status().label();
        return size() == 1 ? first.name() + ": " + how
                : size() + " nodes: " + (first.result() == null ? how : "same output, " + how);
    }
}
