package dev.baton.handoff;

import dev.baton.inventory.Node;
import java.util.List;
import dev.baton.incident.IncidentEvent;
import java.util.Map;

/**
 * {@code state.json}: where the responder stood. Targets carry what a connection needs and nothing
 * secret (keys are named by file); variables come as the incident recorded them, secrets masked.
 *
 * @param checklist ticked items as {@code runbook#item}
 */
public record HandoffState(List<Target> targets, List<String> checklist, Map<String, String> variables,
        List<Terminal> terminals) {

    public HandoffState {
        targets = targets == null ? List.of() : List.copyOf(targets);
        checklist = checklist == null ? List.of() : List.copyOf(checklist);
        variables = variables == null ? Map.of() : Map.copyOf(new java.util.TreeMap<>(variables));
        terminals = terminals == null ? List.of() : List.copyOf(terminals);
    }

    /**
     * The nodes a timeline names (connections, runs), in the order first met, with their connection
     * parameters where {@code lookup} knows them; a node it does not know keeps its name alone.
     */
    public static List<Target> targetsFrom(List<dev.baton.incident.TimelineEvent> events,
            java.util.function.Function<String, java.util.Optional<Node>> lookup) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        for (var line : events) {
            IncidentEvent event = line.typed();
            if (event instanceof IncidentEvent.ConnectionOpened opened) {
                names.add(opened.target());
            } else if (event instanceof IncidentEvent.RunResult result) {
                names.add(result.target());
            } else if (event instanceof IncidentEvent.StepRun run) {
                names.addAll(run.nodes());
            }
        }
        names.remove("");
        return names.stream().map(name -> lookup.apply(name).map(Target::of)
                .orElse(new Target(name, "", 0, "", List.of(), List.of(), List.of()))).toList();
    }

    /** A node the responder worked on, as the next responder reconnects to it. */
    public record Target(String name, String host, int port, String user, List<String> proxyJump,
            List<String> identityFiles, List<String> groups) {
        public static Target of(Node node) {
            return new Target(node.name(), node.hostName(), node.port(), node.user(), node.proxyJump(),
                    node.identityFiles().stream().map(Object::toString).toList(), node.groups());
        }

        public Node toNode(String source) {
            return new Node(name, host, port, user, identityFiles == null ? List.of()
                    : identityFiles.stream().map(java.nio.file.Path::of).toList(), false,
                    proxyJump == null ? List.of() : proxyJump, java.time.Duration.ZERO, 3, false,
                    List.of("handed off"), source);
        }
    }

    /** A terminal tab that was open: {@code kind} is {@code local} or {@code ssh}, {@code target} the node. */
    public record Terminal(String name, String kind, String target) {}
}
