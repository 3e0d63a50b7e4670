package dev.baton.incident;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An incident as the "Open…" list shows it: what {@code incident.json} says and where it stands.
 *
 * @param state {@link #OPEN}, {@link #ENDED} or {@link #HANDED_OFF}, from the last events of its timeline
 */
public record IncidentListing(IncidentInfo info, String state) {
    public static final String OPEN = "open";
    public static final String ENDED = "ended";
    public static final String HANDED_OFF = "handed off";

    /** Enough of a timeline's end to hold its last few lines: listing never reads a whole timeline. */
    private static final int TAIL_BYTES = 16 * 1024;
    private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([^\"\\\\]*)\"");
    /** Events written on the way out that say nothing about where the incident stands. */
    private static final Set<String> BOOKKEEPING = Set.of(EventType.NOTE_SAVED, EventType.CONNECTION_LOST,
            EventType.CONNECTION_FAILED, EventType.CONNECTION_OPENED, EventType.INCIDENT_RECOVERED);

    /** Reads the state of the incident in {@code folder} from the end of its timeline. */
    static IncidentListing of(IncidentInfo info, Path folder) throws IOException {
        return new IncidentListing(info, state(folder.resolve(OpenIncident.TIMELINE)));
    }

    static String state(Path timeline) throws IOException {
        if (!Files.isRegularFile(timeline)) {
            return OPEN;
        }
        String tail;
        try (RandomAccessFile file = new RandomAccessFile(timeline.toFile(), "r")) {
            long start = Math.max(0, file.length() - TAIL_BYTES);
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            tail = new String(bytes, StandardCharsets.UTF_8);
            if (start > 0) {
                tail = tail.substring(tail.indexOf('\n') + 1); // the first line read is only its end
            }
        }
        return stateOfTail(tail);
    }

    /** Where an incident stands from a timeline's bytes (a teammate's log, say); only its end is read. */
    public static String state(byte[] timeline) {
        int start = Math.max(0, timeline.length - TAIL_BYTES);
        String tail = new String(timeline, start, timeline.length - start, StandardCharsets.UTF_8);
        return stateOfTail(start > 0 ? tail.substring(tail.indexOf('\n') + 1) : tail);
    }

    private static String stateOfTail(String tail) {
        String[] lines = tail.split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            Matcher type = TYPE.matcher(lines[i]);
            if (!type.find() || BOOKKEEPING.contains(type.group(1))) {
                continue;
            }
            return switch (type.group(1)) {
                case EventType.INCIDENT_CLOSED -> ENDED;
                case EventType.HANDOFF_EXPORTED -> HANDED_OFF;
                default -> OPEN;
            };
        }
        return OPEN;
    }
}
