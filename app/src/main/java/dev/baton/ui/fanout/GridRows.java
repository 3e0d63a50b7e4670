package dev.baton.ui.fanout;

import dev.baton.session.NodeOutcome;
import dev.baton.session.OutputGroup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javafx.collections.ObservableList;
import javafx.scene.control.TreeItem;

/**
 * The fan-out grid's rows, kept from one refresh to the next: the groups of same output, then the places of the
 * nodes under way, then one row for the nodes still waiting. While results arrive the rows stay where they are
 * and change their text in place, so the grid neither moves the rows in view to other indices nor lays them out
 * anew; only a new group, a filter, or fewer nodes under way change which rows there are.
 */
final class GridRows {
    private final TreeItem<GridRow> root = new TreeItem<>();
    /** Nodes that ended alone with their output, shown on their own, by name. */
    private final Map<String, TreeItem<GridRow>> alone = new HashMap<>();
    /** Each group's row by its output key, in the order the groups first appeared. */
    private final Map<String, MembersItem> groups = new LinkedHashMap<>();
    /** A group member's row by node name: a row has one parent, so members have rows of their own. */
    private final Map<String, TreeItem<GridRow>> members = new HashMap<>();
    private final List<TreeItem<GridRow>> places = new ArrayList<>();
    private final UnderWayOrder order = new UnderWayOrder();
    private final MembersItem waiting = new MembersItem(GridRow.waiting());
    private final Map<String, TreeItem<GridRow>> waitingMembers = new HashMap<>();
    /** The group row holding each node shown in a group: a node chosen inside a closed group is found as its group. */
    private final Map<String, TreeItem<GridRow>> groupOf = new HashMap<>();

    TreeItem<GridRow> root() {
        return root;
    }

    /**
     * Shows the run as it is now.
     *
     * @param bySize   the groups, largest first ({@code FanOutRun.groups()}); they are listed in the order they first
     *                 appeared while the run goes on, and largest first once it has ended
     * @param outcomes every node's outcome, in node order
     * @param passes   whether the filters let a node through
     */
    void show(List<OutputGroup> bySize, List<NodeOutcome> outcomes, Predicate<NodeOutcome> passes, boolean ended) {
        List<TreeItem<GridRow>> rows = new ArrayList<>();
        groupOf.clear();
        Map<String, OutputGroup> byKey = new HashMap<>();
        bySize.forEach(group -> byKey.put(group.representative().outputKey(), group));
        bySize.forEach(group -> groups.computeIfAbsent(group.representative().outputKey(),
                key -> new MembersItem(GridRow.group(group))));
        List<OutputGroup> listed = ended ? bySize : groups.keySet().stream().filter(byKey::containsKey)
                .map(byKey::get).toList();
        for (OutputGroup group : listed) {
            List<NodeOutcome> shown = group.members().stream().filter(passes).toList();
            if (shown.isEmpty()) {
                continue;
            }
            if (group.size() == 1) {
                rows.add(item(alone, shown.get(0)));
                continue;
            }
            MembersItem row = groups.get(group.representative().outputKey());
            row.getValue().show(group);
            row.members(() -> shown.stream().map(member -> item(members, member)).toList());
            shown.forEach(member -> groupOf.put(member.name(), row));
            rows.add(row);
        }
        List<NodeOutcome> underWay = new ArrayList<>();
        List<NodeOutcome> stillWaiting = new ArrayList<>();
        for (NodeOutcome outcome : outcomes) {
            if (outcome.status() == NodeOutcome.Status.WAITING) {
                if (passes.test(outcome)) {
                    stillWaiting.add(outcome);
                }
            } else if (!outcome.status().finished()) {
                underWay.add(outcome);
            }
        }
        // Placed before filtering: a node keeps its place while a filter hides it.
        List<NodeOutcome> placed = order.arrange(underWay);
        for (int i = 0; i < placed.size(); i++) {
            if (places.size() == i) {
                places.add(new TreeItem<>(GridRow.place()));
            }
            if (placed.get(i) != null && passes.test(placed.get(i))) {
                places.get(i).getValue().show(placed.get(i));
                rows.add(places.get(i));
            }
        }
        if (!stillWaiting.isEmpty()) {
            waiting.getValue().showWaiting(stillWaiting.size());
            waiting.members(() -> stillWaiting.stream().map(outcome -> item(waitingMembers, outcome)).toList());
            rows.add(waiting);
        }
        replaceChanged(root.getChildren(), rows);
    }

    /** A node's row, kept while its outcome is the same. */
    private static TreeItem<GridRow> item(Map<String, TreeItem<GridRow>> rows, NodeOutcome outcome) {
        TreeItem<GridRow> item = rows.get(outcome.name());
        if (item == null || !item.getValue().node().equals(outcome)) {
            item = new TreeItem<>(GridRow.node(outcome));
            rows.put(outcome.name(), item);
        }
        return item;
    }

    /**
     * The rows in view that stand for these keys (see {@link GridRow#key()}); a node in a closed group is found as
     * its group's row.
     */
    List<TreeItem<GridRow>> find(Set<String> keys) {
        List<TreeItem<GridRow>> found = new ArrayList<>();
        Set<String> matched = new java.util.HashSet<>();
        for (TreeItem<GridRow> item : root.getChildren()) {
            if (keys.contains(item.getValue().key()) && matched.add(item.getValue().key())) {
                found.add(item);
            }
            if (item.isExpanded()) {
                for (TreeItem<GridRow> member : item.getChildren()) {
                    if (keys.contains(member.getValue().key()) && matched.add(member.getValue().key())) {
                        found.add(member);
                    }
                }
            }
        }
        for (String key : keys) {
            TreeItem<GridRow> group = key.startsWith("node ") ? groupOf.get(key.substring(5)) : null;
            if (!matched.contains(key) && group != null && !found.contains(group)) {
                found.add(group);
            }
        }
        return found;
    }

    /**
     * Makes {@code shown} hold {@code rows} by replacing only the stretch between the rows that stayed at the start
     * and at the end: rows outside it keep their index and their cells.
     */
    static <T> void replaceChanged(ObservableList<T> shown, List<T> rows) {
        int same = 0;
        int limit = Math.min(shown.size(), rows.size());
        while (same < limit && shown.get(same) == rows.get(same)) {
            same++;
        }
        int sameAtEnd = 0;
        while (sameAtEnd < limit - same
                && shown.get(shown.size() - 1 - sameAtEnd) == rows.get(rows.size() - 1 - sameAtEnd)) {
            sameAtEnd++;
        }
        int oldEnd = shown.size() - sameAtEnd;
        int newEnd = rows.size() - sameAtEnd;
        if (same == oldEnd && same == newEnd) {
            return;
        }
        if (same == 0 && sameAtEnd == 0) {
            shown.setAll(rows);
            return;
        }
        shown.subList(same, oldEnd).clear();
        shown.addAll(same, rows.subList(same, newEnd));
    }

    /**
     * A row with members (a group's nodes, the waiting nodes) that has them as children only while it is open:
     * members that change under a closed row would still make the grid lay out every row in view again.
     */
    static final class MembersItem extends TreeItem<GridRow> {
        /** Makes the members' rows, only when they are shown: 1,000 waiting nodes' rows cost a refresh 50 ms. */
        private java.util.function.Supplier<List<TreeItem<GridRow>>> members = List::of;

        MembersItem(GridRow row) {
            super(row);
            expandedProperty().addListener((obs, was, open) -> {
                if (open) {
                    replaceChanged(getChildren(), members.get());
                }
            });
        }

        void members(java.util.function.Supplier<List<TreeItem<GridRow>>> now) {
            members = now;
            if (isExpanded()) {
                replaceChanged(getChildren(), now.get());
            }
        }

        @Override
        public boolean isLeaf() {
            return false;
        }
    }
}
