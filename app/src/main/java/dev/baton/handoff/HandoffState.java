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
                .orElse(new Target(name, "", 0, "", List.of(), List.of(), List.of(), false, List.of()))).toList();
    }

    /**
     * A node the responder worked on, as the next responder reconnects to it. The bundle is untrusted: what it
     * says can make a node more cautious (production) but never less, and its values are checked before use.
     *
     * @param production whether the sender's inventory made it production
     * @param hostKeys the host keys the sender's known_hosts trusted for it ({@code ssh-ed25519 SHA256:…}): shown
     *        to the receiver when their own known_hosts does not know the node, never trusted on the bundle's word
     */
    public record Target(String name, String host, int port, String user, List<String> proxyJump,
            List<String> identityFiles, List<String> groups, boolean production, List<String> hostKeys) {
        public Target {
            hostKeys = hostKeys == null ? List.of() : List.copyOf(hostKeys);
            proxyJump = proxyJump == null ? List.of() : List.copyOf(proxyJump);
            identityFiles = identityFiles == null ? List.of() : List.copyOf(identityFiles);
            groups = groups == null ? List.of() : List.copyOf(groups);
        }

        public static Target of(Node node) {
            return new Target(node.name(), node.hostName(), node.port(), node.user(), node.proxyJump(),
                    node.identityFiles().stream().map(Object::toString).toList(), node.groups(), node.production(),
                    List.of());
        }

        public Target withHostKeys(List<String> keys) {
            return new Target(name, host, port, user, proxyJump, identityFiles, groups, production, keys);
        }

        /**
         * The node as the receiver will see it: in the sender's groups ("handed off" when it had none), and
         * production when the bundle says so, whatever its groups are named.
         *
         * @throws IllegalArgumentException naming what is wrong, when a value could not have come from an inventory
         */
        public Node toNode(String source) {
            TargetCheck.check(this);
            return new Node(name, host, port, user, identityFiles.stream().map(java.nio.file.Path::of).toList(),
                    false, proxyJump, java.time.Duration.ZERO, 3, false,
                    groups.isEmpty() ? List.of("handed off") : groups, source, production ? "prod" : "");
        }
    }

    /** A terminal tab that was open: {@code kind} is {@code local} or {@code ssh}, {@code target} the node. */
    public record Terminal(String name, String kind, String target) {}
}
