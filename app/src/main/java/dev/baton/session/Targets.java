package dev.baton.session;

import dev.baton.inventory.Inventory;
import dev.baton.inventory.Node;
import java.util.List;
import java.util.regex.Pattern;

/** Which nodes a fan-out runs on: an inventory group (Ansible groups and children), or a name pattern. */
public final class Targets {
    private Targets() {}

    /**
     * The nodes of group {@code name}, or, when no group has that name, the nodes whose name matches it
     * as an ssh config pattern ({@code web*}, {@code db?}).
     *
     * @throws IllegalArgumentException naming the groups there are, when nothing matches
     */
    public static List<Node> group(Inventory inventory, String name) {
        List<Node> members = inventory.byGroup().get(name);
        if (members != null && !members.isEmpty()) {
            return List.copyOf(members);
        }
        Pattern pattern = glob(name);
        List<Node> matching = inventory.nodes().stream().filter(node -> pattern.matcher(node.name()).matches())
                .toList();
        if (matching.isEmpty()) {
            throw new IllegalArgumentException("no group or node name matches '" + name + "'; groups: "
                    + String.join(", ", inventory.byGroup().keySet()));
        }
        return matching;
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }

    /** How a confirmation names the targets: the group and the count. */
    public static String describe(String group, List<Node> nodes) {
        if (nodes.size() == 1) {
            return nodes.get(0).name();
        }
        return nodes.size() + " nodes" + (group == null || group.isBlank() ? "" : " of group " + group);
    }
}
