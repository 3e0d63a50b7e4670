package dev.baton.incident;

import dev.baton.incident.IncidentEvent.AlertOpened;
import dev.baton.incident.IncidentEvent.AlertSilenced;
import dev.baton.incident.IncidentEvent.CaptureTaken;
import dev.baton.incident.IncidentEvent.ChecklistTicked;
import dev.baton.incident.IncidentEvent.ChecklistUnticked;
import dev.baton.incident.IncidentEvent.ConnectionLost;
import dev.baton.incident.IncidentEvent.ConnectionOpened;
import dev.baton.incident.IncidentEvent.HandoffExported;
import dev.baton.incident.IncidentEvent.HandoffImported;
import dev.baton.incident.IncidentEvent.IncidentClosed;
import dev.baton.incident.IncidentEvent.IncidentRecovered;
import dev.baton.incident.IncidentEvent.IncidentStarted;
import dev.baton.incident.IncidentEvent.NotesSaved;
import dev.baton.incident.IncidentEvent.Other;
import dev.baton.incident.IncidentEvent.QueryRan;
import dev.baton.incident.IncidentEvent.RunResult;
import dev.baton.incident.IncidentEvent.StepRun;
import dev.baton.incident.IncidentEvent.StepSent;
import dev.baton.incident.IncidentEvent.VariableSet;

/**
 * The one place that says an incident event in words: the timeline pane, {@code handoff.html} and the
 * command line all show what this returns, so they cannot drift apart.
 */
public final class EventWords {
    private EventWords() {}

    /** One line: what happened, with multi-line text cut to its first line. */
    public static String describe(TimelineEvent line) {
        IncidentEvent event = IncidentEvents.of(line);
        String words = describe(event);
        // A capture says its own count; any other event's text masked as it was recorded says it here.
        if (!(event instanceof CaptureTaken) && line.data().get(EventMask.FIELD) instanceof Number masked
                && masked.intValue() > 0) {
            words += " (" + masked + (masked.intValue() == 1 ? " secret" : " secrets") + " masked)";
        }
        return words;
    }

    public static String describe(IncidentEvent event) {
        // Java 17 has no pattern switch; IncidentEvent is sealed, so Other is all that is left.
        if (event instanceof IncidentStarted e) {
            return "Incident \"" + e.title() + "\" started by " + e.responder();
        }
        if (event instanceof IncidentRecovered e) {
            return "Recovered after Baton stopped without closing the incident"
                    + (blank(e.problems()) ? "" : " (" + e.problems() + ")");
        }
        if (event instanceof IncidentClosed e) {
            return "Incident ended after " + elapsed(e.elapsedSeconds());
        }
        if (event instanceof StepSent e) {
            String how = e.submitted() == null ? " sent to " : e.submitted() ? " run in " : " typed into ";
            return "Step " + e.step() + how + e.target() + (Boolean.FALSE.equals(e.submitted()) ? " (awaiting Enter)" : "")
                    + ": " + firstLine(e.text());
        }
        if (event instanceof IncidentEvent.StepEntered e) {
            return "Step " + e.step() + " run in " + e.target() + (e.edited() ? " after editing" : "")
                    + " (Enter pressed): " + firstLine(e.text());
        }
        if (event instanceof IncidentEvent.StepAbandoned e) {
            return "Step " + e.step() + " abandoned in " + e.target() + ", not run (" + e.reason() + "): "
                    + firstLine(e.text());
        }
        if (event instanceof StepRun e) {
            return "Step " + e.step() + " run on " + (e.concurrency() == null ? e.targets()
                    : e.nodes().size() + " nodes, " + e.concurrency() + " at a time")
                    + (e.engine() == null ? "" : " through " + e.engine() + " (" + e.engineVersion() + ")")
                    + ": " + firstLine(e.text());
        }
        if (event instanceof RunResult e) {
            return e.target() + ": " + e.summary() + " — " + firstLine(e.command());
        }
        if (event instanceof CaptureTaken e) {
            return "Captured " + e.source() + " from " + e.target()
                    + (blank(e.command()) ? "" : ": " + firstLine(e.command()))
                    + (e.masked() == null || e.masked() == 0 ? "" : " (" + e.masked()
                            + (e.masked() == 1 ? " secret" : " secrets") + " masked)");
        }
        if (event instanceof QueryRan e) {
            String where = e.language() + " on " + e.source() + (e.step() > 0 ? " (step " + e.step() + ")" : "");
            String when = e.from() == null ? "at " + clock(e.to()) : clock(e.from()) + "–" + clock(e.to());
            return (blank(e.error()) ? where + ", " + when + ": " + e.count() + " " + e.unit() + " in "
                    + seconds(e.durationMs()) : where + " failed: " + e.error()) + " — " + firstLine(e.query());
        }
        if (event instanceof ChecklistTicked e) {
            return "Ticked: " + e.text();
        }
        if (event instanceof ChecklistUnticked e) {
            return "Unticked: " + e.text();
        }
        if (event instanceof VariableSet e) {
            return "Variable " + e.name() + " = " + e.value() + (blank(e.source()) ? "" : " (from " + e.source() + ")");
        }
        if (event instanceof ConnectionOpened e) {
            return "Connected to " + e.target();
        }
        if (event instanceof ConnectionLost e) {
            return "Lost " + e.target() + ": " + e.detail();
        }
        if (event instanceof IncidentEvent.ConnectionFailed e) {
            return "Could not connect to " + e.target() + " (" + e.reason() + ")"
                    + (blank(e.detail()) ? "" : ": " + e.detail());
        }
        if (event instanceof NotesSaved e) {
            return "Notes saved (" + e.chars() + " characters)";
        }
        if (event instanceof IncidentEvent.NoteAdded e) {
            return "Note: " + firstLine(e.text());
        }
        if (event instanceof HandoffExported e) {
            return "Handed off" + (blank(e.to()) ? "" : " to " + e.to()) + " as " + e.file() + " by " + e.by()
                    + (e.signed() ? " (signed)" : " (unsigned)");
        }
        if (event instanceof HandoffImported e) {
            return "Handed over from " + e.from() + (e.signed() ? " (signed)" : " (unsigned)")
                    + (blank(e.note()) ? "" : ": " + firstLine(e.note().strip()));
        }
        if (event instanceof IncidentEvent.HandoffSent e) {
            return "Handed off to " + e.to() + " through the team's remote" + (blank(e.note()) ? ""
                    : ": " + firstLine(e.note().strip()));
        }
        if (event instanceof IncidentEvent.HandoffAccepted e) {
            return "Took over from " + e.from() + (e.named() ? "" : " (the handoff named " + e.to() + ")");
        }
        if (event instanceof IncidentEvent.HandoffTakenBack e) {
            return "Taken back by " + e.by() + " after handing it off as " + e.bundle();
        }
        if (event instanceof AlertOpened e) {
            return "Alert " + e.alertname() + " (" + e.status() + ") from " + e.source() + ": "
                    + labels(e.labels());
        }
        if (event instanceof AlertSilenced e) {
            return "Silenced " + e.alertname() + " in " + e.source() + " until " + day(e.endsAt()) + " by " + e.by()
                    + " (silence " + e.silenceId() + "): " + firstLine(e.comment());
        }
        Other e = (Other) event;
        return e.type() + " " + e.data();
    }

    /** Who did it, as "by ben", from the line's {@code by}; empty for lines recorded before events were credited. */
    public static String credit(TimelineEvent line) {
        String by = line.text("by");
        return by.isBlank() ? "" : "by " + by;
    }

    /** Labels as Alertmanager writes a label set, without its braces: name="value", …; the alert's name left out. */
    public static String labels(java.util.Map<String, String> labels) {
        return labels(labels, false);
    }

    /** As {@link #labels(java.util.Map)}, with the alert's name when {@code withName}. */
    public static String labels(java.util.Map<String, String> labels, boolean withName) {
        StringBuilder text = new StringBuilder();
        new java.util.TreeMap<>(labels).forEach((name, value) -> {
            if (withName || !name.equals("alertname")) {
                text.append(text.length() > 0 ? ", " : "").append(name).append("=\"")
                        .append(value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"))
                        .append('"');
            }
        });
        return text.toString();
    }

    private static String elapsed(long seconds) {
        long minutes = Math.max(0, seconds / 60);
        return minutes >= 60 ? minutes / 60 + " h " + minutes % 60 + " min" : minutes + " min";
    }

    private static String clock(java.time.Instant at) {
        return at == null ? "?" : java.time.format.DateTimeFormatter.ofPattern("HH:mm 'UTC'")
                .withZone(java.time.ZoneOffset.UTC).format(at);
    }

    private static String day(java.time.Instant at) {
        return at == null ? "?" : java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                .withZone(java.time.ZoneOffset.UTC).format(at);
    }

    private static String seconds(long ms) {
        return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline) + " …";
    }

    /** Field names said in words in an event's details; any other name is split at its capitals. */
    private static final java.util.Map<String, String> FIELD_WORDS = java.util.Map.ofEntries(
            java.util.Map.entry("target", "where"), java.util.Map.entry("targets", "where"),
            java.util.Map.entry("text", "text"), java.util.Map.entry("exit", "exit status"),
            java.util.Map.entry("startedAt", "started"), java.util.Map.entry("durationMs", "took"),
            java.util.Map.entry("stdoutBytes", "output"), java.util.Map.entry("stderrBytes", "errors"),
            java.util.Map.entry("stdout", "output file"), java.util.Map.entry("stderr", "errors file"),
            java.util.Map.entry("chars", "characters"), java.util.Map.entry("elapsedSeconds", "lasted"));

    /**
     * The event for the details pane: what happened in words, when (with the zone), then each recorded
     * field as a line a responder reads ("took: 311 ms", "exit status: 0"), not as JSON keys.
     */
    public static String details(TimelineEvent line) {
        IncidentEvent event = IncidentEvents.of(line);
        StringBuilder text = new StringBuilder(describe(event)).append('\n');
        if (event instanceof RunResult e && e.exit() != null) {
            text.append("exit ").append(e.exit()).append(" in ").append(millis(e.durationMs())).append('\n');
        }
        text.append("at ").append(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
                .withZone(java.time.ZoneOffset.UTC).format(line.time())).append(" (event ").append(line.seq())
                .append(")\n\n");
        line.data().forEach((key, value) -> {
            if (value == null || value.toString().isEmpty()) {
                return;
            }
            String shown = !(value instanceof Number number) ? value.toString() : switch (key) {
                case "durationMs" -> millis(number.longValue());
                case "stdoutBytes", "stderrBytes" -> number.longValue() + " bytes";
                case "elapsedSeconds" -> elapsed(number.longValue());
                default -> value.toString();
            };
            String name = FIELD_WORDS.getOrDefault(key,
                    key.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT));
            text.append(name).append(": ").append(shown.contains("\n") ? "\n" + shown.indent(4) : shown + "\n");
        });
        return text.toString();
    }

    /** "311 ms" below two seconds, "2.5 s" above. */
    private static String millis(long ms) {
        return ms < 2000 ? ms + " ms" : seconds(ms);
    }
}
