package dev.baton.session;

import dev.baton.inventory.Node;
import java.util.List;
import java.util.Locale;

/** How a fan-out reaches its nodes: Baton's own SSH connections, or the team's Ansible. */
public enum Engine {
    SSH("ssh", "SSH"),
    ANSIBLE("ansible", "Ansible");

    private final String id;
    private final String label;

    Engine(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** As {@code --engine} and an inventory's {@code baton_engine} name it. */
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** @throws IllegalArgumentException naming the engines there are */
    public static Engine parse(String text) {
        String wanted = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (Engine engine : values()) {
            if (engine.id.equals(wanted)) {
                return engine;
            }
        }
        throw new IllegalArgumentException("no engine '" + text + "'; the engines are ssh and ansible");
    }

    /**
     * The engine the inventory (or config.yaml) chose for these nodes; see {@link EngineChoice#forNodes}.
     *
     * @throws UnknownEngineException when one of them names an engine Baton does not have
     */
    public static Engine defaultFor(List<Node> nodes) {
        return EngineChoice.forNodes(nodes).engine();
    }
}
