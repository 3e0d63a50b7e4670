package dev.baton.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The nodes a responder can reach, from their ssh config and Ansible inventories, with what could
 * not be read said plainly rather than dropped.
 *
 * @param problems lines or files skipped, each naming the file (and line where known)
 */
public record Inventory(List<Node> nodes, List<String> problems) {
    public Inventory {
        nodes = List.copyOf(nodes);
        problems = List.copyOf(problems);
    }

    public static Inventory empty() {
        return new Inventory(List.of(), List.of());
    }

    public Optional<Node> find(String name) {
        return nodes.stream().filter(node -> node.name().equals(name)).findFirst()
                .or(() -> nodes.stream().filter(node -> node.name().equalsIgnoreCase(name)).findFirst());
    }

    /** Group names in first-seen order; nodes in no group are under "ungrouped". */
    public Map<String, List<Node>> byGroup() {
        Map<String, List<Node>> groups = new LinkedHashMap<>();
        for (Node node : nodes) {
            List<String> names = node.groups().isEmpty() ? List.of("ungrouped") : node.groups();
            for (String group : names) {
                groups.computeIfAbsent(group, key -> new ArrayList<>()).add(node);
            }
        }
        return groups;
    }

    /** Nodes whose name, address or groups contain the text, ignoring case. */
    public List<Node> filter(String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        if (wanted.isEmpty()) {
            return nodes;
        }
        return nodes.stream().filter(node -> (node.name() + " " + node.address() + " " + String.join(" ", node.groups()))
                .toLowerCase(Locale.ROOT).contains(wanted)).toList();
    }

    /**
     * Both inventories together; a name already present keeps its first definition, as ssh config's
     * first value wins, and the clash is reported.
     */
    public Inventory merge(Inventory other) {
        List<Node> merged = new ArrayList<>(nodes);
        List<String> allProblems = new ArrayList<>(problems);
        allProblems.addAll(other.problems);
        Set<String> names = new LinkedHashSet<>();
        nodes.forEach(node -> names.add(node.name()));
        for (Node node : other.nodes) {
            if (names.add(node.name())) {
                merged.add(node);
            } else {
                allProblems.add(node.source() + ": " + node.name() + " is already defined; the first definition is used");
            }
        }
        return new Inventory(merged, allProblems);
    }
}
