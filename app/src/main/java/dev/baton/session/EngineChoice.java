package dev.baton.session;

import dev.baton.inventory.Node;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The engine a run takes and why, as the responder is told ("Ansible: set by group prod_db"). Unless the responder
 * chooses, the nodes decide: each node's engine is what the inventory or the responder's config.yaml set for it
 * ({@link EngineDefaults}), else Baton's own SSH; Ansible runs the nodes only when every one of them says so.
 *
 * @param reason why this engine, in words ("set by group prod_db", "chosen with --engine")
 */
public record EngineChoice(Engine engine, String reason) {
    private static final String DEFAULT = "Baton's default";

    public String describe() {
        return engine.label() + ": " + reason;
    }

    /** The responder chose, {@code how} says where ("--engine", "in this dialog"). */
    public static EngineChoice chosen(Engine engine, String how) {
        return new EngineChoice(engine, "chosen " + how);
    }

    /**
     * The engine the nodes choose.
     *
     * @throws UnknownEngineException when one of them names an engine Baton does not have, naming who set it
     */
    public static EngineChoice forNodes(List<Node> nodes) {
        Set<String> ansibleBy = new LinkedHashSet<>();
        Set<String> sshBy = new LinkedHashSet<>();
        int ansible = 0;
        for (Node node : nodes) {
            String setBy = node.engineSetBy().isEmpty() ? "the inventory" : node.engineSetBy();
            if (node.engine().isEmpty()) {
                sshBy.add(DEFAULT);
                continue;
            }
            Engine engine;
            try {
                engine = Engine.parse(node.engine());
            } catch (IllegalArgumentException e) {
                boolean mine = setBy.endsWith("config.yaml");
                throw new UnknownEngineException(setBy, mine ? "" : node.source(), mine ? "the engine" : "baton_engine",
                        node.engine());
            }
            if (engine == Engine.ANSIBLE) {
                ansible++;
                ansibleBy.add(setBy);
            } else {
                sshBy.add(setBy);
            }
        }
        if (!nodes.isEmpty() && ansible == nodes.size()) {
            return new EngineChoice(Engine.ANSIBLE, "set by " + UnknownEngineException.shown(listed(ansibleBy)));
        }
        if (ansible > 0) {
            return new EngineChoice(Engine.SSH, UnknownEngineException.shown(ansible + " of " + nodes.size()
                    + " nodes are set to Ansible (" + listed(ansibleBy) + "), the others not; choose one for all"));
        }
        if (sshBy.isEmpty() || sshBy.equals(Set.of(DEFAULT))) {
            return new EngineChoice(Engine.SSH, DEFAULT);
        }
        sshBy.remove(DEFAULT);
        return new EngineChoice(Engine.SSH, "set by " + UnknownEngineException.shown(listed(sshBy)));
    }

    private static String listed(Set<String> setBy) {
        List<String> all = List.copyOf(setBy);
        return all.size() <= 3 ? String.join(", ", all)
                : String.join(", ", all.subList(0, 3)) + " and " + (all.size() - 3) + " more";
    }
}
