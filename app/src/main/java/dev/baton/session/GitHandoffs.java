package dev.baton.session;

import dev.baton.handoff.BundleWriter;
import dev.baton.handoff.HandoffState;
import dev.baton.incident.IncidentEvent;
import dev.baton.incident.IncidentEvent.HandoffSent;
import dev.baton.incident.IncidentStore;
import dev.baton.incident.OpenIncident;
import dev.baton.incident.TimelineEvent;
import dev.baton.incident.TypedStepOutcomes;
import dev.baton.inventory.Node;
import dev.baton.team.TeamException;
import dev.baton.team.TeamRefs;
import dev.baton.team.TeamTimeline;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Handing a shared incident to a teammate through the team's git remote, with no file: the sender records a
 * {@code handoff.sent} event holding what a bundle's state would carry (note, runbooks, every node with its
 * production status, steps typed but not run), their copy goes read-only as after a bundle handoff, and the
 * receiver records a {@code handoff.accepted} in their own log. Both events travel in the responders' own signed
 * logs, so the handoff is in the team's merged timeline exactly once each. For the window and the CLI alike.
 *
 * <p>A take-over by someone the handoff did not name is allowed (the named receiver may be asleep; the team
 * decides), but recorded and shown as such: the acceptance says whom the handoff named.
 */
public final class GitHandoffs {
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HH:mm");

    private GitHandoffs() {}

    /** A handoff is refused or cannot be taken over; the message is for the responder. */
    public static final class Refused extends TeamException {
        public Refused(String message) {
            super(message);
        }
    }

    /**
     * The {@code handoff.sent} event for an incident with {@code events}: the runbooks it used, every node it
     * touched with whether {@code nodes} (the sender's inventory) makes it production, and each step typed into a
     * terminal whose Enter was never pressed, read as a bundle's state and handoff.html read them.
     */
    public static HandoffSent sent(List<TimelineEvent> events, Function<String, Optional<Node>> nodes, String to,
            String note, String remote) {
        TeamRefs.checkResponder(to);
        List<HandoffSent.HandedNode> handedNodes = HandoffState.targetsFrom(events, nodes).stream()
                .map(target -> new HandoffSent.HandedNode(target.name(), target.host(), target.port(), target.user(),
                        target.production())).toList();
        Map<Long, TypedStepOutcomes.Outcome> outcomes = TypedStepOutcomes.of(events);
        List<HandoffSent.TypedStep> typed = new ArrayList<>();
        for (TimelineEvent line : events) {
            if (outcomes.get(line.seq()) == TypedStepOutcomes.Outcome.STILL_TYPED
                    && line.typed() instanceof IncidentEvent.StepSent step) {
                typed.add(new HandoffSent.TypedStep(step.runbook(), step.step(), step.text(), step.target()));
            }
        }
        return new HandoffSent(to, note == null ? "" : note.strip(), remote, BundleWriter.runbooksUsed(events),
                handedNodes, typed);
    }

    /**
     * Where the incident's last git handoff stands in the team's merged timeline.
     *
     * @param sent       the {@code seq} of the handoff in the sender's log
     * @param takenBy    who took it over, or null while no one has
     * @param takenBack  whether the sender took it back before anyone took over
     */
    public record Standing(String from, Instant at, long sent, HandoffSent handoff, String takenBy, Instant takenAt,
            boolean takenBack) {
        public boolean takenOver() {
            return takenBy != null;
        }

        /** Whether the handoff is waiting for a take-over that {@code me} could make. */
        public boolean awaits(String me) {
            return !takenOver() && !takenBack && !from.equals(me);
        }

        /** What the window says of it to {@code me}, in {@code zone}'s time; empty once taken back. */
        public Optional<String> words(String me, ZoneId zone) {
            if (takenBack) {
                return Optional.empty();
            }
            String sentAt = HHMM.format(at.atZone(zone));
            String to = handoff.to();
            if (takenOver()) {
                String takenAtWords = HHMM.format(takenAt.atZone(zone));
                String unnamed = takenBy.equals(to) ? "" : " (the handoff named " + to + ")";
                if (from.equals(me)) {
                    return Optional.of(takenBy + " took over at " + takenAtWords + unnamed
                            + ". This copy stays read-only: the incident is theirs now.");
                }
                if (takenBy.equals(me)) {
                    return Optional.of("You took over from " + from + " at " + takenAtWords + unnamed + ".\n"
                            + received());
                }
                return Optional.of(takenBy + " took over from " + from + " at " + takenAtWords + unnamed + ".");
            }
            if (from.equals(me)) {
                return Optional.of("You handed this incident to " + to + " at " + sentAt + " through the team's "
                        + "remote: it is read-only here. Waiting for " + to + " to take over; until then you can"
                        + " take it back.");
            }
            return Optional.of(from + " handed this incident to " + (to.equals(me) ? "you" : to) + " at " + sentAt
                    + (to.equals(me) ? "" : " (not to you: taking over is recorded as such)") + " — Take over.\n"
                    + received());
        }

        /**
         * The nodes handed over, as the receiver can connect to them (host keys still checked), production kept:
         * the same reading of them as a bundle's, so a hostile value is refused the same way.
         */
        public Handoffs.HandedOffNodes nodes() {
            List<HandoffState.Target> targets = handoff.nodes().stream().map(n -> new HandoffState.Target(n.name(),
                    n.host() == null ? "" : n.host(), n.port(), n.user() == null ? "" : n.user(), List.of(), List.of(),
                    List.of(), n.production(), List.of())).toList();
            return Handoffs.handedOffNodes(new HandoffState(targets, List.of(), Map.of(), List.of()),
                    "the handoff from " + from);
        }

        /** What was handed over: the note, then the runbooks, production nodes and steps typed but not run, if any. */
        public String received() {
            StringBuilder said = new StringBuilder("Note: ")
                    .append(handoff.note().isBlank() ? "(no note)" : handoff.note());
            if (!handoff.runbooks().isEmpty()) {
                said.append("\nRunbooks: ").append(String.join(", ", handoff.runbooks()));
            }
            if (!handoff.nodes().isEmpty()) {
                said.append("\nNodes: ").append(String.join(", ", handoff.nodes().stream()
                        .map(n -> n.name() + (n.production() ? " (production)" : "")).toList()));
            }
            if (!handoff.typed().isEmpty()) {
                said.append("\nTyped, not run: ").append(String.join("; ", handoff.typed().stream()
                        .map(t -> t.text().strip() + " in " + t.target()).toList()));
            }
            return said.toString();
        }
    }

    /** The last git handoff of the merged timeline, as it stands; empty when the incident was never handed off so. */
    public static Optional<Standing> standing(List<TeamTimeline.TeamEvent> merged) {
        Standing standing = null;
        for (TeamTimeline.TeamEvent line : merged) {
            IncidentEvent event = line.event().typed();
            if (event instanceof HandoffSent sent) {
                standing = new Standing(line.responder(), line.event().time(), line.event().seq(), sent, null, null,
                        false);
            } else if (standing == null) {
                continue;
            } else if (event instanceof IncidentEvent.HandoffAccepted accepted && !standing.takenOver()
                    && !standing.takenBack() && accepted.from().equals(standing.from())
                    && accepted.sent() == standing.sent()) {
                standing = new Standing(standing.from(), standing.at(), standing.sent(), standing.handoff(),
                        line.responder(), line.event().time(), false);
            } else if (event instanceof IncidentEvent.HandoffTakenBack && line.responder().equals(standing.from())
                    && !standing.takenOver()) {
                standing = new Standing(standing.from(), standing.at(), standing.sent(), standing.handoff(), null,
                        null, true);
            }
        }
        return Optional.ofNullable(standing);
    }

    /** The acceptance {@code me} records to take over {@code standing}'s handoff, or why they cannot. */
    public static IncidentEvent.HandoffAccepted accepting(Optional<Standing> standing, String me) throws Refused {
        if (standing.isEmpty() || standing.get().takenBack()) {
            throw new Refused("Nobody handed this incident off through the team's remote (or it was taken back): "
                    + "there is nothing to take over. Sync first if a teammate just handed it to you.");
        }
        Standing s = standing.get();
        if (s.from().equals(me)) {
            throw new Refused("You handed this incident off yourself; take it back instead of taking it over.");
        }
        if (s.takenOver()) {
            throw new Refused(s.takenBy() + " already took this incident over at " + s.takenAt() + ".");
        }
        return new IncidentEvent.HandoffAccepted(s.from(), s.sent(), s.handoff().to(), s.handoff().to().equals(me));
    }

    /** Why the sender may not take back any more: the receiver took over. Empty when they may. */
    public static Optional<String> takeBackRefusal(Optional<Standing> standing, String me) {
        return standing.filter(s -> s.from().equals(me) && s.takenOver()).map(s -> s.takenBy() + " took this "
                + "incident over at " + s.takenAt() + ": it is theirs now and cannot be taken back. Ask them to hand "
                + "it back to you.");
    }

    /** Hands the incident off from the window: recorded in the open incident, which turns read-only at once. */
    public static CompletableFuture<HandoffSent> handOff(IncidentSession session, Function<String, Optional<Node>> nodes,
            String to, String note, String remote) {
        return session.withOpen(incident -> record(incident, session.responder(), to, note, remote, nodes));
    }

    /** Takes over from the window: the acceptance goes into the open incident (and out with the next sync). */
    public static CompletableFuture<IncidentEvent.HandoffAccepted> takeOver(IncidentSession session,
            Optional<Standing> standing) {
        return session.withOpen(incident -> {
            IncidentEvent.HandoffAccepted accepted = accepting(standing, session.responder());
            incident.handoff(accepted);
            return accepted;
        });
    }

    /** Hands the incident off from the command line: recorded, then synced so the receiver sees it. */
    public static TeamSync.Outcome handOff(IncidentStore store, TeamSync sync, String id, String me,
            TeamSync.Access access, Function<String, Optional<Node>> nodes, String to, String note) throws IOException {
        requireShared(sync, id);
        try (OpenIncident incident = store.open(id, false)) {
            incident.creditTo(me);
            record(incident, me, to, note, access.remote(), nodes);
        }
        return sync.sync(id, me, access);
    }

    /** Takes over from the command line: fetches first, so the handoff just made is seen. */
    public static IncidentEvent.HandoffAccepted takeOver(IncidentStore store, TeamSync sync, String id, String me,
            TeamSync.Access access) throws IOException {
        requireShared(sync, id);
        sync.fetch(id, me, access);
        IncidentEvent.HandoffAccepted accepted = accepting(standing(sync.timeline(id, me)), me);
        try (OpenIncident incident = store.open(id, false)) {
            incident.creditTo(me);
            incident.handoff(accepted);
        }
        sync.sync(id, me, access);
        return accepted;
    }

    private static HandoffSent record(OpenIncident incident, String me, String to, String note, String remote,
            Function<String, Optional<Node>> nodes) throws IOException {
        if (incident.handedOff().isPresent()) {
            throw new Refused("This incident is already handed off (" + incident.handedOff().get().file() + "); "
                    + "take it back first.");
        }
        if (to.equals(me)) {
            throw new Refused("You cannot hand an incident to yourself: name the teammate who takes over.");
        }
        HandoffSent sent = sent(incident.timeline().events(), nodes, to, note, remote);
        incident.handoff(sent);
        return sent;
    }

    private static void requireShared(TeamSync sync, String id) throws IOException {
        if (sync.remote(id).isEmpty()) {
            throw new Refused("Incident " + id + " is not shared through the team's remote: share it first "
                    + "(baton incident share), or hand it off as a bundle file (baton bundle export).");
        }
    }
}
