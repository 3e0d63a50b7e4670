package dev.baton.session;

import dev.baton.inventory.Inventory;
import dev.baton.inventory.Node;
import dev.baton.sources.EngineConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives each node of an inventory the engine the responder's config.yaml sets for its group. The responder's own
 * file wins over the team's inventory for a group it names (the inventory came with a repository; the laptop's
 * reach is the responder's to know); its {@code all} is only a default for nodes the inventory says nothing about.
 * An engine neither names Baton does not have becomes one of the inventory's problems, naming who set it.
 */
public final class EngineDefaults {
    private EngineDefaults() {
    }

    /**
     * Reads the user's config.yaml; blocking I/O, so never on the FX thread.
     *
     * @param runbookFolder the runbook folder, whose baton.yaml may not choose engines (said in the problems); null
     *                      for none
     */
    public static Inventory apply(Inventory inventory, Map<String, String> environment, Path runbookFolder) {
        return apply(inventory, EngineConfig.load(environment, runbookFolder));
    }

    public static Inventory apply(Inventory inventory, EngineConfig config) {
        List<Node> nodes = new ArrayList<>();
        Set<String> problems = new LinkedHashSet<>(inventory.problems());
        problems.addAll(config.problems());
        for (Node node : inventory.nodes()) {
            Node configured = configured(node, config);
            try {
                EngineChoice.forNodes(List.of(configured));
            } catch (UnknownEngineException e) {
                problems.add(e.getMessage());
            }
            nodes.add(configured);
        }
        return new Inventory(nodes, List.copyOf(problems));
    }

    private static Node configured(Node node, EngineConfig config) {
        // The node's innermost group the file names decides: groups are listed outermost first.
        for (int i = node.groups().size() - 1; i >= 0; i--) {
            String group = node.groups().get(i);
            String engine = config.groups().get(group);
            if (engine != null) {
                return node.withEngine(engine, "group " + group + " in your config.yaml");
            }
        }
        String all = config.groups().get(EngineConfig.ALL);
        if (node.engine().isEmpty() && all != null) {
            return node.withEngine(all, "all in your config.yaml");
        }
        return node;
    }
}
