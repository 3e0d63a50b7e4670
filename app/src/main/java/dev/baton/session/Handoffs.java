package dev.baton.session;

import dev.baton.handoff.BundleImporter;
import dev.baton.handoff.BundleReader;
import dev.baton.handoff.BundleWriter;
import dev.baton.handoff.HandoffState;
import dev.baton.handoff.Redactor;
import dev.baton.incident.IncidentStore;
import dev.baton.incident.OpenIncident;
import dev.baton.inventory.Inventory;
import dev.baton.inventory.Node;
import dev.baton.runbook.RunbookLibrary;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Handing an incident over and continuing one, for the window and {@code baton bundle} alike: what goes
 * into the bundle's state, how a bundle is checked before anything is written, and where its nodes go.
 */
public final class Handoffs {
    private Handoffs() {}

    /** What the responder is shown before writing: the incident's name and every possible secret found. */
    public record Prepared(String id, String title, BundleWriter.Request request, List<Redactor.Found> found) {}

    /**
     * The responder's answers: their note, the findings they keep, how to sign, where to write, and whether a
     * file already there may be replaced (asked of them first).
     */
    public record Choices(String note, Set<String> keep, BundleWriter.ManifestSigner signer, Path destination,
            boolean overwrite, String to) {
        /** At most this much of the receiver's name is kept: it is a name, not a note. */
        private static final int MAX_TO = 80;

        public Choices {
            to = to == null ? "" : to.codePoints().filter(c -> !Character.isISOControl(c)
                            && Character.getType(c) != Character.FORMAT)
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
            to = to.length() > MAX_TO ? to.substring(0, MAX_TO) : to;
        }

        public Choices(String note, Set<String> keep, BundleWriter.ManifestSigner signer, Path destination,
                boolean overwrite) {
            this(note, keep, signer, destination, overwrite, "");
        }

        public Choices(String note, Set<String> keep, BundleWriter.ManifestSigner signer, Path destination) {
            this(note, keep, signer, destination, false);
        }
    }

    /** A bundle file is already where the responder asked to write; nothing was written. */
    public static final class BundleExists extends java.nio.file.FileAlreadyExistsException {
        public BundleExists(Path file) {
            super(file.toString(), null, "a file is already there; nothing was written");
        }
    }

    /**
     * The request for a bundle of {@code incident}: its nodes with their connection parameters, ticks,
     * variables and open terminals, and the runbooks it used.
     */
    public static BundleWriter.Request request(OpenIncident incident, Function<String, Optional<Node>> nodes,
            List<HandoffState.Terminal> terminals, RunbookLibrary runbooks, String by, Choices choices) {
        HandoffState state = new HandoffState(HandoffState.targetsFrom(incident.timeline().events(), nodes),
                List.copyOf(incident.tickedItems()), incident.variables(), terminals);
        return new BundleWriter.Request(choices.note(), by, Instant.now(), AppVersion.number(), state,
                id -> runbooks == null ? Optional.empty() : runbooks.find(id).flatMap(runbooks::file),
                choices.keep(), choices.signer());
    }

    /** The request with, for each node, the host keys {@code knownHosts} trusts for it (none when null). */
    public static BundleWriter.Request withHostKeys(BundleWriter.Request request, dev.baton.ssh.KnownHosts knownHosts)
            throws IOException {
        if (knownHosts == null) {
            return request;
        }
        HandoffState state = request.state();
        List<HandoffState.Target> targets = new java.util.ArrayList<>();
        for (HandoffState.Target target : state.targets()) {
            targets.add(target.host().isBlank() ? target
                    : target.withHostKeys(knownHosts.fingerprints(target.host(), target.port())));
        }
        return new BundleWriter.Request(request.note(), request.createdBy(), request.createdAt(), request.appVersion(),
                new HandoffState(targets, state.checklist(), state.variables(), state.terminals()),
                request.runbookFiles(), request.keep(), request.signer());
    }

    /** Writes the bundle and records the handoff in the incident's timeline; never over an existing file. */
    public static BundleWriter.Result export(OpenIncident incident, BundleWriter.Request request, Path destination)
            throws IOException {
        return export(incident, request, destination, false);
    }

    /** As {@link #export(OpenIncident, BundleWriter.Request, Path)}, replacing a file there when {@code overwrite}. */
    public static BundleWriter.Result export(OpenIncident incident, BundleWriter.Request request, Path destination,
            boolean overwrite) throws IOException {
        return export(incident, request, destination, overwrite, "");
    }

    /** As {@link #export(OpenIncident, BundleWriter.Request, Path, boolean)}, recording who it goes to. */
    public static BundleWriter.Result export(OpenIncident incident, BundleWriter.Request request, Path destination,
            boolean overwrite, String to) throws IOException {
        if (!overwrite && java.nio.file.Files.exists(destination)) {
            throw new BundleExists(destination);
        }
        return BundleWriter.exportFrom(incident, request, destination, to);
    }

    /** Possible secrets in the handoff note, found as the bundle's redaction will find them. */
    public static List<Redactor.Found> scanNote(String note) {
        Redactor redactor = new Redactor(Set.of());
        try {
            redactor.redactText(BundleWriter.NOTE_FILE, note);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // text in memory: no I/O happens
        }
        return redactor.found();
    }

    /** Scans the open incident for secrets, without writing anything. */
    public static CompletableFuture<Prepared> prepare(IncidentSession session, Function<String, Optional<Node>> nodes,
            List<HandoffState.Terminal> terminals, RunbookLibrary runbooks) {
        return prepare(session, nodes, terminals, runbooks, null);
    }

    /**
     * As {@link #prepare(IncidentSession, Function, List, RunbookLibrary)}, each node with the host keys
     * {@code knownHosts} trusts for it, so that the receiver can compare the key they are shown.
     */
    public static CompletableFuture<Prepared> prepare(IncidentSession session, Function<String, Optional<Node>> nodes,
            List<HandoffState.Terminal> terminals, RunbookLibrary runbooks, dev.baton.ssh.KnownHosts knownHosts) {
        return session.withOpen(incident -> {
            BundleWriter.Request request = withHostKeys(request(incident, nodes, terminals, runbooks,
                    session.responder(), new Choices("", Set.of(), null, null)), knownHosts);
            return new Prepared(BundleWriter.bundleId(incident.info()), incident.info().title(), request,
                    BundleWriter.scan(incident.folder(), request));
        });
    }

    /** Writes what {@link #prepare} found, with the responder's choices, on the incident's thread. */
    public static CompletableFuture<BundleWriter.Result> export(IncidentSession session, Prepared prepared,
            Choices choices) {
        BundleWriter.Request base = prepared.request();
        BundleWriter.Request request = new BundleWriter.Request(choices.note(), base.createdBy(), Instant.now(),
                base.appVersion(), base.state(), base.runbookFiles(), choices.keep(), choices.signer());
        return session.withOpen(incident -> export(incident, request, choices.destination(), choices.overwrite(),
                choices.to()));
    }

    /** Checks all of a bundle before anything is written; throws the reasons it is refused. */
    public static BundleReader.Verified verify(Path bundle) throws IOException {
        return BundleReader.verify(bundle);
    }

    /** Continues a verified bundle's incident as this session's open one. */
    public static CompletableFuture<BundleImporter.Imported> continueIn(IncidentSession session,
            BundleReader.Verified bundle) {
        return session.importBundle(bundle);
    }

    /** Continues a verified bundle's incident in {@code store} without opening it here (the command line). */
    public static BundleImporter.Imported importInto(IncidentStore store, BundleReader.Verified bundle)
            throws IOException {
        return BundleImporter.importVerified(bundle, store);
    }

    /**
     * The nodes a handoff names, ready to connect to (host keys still checked), and those refused because a
     * value could not have come from an inventory (each said in words).
     */
    public record HandedOffNodes(List<Node> nodes, List<String> refused, java.util.Map<String, List<String>> hostKeys) {
        public HandedOffNodes {
            nodes = List.copyOf(nodes);
            refused = List.copyOf(refused);
            hostKeys = java.util.Map.copyOf(hostKeys);
        }

        public HandedOffNodes(List<Node> nodes, List<String> refused) {
            this(nodes, refused, java.util.Map.of());
        }

        /** The host keys the sender trusted for the node reached at {@code host:port}, as known_hosts names it. */
        public List<String> senderSaw(String lookupName) {
            return hostKeys.getOrDefault(lookupName, List.of());
        }
    }

    /** The nodes the sender worked on, as nodes this responder can connect to (host keys still checked). */
    public static HandedOffNodes handedOffNodes(BundleImporter.Imported imported) {
        return handedOffNodes(imported.state(), imported.bundle().file().getFileName().toString());
    }

    /** The nodes in a bundle's state; a target with no address is left out, one with a hostile value refused. */
    public static HandedOffNodes handedOffNodes(HandoffState state, String from) {
        List<Node> nodes = new java.util.ArrayList<>();
        List<String> refused = new java.util.ArrayList<>();
        java.util.Map<String, List<String>> hostKeys = new java.util.HashMap<>();
        for (HandoffState.Target target : state.targets()) {
            if (target.host() == null || target.host().isBlank()) {
                continue;
            }
            try {
                Node node = target.toNode(from);
                nodes.add(node);
                if (!target.hostKeys().isEmpty()) {
                    hostKeys.putIfAbsent(dev.baton.ssh.KnownHosts.lookupName(node.hostName(), node.port()),
                            target.hostKeys());
                }
            } catch (IllegalArgumentException e) {
                refused.add("A node in " + from + " was not added: " + e.getMessage());
            }
        }
        return new HandedOffNodes(nodes, refused, hostKeys);
    }

    /**
     * The nodes handed over with the incident in {@code incidentFolder} (none when it was not continued from a
     * bundle), so that a restarted window and {@code baton run} know them as the import did.
     */
    public static HandedOffNodes handedOffNodes(Path incidentFolder) throws IOException {
        return handedOffNodes(BundleImporter.readState(incidentFolder), "the handoff");
    }

    /** The nodes handed over with the responder's current incident in {@code store}, for {@code baton run}. */
    public static HandedOffNodes currentHandedOffNodes(IncidentStore store) throws IOException {
        Optional<String> id = store.currentId();
        return id.isEmpty() ? new HandedOffNodes(List.of(), List.of())
                : handedOffNodes(store.incidentsDirectory().resolve(id.get()));
    }

    /**
     * The responder's inventory with a handoff's nodes: one it lacks is added in the sender's groups; one it has
     * keeps the responder's own definition, but stays production when the sender's inventory said so. A bundle
     * can make a node more cautious, never less.
     */
    public static Inventory withHandedOff(Inventory own, List<Node> handedOff) {
        java.util.Map<String, Node> byName = new java.util.LinkedHashMap<>();
        handedOff.forEach(node -> byName.putIfAbsent(node.name(), node));
        List<Node> nodes = new java.util.ArrayList<>();
        for (Node node : own.nodes()) {
            Node sent = byName.remove(node.name());
            nodes.add(sent != null && sent.production() ? node.asProduction() : node);
        }
        nodes.addAll(byName.values());
        return new Inventory(nodes, own.problems());
    }

    /**
     * What the window says of an incident's handoff above everything else: the note received with it (as long
     * as the continued incident is the receiver's), or that this copy was handed off and is read-only.
     *
     * @param handedOff true when this copy is the sender's, read-only until taken back
     */
    public record Notice(boolean handedOff, String text) {}

    public static Optional<Notice> notice(List<dev.baton.incident.TimelineEvent> events) {
        Notice notice = null;
        for (dev.baton.incident.TimelineEvent line : events) {
            dev.baton.incident.IncidentEvent event = line.typed();
            if (event instanceof dev.baton.incident.IncidentEvent.HandoffExported e) {
                notice = new Notice(true, "You handed this incident off as " + e.file() + ": it is read-only here, so"
                        + " that two responders do not carry it on apart. Take it back to go on with it.");
            } else if (event instanceof dev.baton.incident.IncidentEvent.HandoffSent e) {
                notice = new Notice(true, "You handed this incident to " + e.to() + " through the team's remote: it is"
                        + " read-only here until " + e.to() + " takes over. Take it back to go on with it yourself.");
            } else if (event instanceof dev.baton.incident.IncidentEvent.HandoffTakenBack) {
                notice = null;
            } else if (event instanceof dev.baton.incident.IncidentEvent.HandoffImported e) {
                notice = new Notice(false, "Handed over from " + e.from() + (e.signed() ? " (signed)" : " (unsigned)")
                        + ": " + (e.note() == null || e.note().isBlank() ? "(no note)" : e.note().strip()));
            }
        }
        return Optional.ofNullable(notice);
    }

    /**
     * What Take back asks before the sender records into a copy they handed off: who it went to and when, whether
     * they are known to have continued it, and that the two copies would now go on apart. Empty when the open
     * incident is not handed off.
     *
     * @param continued the receiver's take-over, when this responder's store knows of it
     */
    public static Optional<String> takeBackQuestion(List<dev.baton.incident.TimelineEvent> events,
            java.time.ZoneId zone, Optional<Continued> continued) {
        Optional<dev.baton.incident.TimelineEvent> exported = handedOffAt(events);
        if (exported.isEmpty()) {
            return Optional.empty();
        }
        var handoff = exportedOf(exported.get());
        String receiver = handoff.to() == null || handoff.to().isBlank() ? null : handoff.to();
        String at = hhmm(exported.get().time(), zone);
        StringBuilder question = new StringBuilder("You handed this incident to ")
                .append(receiver == null ? "the next responder" : receiver).append(" at ").append(at).append(" (")
                .append(handoff.file()).append(").");
        if (continued.isPresent()) {
            String who = continued.get().by().isBlank() ? (receiver == null ? "The receiver" : receiver)
                    : continued.get().by();
            question.append(' ').append(who).append(" continued this incident at ")
                    .append(hhmm(continued.get().at(), zone)).append(" (their copy is here as ")
                    .append(continued.get().incidentId()).append(").");
        } else {
            question.append(' ').append(receiver == null ? "Whoever opened that bundle" : receiver)
                    .append(" may be working on it now; this copy does not know.");
        }
        question.append("\n\nIf you take it back and they go on too, the incident forks: two timelines that each"
                + " record steps the other does not know of. Your timeline records the take-back"
                + " (handoff.taken_back), so both copies show where they parted. Tell ")
                .append(receiver == null ? "the receiver" : receiver).append(" before you go on.");
        return Optional.of(question.toString());
    }

    /** As {@link #takeBackQuestion(List, java.time.ZoneId, Optional)}, knowing nothing of the receiver's copy. */
    public static Optional<String> takeBackQuestion(List<dev.baton.incident.TimelineEvent> events,
            java.time.ZoneId zone) {
        return takeBackQuestion(events, zone, Optional.empty());
    }

    /** The header of the take-back question: whom it names, and when. */
    public static Optional<String> takeBackHeader(List<dev.baton.incident.TimelineEvent> events, java.time.ZoneId zone) {
        return handedOffAt(events).map(line -> {
            var handoff = exportedOf(line);
            return "Take back the incident you handed "
                    + (handoff.to() == null || handoff.to().isBlank() ? "off" : "to " + handoff.to()) + " at "
                    + hhmm(line.time(), zone) + "?";
        });
    }

    /**
     * The receiver's copy of a handed-off incident, found in this responder's store (they sent a bundle back and
     * it was opened here): who continued it and when.
     */
    public record Continued(String by, java.time.Instant at, String incidentId) {}

    /** The take-back question for the session's open incident, with what its store knows of the receiver. */
    public static CompletableFuture<Optional<String[]>> takeBackQuestion(IncidentSession session,
            java.time.ZoneId zone) {
        return session.withOpen(incident -> {
            List<dev.baton.incident.TimelineEvent> events = incident.timeline().events();
            Optional<dev.baton.incident.TimelineEvent> exported = handedOffAt(events);
            Optional<Continued> continued = exported.isEmpty() ? Optional.empty() : continuedElsewhere(session.store(),
                    exportedOf(exported.get()).sha256(),
                    incident.info().id());
            return takeBackQuestion(events, zone, continued).map(question -> new String[] {
                takeBackHeader(events, zone).orElse("Take back the incident?"), question});
        });
    }

    /**
     * Another incident of {@code store} continued from the bundle whose SHA-256 is {@code bundleSha256}: its
     * {@code handoff.imported} line names who imported it and when. Incidents that cannot be read are passed over.
     */
    public static Optional<Continued> continuedElsewhere(IncidentStore store, String bundleSha256, String exceptId)
            throws IOException {
        if (bundleSha256 == null || bundleSha256.isBlank()) {
            return Optional.empty();
        }
        for (dev.baton.incident.IncidentInfo info : store.list()) {
            if (info.id().equals(exceptId)) {
                continue;
            }
            for (dev.baton.incident.TimelineEvent line : IncidentForks.readTimeline(
                    store.incidentsDirectory().resolve(info.id()))) {
                if (line.typed() instanceof dev.baton.incident.IncidentEvent.HandoffImported imported
                        && bundleSha256.equalsIgnoreCase(imported.bundleSha256())) {
                    return Optional.of(new Continued(line.text("by"), line.time(), info.id()));
                }
            }
        }
        return Optional.empty();
    }

    /** The open handoff.exported line: the last one not followed by a take-back. */
    private static Optional<dev.baton.incident.TimelineEvent> handedOffAt(List<dev.baton.incident.TimelineEvent> events) {
        dev.baton.incident.TimelineEvent exported = null;
        for (dev.baton.incident.TimelineEvent line : events) {
            if (line.typed() instanceof dev.baton.incident.IncidentEvent.HandoffExported
                    || line.typed() instanceof dev.baton.incident.IncidentEvent.HandoffSent) {
                exported = line;
            } else if (line.typed() instanceof dev.baton.incident.IncidentEvent.HandoffTakenBack) {
                exported = null;
            }
        }
        return Optional.ofNullable(exported);
    }

    /** A bundle handoff as it is, a git handoff as the bundle handoff it stands for. */
    private static dev.baton.incident.IncidentEvent.HandoffExported exportedOf(dev.baton.incident.TimelineEvent line) {
        return line.typed() instanceof dev.baton.incident.IncidentEvent.HandoffSent sent ? sent.asExported(line.text("by"))
                : (dev.baton.incident.IncidentEvent.HandoffExported) line.typed();
    }

    private static String hhmm(java.time.Instant at, java.time.ZoneId zone) {
        return java.time.format.DateTimeFormatter.ofPattern("HH:mm").format(at.atZone(zone));
    }

    /** How the window and the CLI describe a bundle's signature. */
    public static String signatureLine(BundleReader.Verified verified) {
        return verified.signature().map(s -> "signed by " + s.keyType() + " key " + s.fingerprint()
                + " — compare it with the key of the responder who handed off")
                .orElse("unsigned: the SHA-256 manifest shows the bundle was not damaged, not who made it");
    }
}
