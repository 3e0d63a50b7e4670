package dev.baton.session;

import dev.baton.incident.IncidentEvent;
import dev.baton.incident.IncidentInfo;
import dev.baton.incident.IncidentStore;
import dev.baton.incident.Timeline;
import dev.baton.incident.TimelineEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Two copies of one incident that went on apart after a handoff: the sender took theirs back, the receiver
 * carried on, and one copy later reached the other's store.
 */
public final class IncidentForks {
    private static final String TIMELINE = "timeline.jsonl";

    private IncidentForks() {}

    /**
     * One row of a forked timeline.
     *
     * @param copy whose copy the event comes from ("ana's copy"); empty for the events both copies share
     * @param fork true for the row that says where the copies parted (its event is the handoff they parted at)
     */
    public record Row(TimelineEvent event, String copy, boolean fork) {}

    /**
     * The open incident and another copy of it that went on apart after a handoff: the events both share, the
     * row where they parted, then each copy's events after it, in time order, each marked with its copy.
     *
     * @param text what the fork row says
     */
    public record Fork(String otherId, String openCopy, String text, List<Row> rows) {
        public Fork {
            rows = List.copyOf(rows);
        }
    }

    /**
     * The fork of the open incident {@code openId} ({@code events} its timeline) with another incident of
     * {@code store}: one copy handed off as a bundle and was taken back, the other was continued from that bundle.
     * Empty when the store holds no such pair, or when neither went on after parting.
     */
    public static Optional<Fork> of(IncidentStore store, String openId, List<TimelineEvent> events)
            throws IOException {
        // Only a copy that was handed off or continued from a bundle can have forked: the others are not read.
        if (events.stream().noneMatch(line -> line.type().equals(dev.baton.incident.EventType.HANDOFF_EXPORTED)
                || line.type().equals(dev.baton.incident.EventType.HANDOFF_IMPORTED))) {
            return Optional.empty();
        }
        for (IncidentInfo info : store.list()) {
            if (info.id().equals(openId)) {
                continue;
            }
            List<TimelineEvent> other = readTimeline(store.incidentsDirectory().resolve(info.id()));
            Optional<Fork> fork = between(events, other, info.id());
            if (fork.isPresent()) {
                return fork;
            }
        }
        return Optional.empty();
    }

    /** The fork between {@code mine} (open) and {@code other}, if one handed off and took back what the other continued. */
    static Optional<Fork> between(List<TimelineEvent> mine, List<TimelineEvent> other, String otherId) {
        Optional<Fork> asSender = parted(mine, other, otherId, true);
        return asSender.isPresent() ? asSender : parted(other, mine, otherId, false);
    }

    /** {@code sender} handed off, took back and went on; {@code receiver} continued from the same bundle. */
    private static Optional<Fork> parted(List<TimelineEvent> sender, List<TimelineEvent> receiver, String otherId,
            boolean openIsSender) {
        for (int s = 0; s < sender.size(); s++) {
            if (!(typed(sender.get(s)) instanceof IncidentEvent.HandoffExported exported) || exported.sha256() == null) {
                continue;
            }
            int takenBack = indexAfter(sender, s, IncidentEvent.HandoffTakenBack.class);
            if (takenBack < 0) {
                continue;
            }
            for (int r = 0; r < receiver.size(); r++) {
                if (typed(receiver.get(r)) instanceof IncidentEvent.HandoffImported imported
                        && exported.sha256().equalsIgnoreCase(imported.bundleSha256())) {
                    return Optional.of(fork(sender, s, exported, receiver, r, otherId, openIsSender));
                }
            }
        }
        return Optional.empty();
    }

    private static Fork fork(List<TimelineEvent> sender, int exportedAt,
            IncidentEvent.HandoffExported exported, List<TimelineEvent> receiver, int importedAt, String otherId,
            boolean openIsSender) {
        String senderName = blank(exported.by()) ? "the sender" : exported.by();
        String receiverName = !blank(receiver.get(importedAt).text("by")) ? receiver.get(importedAt).text("by")
                : !blank(exported.to()) ? exported.to() : "the receiver";
        String senderCopy = senderName + "'s copy";
        String receiverCopy = receiverName + "'s copy" + (receiverName.equals(senderName) ? " (continued)" : "");
        List<TimelineEvent> open = openIsSender ? sender : receiver;
        int openForkAt = openIsSender ? exportedAt : importedAt;
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < openForkAt; i++) {
            rows.add(new Row(open.get(i), "", false));
        }
        String text = "Fork: " + senderName + " handed this incident off as " + exported.file() + ", then took it back ("
                + "handoff.taken_back) while " + receiverName + " went on from the bundle. Two copies went on apart;"
                + " each event below says which copy it is from.";
        TimelineEvent at = sender.get(exportedAt);
        // A row of its own (not the handoff line itself, which heads the sender's branch below).
        rows.add(new Row(new TimelineEvent(at.v(), at.seq(), at.time(), at.type(), at.prev(), at.data()), "", true));
        List<Row> branches = new ArrayList<>();
        for (int i = exportedAt; i < sender.size(); i++) {
            branches.add(new Row(sender.get(i), senderCopy, false));
        }
        for (int i = importedAt; i < receiver.size(); i++) {
            branches.add(new Row(receiver.get(i), receiverCopy, false));
        }
        branches.sort(Comparator.comparing((Row row) -> row.event().time()));
        rows.addAll(branches);
        return new Fork(otherId, openIsSender ? senderCopy : receiverCopy, text, rows);
    }

    private static int indexAfter(List<TimelineEvent> events, int from, Class<? extends IncidentEvent> type) {
        for (int i = from + 1; i < events.size(); i++) {
            if (type.isInstance(typed(events.get(i)))) {
                return i;
            }
        }
        return -1;
    }

    private static IncidentEvent typed(TimelineEvent line) {
        try {
            return line.typed();
        } catch (RuntimeException e) {
            return null; // a line this version cannot read is no handoff
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** The timeline of another incident folder, read without opening it; lines that do not parse are left out. */
    static List<TimelineEvent> readTimeline(Path incidentFolder) throws IOException {
        Path file = incidentFolder.resolve(TIMELINE);
        List<TimelineEvent> events = new ArrayList<>();
        if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return events;
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                try {
                    events.add(Timeline.parse(line));
                } catch (IOException | RuntimeException e) {
                    // a damaged line says nothing about a fork
                }
            }
        }
        return events;
    }
}
