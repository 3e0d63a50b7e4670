package dev.baton.history;

import dev.baton.incident.IncidentStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * How far the index has read one incident: its files' sizes and times when it last did (so an unchanged
 * incident is passed over without being read), the events indexed and the hash of the last one (so a change
 * to lines already indexed is caught, even one that rewrote the whole chain). Kept in the index's own commit,
 * so marks and documents can never disagree.
 *
 * @param stamp    the timeline's and the notes' sizes and modification times, and when teammates' logs were
 *                 last copied in
 * @param seq      the last event indexed
 * @param hash     the SHA-256 of that event's line
 * @param problem  why the incident is not indexed (its timeline does not verify), or empty
 */
record IndexMarks(String stamp, long seq, String hash, String problem) {
    private static final char SEPARATOR = '\u001f';

    boolean tampered() {
        return !problem.isEmpty();
    }

    String encode() {
        return stamp + SEPARATOR + seq + SEPARATOR + hash + SEPARATOR + problem;
    }

    static IndexMarks decode(String text) {
        String[] parts = text.split(String.valueOf(SEPARATOR), 4);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not a history index mark: " + text);
        }
        return new IndexMarks(parts[0], Long.parseLong(parts[1]), parts[2], parts[3]);
    }

    /** The sizes and times of an incident's timeline and notes, as they are now. */
    static String stampOf(Path folder) {
        // Teammates' logs are replaced whole (a rename), which moves their folder's modification time.
        return fileStamp(folder.resolve("timeline.jsonl")) + "/" + fileStamp(folder.resolve("notes.md"))
                + (Files.isDirectory(folder.resolve(IncidentStore.TEAM_LOGS))
                        ? "/" + fileStamp(folder.resolve(IncidentStore.TEAM_LOGS)) : "");
    }

    private static String fileStamp(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.size() + ":" + attributes.lastModifiedTime().toMillis();
        } catch (IOException e) {
            return "-";
        }
    }
}
