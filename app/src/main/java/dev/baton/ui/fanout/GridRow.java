package dev.baton.ui.fanout;

import dev.baton.session.NodeOutcome;
import dev.baton.session.OutputGroup;
import java.time.Duration;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One row of the fan-out grid as its cells read it: node, state, exit, duration and first line, which change in
 * place. A row kept while results arrive (a group whose count grows, the place of a node under way, the nodes still
 * waiting) shows its new text without the grid giving the row another item: a row given another item is restyled
 * and laid out with its five cells, and on a loaded machine every row in view had changed between two pulses.
 */
final class GridRow {
    /** What a row stands for. */
    enum Kind {
        /** One node, ended alone with its output or listed in a group or among the waiting. */
        NODE,
        /** A group of nodes that ended with the same output. */
        GROUP,
        /** The place of a node under way: the next node to start takes it when this one ends. */
        PLACE,
        /** The nodes still waiting to start. */
        WAITING
    }

    private final Kind kind;
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper exit = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper duration = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper firstLine = new ReadOnlyStringWrapper("");
    /** The node shown, or the group's first member; null for the waiting nodes' row. */
    private NodeOutcome shown;
    private String key = "";

    private GridRow(Kind kind) {
        this.kind = kind;
    }

    static GridRow node(NodeOutcome outcome) {
        GridRow row = new GridRow(Kind.NODE);
        row.show(outcome);
        return row;
    }

    static GridRow place() {
        return new GridRow(Kind.PLACE);
    }

    static GridRow group(OutputGroup group) {
        GridRow row = new GridRow(Kind.GROUP);
        row.show(group);
        return row;
    }

    static GridRow waiting() {
        GridRow row = new GridRow(Kind.WAITING);
        row.key = "waiting";
        row.state.set(NodeOutcome.Status.WAITING.label());
        return row;
    }

    Kind kind() {
        return kind;
    }

    /** A node's row (one node or a place): that node now. */
    void show(NodeOutcome outcome) {
        shown = outcome;
        key = "node " + outcome.name();
        name.set(outcome.name());
        showOutcome(outcome);
        // A node still under way, or one that never ran, has no duration to show yet.
        duration.set(outcome.status().finished() && outcome.result() != null ? seconds(outcome.duration()) : "");
    }

    /** A group's row: its size and how its nodes ended. */
    void show(OutputGroup group) {
        shown = group.representative();
        key = "group " + shown.outputKey();
        name.set(group.label());
        showOutcome(shown);
    }

    void showWaiting(int count) {
        name.set(count == 1 ? "1 node waiting" : count + " nodes waiting");
    }

    private void showOutcome(NodeOutcome outcome) {
        state.set(outcome.status().label());
        exit.set(exitOf(outcome));
        firstLine.set(outcome.firstLine().isEmpty() ? outcome.reason() : outcome.firstLine());
    }

    static String exitOf(NodeOutcome outcome) {
        return outcome.exit() == null ? "" : outcome.exit().toString();
    }

    /** The node of a node's row; null for a group and the waiting. */
    NodeOutcome node() {
        return kind == Kind.NODE || kind == Kind.PLACE ? shown : null;
    }

    /** The node whose output the row stands for: the node, or the group's first member; null for the waiting. */
    NodeOutcome shown() {
        return shown;
    }

    /** What the row is for the selection to find again after a refresh: a node, a group's output, or the waiting. */
    String key() {
        return key;
    }

    ReadOnlyStringProperty name() {
        return name.getReadOnlyProperty();
    }

    ReadOnlyStringProperty state() {
        return state.getReadOnlyProperty();
    }

    ReadOnlyStringProperty exit() {
        return exit.getReadOnlyProperty();
    }

    ReadOnlyStringProperty duration() {
        return duration.getReadOnlyProperty();
    }

    ReadOnlyStringProperty firstLine() {
        return firstLine.getReadOnlyProperty();
    }

    @Override
    public String toString() {
        return name.get();
    }

    /** "12.3 s", without a Formatter: rows for a thousand nodes are made at once when their group opens. */
    static String seconds(Duration duration) {
        long tenths = (duration.toMillis() + 50) / 100;
        return tenths / 10 + "." + tenths % 10 + " s";
    }
}
