package dev.baton.ui.incident;

import dev.baton.incident.EventWords;
import dev.baton.incident.TimelineEvent;
import dev.baton.session.IncidentForks;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The timeline's rows in words, a forked timeline's too: the row where two copies of the incident parted, and
 * after it each event marked with the copy it comes from. Kept apart so the list only asks how a row reads.
 */
final class ForkRows {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    /** In a forked timeline: the copy each event after the fork comes from, by the event's identity. */
    private final Map<TimelineEvent, String> copies = new IdentityHashMap<>();
    private TimelineEvent forkRow;
    private String forkText = "";
    /** The open copy's mark, given to events it records while its fork is shown. */
    private String openCopy = "";

    /** Another incident is shown: no fork until one is found. */
    void clear() {
        copies.clear();
        forkRow = null;
        forkText = "";
        openCopy = "";
    }

    /** The shared events, the row where the copies parted, then both copies' events, each marked with its copy. */
    List<TimelineEvent> show(IncidentForks.Fork fork) {
        List<TimelineEvent> rows = new ArrayList<>();
        copies.clear();
        for (IncidentForks.Row row : fork.rows()) {
            rows.add(row.event());
            if (row.fork()) {
                forkRow = row.event();
            } else if (!row.copy().isEmpty()) {
                copies.put(row.event(), row.copy());
            }
        }
        forkText = fork.text();
        openCopy = fork.openCopy();
        return rows;
    }

    /** An event the open copy recorded: while a fork is shown it wears the open copy's mark. */
    void recorded(TimelineEvent event) {
        if (!openCopy.isEmpty()) {
            copies.put(event, openCopy);
        }
    }

    boolean isForkRow(TimelineEvent event) {
        return event != null && event == forkRow;
    }

    /** A timeline row in words: the fork row says where the copies parted; after it, each event names its copy. */
    String text(TimelineEvent event) {
        if (event == forkRow) {
            return CLOCK.format(event.time()) + "  " + forkText;
        }
        String copy = copies.get(event);
        return copy == null ? describe(event) : "[" + copy + "] " + describe(event);
    }

    static String describe(TimelineEvent event) {
        String credit = EventWords.credit(event);
        return CLOCK.format(event.time()) + "  " + EventWords.describe(event) + (credit.isEmpty() ? "" : "  — " + credit);
    }
}
