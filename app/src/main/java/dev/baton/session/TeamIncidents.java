package dev.baton.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.incident.IncidentListing;
import dev.baton.incident.IncidentStore;
import dev.baton.team.SharedLogs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The incidents a responder can open: those in their data folder and those in the team's remote, one row each,
 * for the window's Open… and {@code baton incident list}. What comes from the remote is a teammate's words at
 * best and anyone's with push access at worst: each value is bounded and its control and bidirectional
 * characters written out as escapes before any face shows it.
 */
public final class TeamIncidents {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int TITLE_MAX = 200;
    static final int FIELD_MAX = 40;

    private TeamIncidents() {}

    /**
     * One incident as listed.
     *
     * @param started null when the remote's incident.json does not say a time Baton can read
     * @param state {@link IncidentListing#OPEN}, {@code ENDED}, {@code HANDED_OFF}, or "?" when not read
     * @param local whether this data folder has it (opening it needs no joining)
     * @param shared whether the team's remote has it
     */
    public record Row(String id, String title, String severity, Instant started, String state,
            List<String> responders, Instant lastActivity, boolean local, boolean shared) {
        public Row {
            responders = List.copyOf(responders);
        }

        /** Where it is, in words. */
        public String where() {
            return local && shared ? "here, shared" : local ? "here" : "team remote";
        }
    }

    /** The remote's incidents, and the logs skipped (unverifiable, odd names, too big) in words. */
    public record Remote(List<Row> incidents, List<String> skipped) {
        public Remote {
            incidents = List.copyOf(incidents);
            skipped = List.copyOf(skipped);
        }
    }

    /** The incidents of the data folder, newest first; only incident.json and the end of each timeline are read. */
    public static List<Row> local(IncidentStore store) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (IncidentListing listing : store.listings()) {
            var info = listing.info();
            Path timeline = store.timelineFile(info.id());
            Instant last = info.startedAt();
            try {
                if (Files.isRegularFile(timeline)) {
                    last = Files.getLastModifiedTime(timeline).toInstant();
                }
            } catch (IOException unreadable) {
                // The start is the last activity this listing can tell.
            }
            rows.add(new Row(info.id(), info.title(), info.severity(), info.startedAt(), listing.state(),
                    info.responder().isBlank() ? List.of() : List.of(info.responder()), last, true, false));
        }
        return rows;
    }

    /** The remote's logs, one row per incident, newest first. */
    static Remote of(SharedLogs.Survey survey) {
        Map<String, List<SharedLogs.ListedLog>> byId = new LinkedHashMap<>();
        survey.logs().forEach(log -> byId.computeIfAbsent(log.id(), k -> new ArrayList<>()).add(log));
        List<Row> rows = new ArrayList<>();
        List<String> skipped = new ArrayList<>(survey.skipped().stream().map(s -> shown(s, 2 * TITLE_MAX)).toList());
        for (var incident : byId.entrySet()) {
            List<SharedLogs.ListedLog> logs = incident.getValue();
            JsonNode info = null;
            for (SharedLogs.ListedLog log : logs) {
                JsonNode read = read(log.info());
                // The incident.json of the responder who started it says what it is; any other will do.
                if (read != null && (info == null || log.responder().equals(read.path("responder").asText()))) {
                    info = read;
                }
            }
            if (info == null) {
                skipped.add(incident.getKey() + ": no incident.json Baton can read; skipped");
                continue;
            }
            SharedLogs.ListedLog latest = logs.stream().max(Comparator.comparing(SharedLogs.ListedLog::committed))
                    .orElseThrow();
            TreeSet<String> responders = new TreeSet<>();
            logs.forEach(log -> responders.add(log.responder()));
            rows.add(new Row(incident.getKey(), shown(text(info, "title", incident.getKey()), TITLE_MAX),
                    shown(text(info, "severity", ""), FIELD_MAX), instant(info.path("startedAt").asText("")),
                    latest.state() == null ? "?" : latest.state(), List.copyOf(responders), latest.committed(),
                    false, true));
        }
        rows.sort(NEWEST_FIRST);
        return new Remote(rows, skipped);
    }

    /**
     * The local rows with the remote's added: an incident in both is one row, marked shared, with the remote's
     * responders and latest activity where they are later.
     */
    public static List<Row> merge(List<Row> local, List<Row> remote) {
        Map<String, Row> rows = new LinkedHashMap<>();
        local.forEach(row -> rows.put(row.id(), row));
        for (Row theirs : remote) {
            Row mine = rows.get(theirs.id());
            if (mine == null) {
                rows.put(theirs.id(), theirs);
                continue;
            }
            TreeSet<String> responders = new TreeSet<>(mine.responders());
            responders.addAll(theirs.responders());
            Instant last = theirs.lastActivity().isAfter(mine.lastActivity()) ? theirs.lastActivity() : mine.lastActivity();
            rows.put(mine.id(), new Row(mine.id(), mine.title(), mine.severity(), mine.started(), mine.state(),
                    List.copyOf(responders), last, true, true));
        }
        List<Row> merged = new ArrayList<>(rows.values());
        merged.sort(NEWEST_FIRST);
        return merged;
    }

    private static final Comparator<Row> NEWEST_FIRST = Comparator.comparing(Row::started,
            Comparator.nullsFirst(Comparator.<Instant>naturalOrder())).reversed();

    /**
     * Untrusted text as it may be shown: at most {@code max} characters (an ellipsis says more was cut), control
     * characters, line separators and bidirectional controls written out as {@code \\uXXXX}.
     */
    public static String shown(String text, int max) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 8);
        int count = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (count >= max) {
                return out.append('…').toString();
            }
            if (Character.isISOControl(c) || isFormatting(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
            count++;
            i += Character.charCount(c);
        }
        return out.toString();
    }

    /** Characters that reorder, hide or break what is shown around them. */
    private static boolean isFormatting(int c) {
        return c == 0x2028 || c == 0x2029 || c == 0x061c || c == 0x200e || c == 0x200f
                || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
                || Character.getType(c) == Character.FORMAT;
    }

    private static JsonNode read(byte[] json) {
        try {
            JsonNode node = JSON.readTree(json);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field, String otherwise) {
        JsonNode value = node.get(field);
        return value != null && value.isValueNode() ? value.asText() : otherwise;
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
