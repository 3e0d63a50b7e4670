package dev.baton.history;

import dev.baton.incident.EventType;
import dev.baton.incident.EventWords;
import dev.baton.incident.IncidentEvent;
import dev.baton.incident.IncidentInfo;
import dev.baton.incident.TimelineEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;

/**
 * The index's documents for one incident: one per timeline event (its words, the command it ran, the start
 * of the output it kept, the alert's labels), one for its notes, and one summing it up for the Last time
 * panel. A run's result is joined to the step that started it on that node, so step memory can find it.
 */
final class IncidentDocuments {
    static final String KIND = "kind";
    static final String EVENT = "event";
    static final String SUMMARY = "summary";
    static final String KEY = "key";
    static final String INCIDENT = "incident";
    static final String TITLE = "title";
    static final String SEQ = "seq";
    static final String TIME = "time";
    static final String TYPE = "type";
    static final String BY = "by";
    static final String NODE = "node";
    static final String TEXT = "text";
    static final String WORDS = "words";
    static final String SNIPPET_SOURCE = "snippet";
    static final String ALERT = "alert";
    static final String LABEL = "label";
    static final String STEP_KEY = "stepkey";
    static final String STEP = "step";
    static final String EXIT = "exit";
    static final String DURATION = "duration";
    static final String OUTPUT = "output";
    static final String SUMMARY_JSON = "json";
    static final String NOTES_TYPE = "notes";
    /** On an event from a teammate's log: whose log it is (stored), and the incident (to replace them all). */
    static final String LOG = "log";
    static final String LOG_OF = "logof";
    /** No exit status (typed into a terminal, a signal): kept apart from every real status in doc values. */
    static final long NO_EXIT = Long.MIN_VALUE;

    /** How much of an output file or the notes is searched: the start says what a run found. */
    private static final int TEXT_BYTES = 64 * 1024;
    /** How much text a hit keeps to show where it matched. */
    private static final int STORED_TEXT = 4 * 1024;
    private static final int LAST_OUTPUT = 2 * 1024;

    private final Path folder;
    private final IncidentInfo info;
    /** The teammate whose log the events come from, or empty: the folder's own timeline. */
    private final String log;
    /** The folder as the file system resolves it, once: outputs are read only from inside it. */
    private Path realFolder;

    IncidentDocuments(Path folder, IncidentInfo info) {
        this(folder, info, "");
    }

    /** The documents of a teammate's log: each event credited to {@code log}, whose signed log it is in. */
    IncidentDocuments(Path folder, IncidentInfo info, String log) {
        this.folder = folder;
        this.info = info;
        this.log = log;
    }

    /** The documents of the events after {@code after} (a seq), each run joined to its step using every event. */
    List<Document> events(List<TimelineEvent> all, long after) {
        Map<String, IncidentEvent.StepRun> startedOn = new HashMap<>();
        List<Document> documents = new ArrayList<>();
        for (TimelineEvent line : all) {
            IncidentEvent event = typed(line);
            IncidentEvent.StepRun started = null;
            if (event instanceof IncidentEvent.StepRun run) {
                run.nodes().forEach(node -> startedOn.put(node, run));
            } else if (event instanceof IncidentEvent.RunResult result) {
                started = startedOn.get(result.target());
            }
            if (line.seq() > after) {
                documents.add(event(line, event, started));
            }
        }
        return documents;
    }

    private static IncidentEvent typed(TimelineEvent line) {
        try {
            return line.typed();
        } catch (RuntimeException e) {
            return new IncidentEvent.Other(line.type(), line.data());
        }
    }

    private Document event(TimelineEvent line, IncidentEvent event, IncidentEvent.StepRun startedBy) {
        Document d = base(EVENT, line.seq(), line.time().toEpochMilli(), line.type());
        String words = EventWords.describe(line);
        d.add(new StoredField(WORDS, words));
        String by = log.isEmpty() || event instanceof IncidentEvent.IncidentStarted ? credit(line, event) : log;
        if (!by.isEmpty()) {
            d.add(new StringField(BY, by.toLowerCase(Locale.ROOT), Field.Store.NO));
            d.add(new StoredField(BY + "-shown", by));
        }
        Set<String> nodes = nodes(event);
        for (String node : nodes) {
            d.add(new StringField(NODE, node.toLowerCase(Locale.ROOT), Field.Store.NO));
            d.add(new StoredField(NODE + "-shown", node));
        }
        StringBuilder text = new StringBuilder(words).append('\n');
        line.data().values().forEach(value -> text.append(value).append('\n'));
        text.append(by).append('\n').append(String.join(" ", nodes)).append('\n').append(info.title()).append('\n');
        String kept = "";
        if (event instanceof IncidentEvent.RunResult result) {
            kept = read(result.stdout()) + read(result.stderr());
            if (startedBy != null) {
                addStep(d, startedBy.runbook(), startedBy.step(), result.exit(), result.durationMs(), kept);
            }
        } else if (event instanceof IncidentEvent.CaptureTaken capture) {
            kept = read(capture.file());
        } else if (event instanceof IncidentEvent.StepSent sent && Boolean.TRUE.equals(sent.submitted())) {
            addStep(d, sent.runbook(), sent.step(), null, -1, "");
        } else if (event instanceof IncidentEvent.StepEntered entered) {
            addStep(d, entered.runbook(), entered.step(), null, -1, "");
        } else if (event instanceof IncidentEvent.AlertOpened alert) {
            d.add(new StringField(ALERT, alert.alertname().toLowerCase(Locale.ROOT), Field.Store.NO));
            alert.labels().forEach((name, value) -> text.append(name).append('=').append(value).append('\n'));
        }
        if (!kept.isEmpty()) {
            text.append(kept);
            d.add(new StoredField(SNIPPET_SOURCE, cut(kept, STORED_TEXT)));
        }
        d.add(new TextField(TEXT, text.toString(), Field.Store.NO));
        return d;
    }

    private static void addStep(Document d, String runbook, int step, Integer exit, long durationMs, String output) {
        d.add(new StringField(STEP_KEY, runbook, Field.Store.NO));
        d.add(new StoredField(STEP, step));
        d.add(new NumericDocValuesField(STEP, step));
        d.add(new NumericDocValuesField(EXIT, exit == null ? NO_EXIT : exit));
        d.add(new NumericDocValuesField(DURATION, durationMs));
        if (!output.isEmpty()) {
            d.add(new StoredField(OUTPUT, cut(output, LAST_OUTPUT)));
        }
    }

    /** The notes as they are now: one document, replaced whenever they change, linked to their last save. */
    Document notes(List<TimelineEvent> all) throws IOException {
        long seq = 0;
        long at = info.startedAt().toEpochMilli();
        for (TimelineEvent line : all) {
            if (EventType.NOTE_SAVED.equals(line.type())) {
                seq = line.seq();
                at = line.time().toEpochMilli();
            }
        }
        String notes = read("notes.md");
        if (notes.isBlank()) {
            return null;
        }
        Document d = base(NOTES_TYPE, seq, at, NOTES_TYPE);
        d.add(new StoredField(WORDS, "Notes of \"" + info.title() + "\""));
        d.add(new StoredField(SNIPPET_SOURCE, cut(notes, STORED_TEXT)));
        d.add(new StoredField(BY + "-shown", info.responder()));
        d.add(new StringField(BY, info.responder().toLowerCase(Locale.ROOT), Field.Store.NO));
        d.add(new TextField(TEXT, notes + "\n" + info.title(), Field.Store.NO));
        return d;
    }

    /** The incident summed up, for the Last time panel: found by its alert's name, ranked by its labels. */
    Document summary(PastIncident past) {
        Document d = base(SUMMARY, 0, past.startedAt().toEpochMilli(), SUMMARY);
        d.add(new StringField(ALERT, past.alert().toLowerCase(Locale.ROOT), Field.Store.NO));
        past.labels().forEach((name, value) -> d.add(new StringField(LABEL, name + "=" + value, Field.Store.NO)));
        d.add(new StoredField(SUMMARY_JSON, SummaryJson.write(past)));
        return d;
    }

    private Document base(String kind, long seq, long time, String type) {
        Document d = new Document();
        d.add(new StringField(KIND, kind, Field.Store.NO));
        d.add(new StringField(KEY, key(log.isEmpty() ? info.id() : info.id() + "@" + log, kind, seq), Field.Store.NO));
        if (!log.isEmpty()) {
            d.add(new StringField(LOG_OF, info.id(), Field.Store.NO));
            d.add(new StoredField(LOG, log));
        }
        d.add(new StringField(INCIDENT, info.id(), Field.Store.YES));
        d.add(new StoredField(TITLE, info.title()));
        d.add(new StoredField(SEQ, seq));
        d.add(new LongPoint(TIME, time));
        d.add(new StoredField(TIME, time));
        d.add(new NumericDocValuesField(TIME, time));
        d.add(new StringField(TYPE, type, Field.Store.YES));
        return d;
    }

    /** A document's identity: the notes and the summary are replaced by it; events are only added. */
    static String key(String incident, String kind, long seq) {
        return kind.equals(EVENT) ? incident + "#" + seq : incident + "#" + kind;
    }

    /** Who did it: the start names its responder; any other line says who it is credited to. */
    private static String credit(TimelineEvent line, IncidentEvent event) {
        return event instanceof IncidentEvent.IncidentStarted started ? started.responder() : line.text("by");
    }

    private static Set<String> nodes(IncidentEvent event) {
        Set<String> nodes = new LinkedHashSet<>();
        if (event instanceof IncidentEvent.StepRun run) {
            nodes.addAll(run.nodes());
        } else if (event instanceof IncidentEvent.RunResult e) {
            nodes.add(e.target());
        } else if (event instanceof IncidentEvent.StepSent e) {
            nodes.add(e.target());
        } else if (event instanceof IncidentEvent.StepEntered e) {
            nodes.add(e.target());
        } else if (event instanceof IncidentEvent.StepAbandoned e) {
            nodes.add(e.target());
        } else if (event instanceof IncidentEvent.CaptureTaken e) {
            nodes.add(e.target());
        } else if (event instanceof IncidentEvent.ConnectionOpened e) {
            nodes.add(e.target());
        } else if (event instanceof IncidentEvent.ConnectionLost e) {
            nodes.add(e.target());
        } else if (event instanceof IncidentEvent.ConnectionFailed e) {
            nodes.add(e.target());
        }
        nodes.removeIf(node -> node == null || node.isBlank());
        return nodes;
    }

    /**
     * The start of a file the timeline names. The name comes from a timeline, which a bundle may have brought:
     * only a regular file inside the incident folder is read, and only its first {@link #TEXT_BYTES}.
     */
    private String read(String relative) {
        if (relative == null || relative.isBlank()) {
            return "";
        }
        try {
            if (realFolder == null) {
                realFolder = folder.toRealPath();
            }
            Path root = realFolder;
            Path file = folder.resolve(relative).normalize();
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || !file.toRealPath().startsWith(root)) {
                return "";
            }
            try (InputStream in = Files.newInputStream(file)) {
                return new String(in.readNBytes(TEXT_BYTES), StandardCharsets.UTF_8);
            }
        } catch (IOException | RuntimeException e) {
            return ""; // an output that went away is not searched; its event still is
        }
    }

    private static String cut(String text, int chars) {
        return text.length() <= chars ? text : text.substring(0, chars);
    }
}
