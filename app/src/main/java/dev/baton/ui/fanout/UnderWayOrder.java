package dev.baton.ui.fanout;

import dev.baton.session.NodeOutcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The order the grid lists the nodes under way in: a node that starts takes the place of one that ended, so the
 * others keep theirs. Listed in node order, every row in view moved up with each node that ended, and the grid
 * restyles a row that takes another index; 64 nodes at once on 1,000 nodes end and start many times a second.
 */
final class UnderWayOrder {
    /** Node names by place; null where a node ended and none has taken its place yet. */
    private final List<String> places = new ArrayList<>();

    /**
     * The nodes under way now (connecting or running, in node order), in the grid's order: those already listed in
     * their places, those that started in the places of those that ended, in node order, then after them. A place no
     * node has taken yet is null (not shown): it waits for the next node to start, whenever the grid looks.
     */
    List<NodeOutcome> arrange(List<NodeOutcome> underWay) {
        Map<String, NodeOutcome> byName = new HashMap<>();
        underWay.forEach(outcome -> byName.put(outcome.name(), outcome));
        for (int i = 0; i < places.size(); i++) {
            if (places.get(i) != null && !byName.containsKey(places.get(i))) {
                places.set(i, null);
            }
        }
        java.util.Set<String> placed = new java.util.HashSet<>(places);
        int free = 0;
        for (NodeOutcome outcome : underWay) {
            if (placed.contains(outcome.name())) {
                continue;
            }
            while (free < places.size() && places.get(free) != null) {
                free++;
            }
            if (free < places.size()) {
                places.set(free, outcome.name());
            } else {
                places.add(outcome.name());
            }
        }
        return places.stream().map(name -> name == null ? null : byName.get(name)).toList();
    }
}
