package dev.baton.incident;

import dev.baton.ssh.RunResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An incident this Baton has open: its timeline, its notes and its captures. Only one process may
 * hold it (a file lock, which the OS drops when the process dies). A session that ended without
 * {@link #close()} is recovered on the next open: a cut-short timeline line and temporary files are
 * cleared away and an {@code incident.recovered} event says so.
 *
 * <p>Every method here does disk I/O and waits for it: call them off the UI thread.
 */
public final class OpenIncident implements AutoCloseable {
    static final String TIMELINE = "timeline.jsonl";
    static final String NOTES = "notes.md";
    static final String CAPTURES = "captures";
    private static final String SESSION_MARKER = ".session-open";
    private static final Duration NOTE_EVENT_SPACING = Duration.ofMinutes(1);

    private final Path folder;
    private final IncidentInfo info;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Timeline timeline;
    private final boolean recovered;
    private final Clock clock;
    private final AtomicInteger captureCount;
    private final Map<String, String> recordedVariables = new LinkedHashMap<>();
    private String savedNotes;
    private Instant lastNoteEvent = Instant.MIN;
    /** Read and changed as the timeline is: see {@link #handedOff()}. */
    private volatile IncidentEvent.HandoffExported handedOff;

    private OpenIncident(Path folder, Clock clock) throws IOException {
        this.folder = folder;
        this.clock = clock;
        this.info = IncidentStore.readInfo(folder);
        lockChannel = FileChannel.open(folder.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock acquired;
        try {
            acquired = lockChannel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            acquired = null;
        }
        if (acquired == null) {
            lockChannel.close();
            throw new IncidentBusyException("incident " + info.id() + " is open in another Baton window");
        }
        lock = acquired;
        Path marker = folder.resolve(SESSION_MARKER);
        recovered = Files.exists(marker);
        int leftovers = AtomicFiles.removeLeftovers(folder);
        timeline = Timeline.open(folder.resolve(TIMELINE), clock);
        timeline.creditTo(IncidentStore.defaultResponder());
        timeline.events().forEach(this::followHandoffs);
        timeline.addListener(this::followHandoffs);
        AtomicFiles.write(marker, Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8));
        Path notes = folder.resolve(NOTES);
        savedNotes = Files.exists(notes) ? Files.readString(notes) : "";
        captureCount = new AtomicInteger(countCaptures());
        for (TimelineEvent event : timeline.events()) {
            // Only its own lines are read as a type: reading every line so sets up Jackson's object mapper.
            if (EventType.VARIABLE_SET.equals(event.type()) && event.typed() instanceof IncidentEvent.VariableSet variable) {
                recordedVariables.put(variable.name(), variable.value());
            }
        }
        if (recovered || !timeline.problems().isEmpty()) {
            timeline.append(new IncidentEvent.IncidentRecovered(recovered, leftovers,
                    String.join("; ", timeline.problems())));
        }
    }

    static OpenIncident open(Path folder) throws IOException {
        return open(folder, Clock.systemUTC());
    }

    static OpenIncident open(Path folder, Clock clock) throws IOException {
        return new OpenIncident(folder, clock);
    }

    private int countCaptures() throws IOException {
        Path captures = folder.resolve(CAPTURES);
        if (!Files.isDirectory(captures)) {
            return 0;
        }
        try (var files = Files.list(captures)) {
            return (int) files.count();
        }
    }

    public IncidentInfo info() {
        return info;
    }

    public Path folder() {
        return folder;
    }

    public Timeline timeline() {
        return timeline;
    }

    /** Whether the last session on this incident ended without closing it (a crash, a kill). */
    public boolean wasRecovered() {
        return recovered;
    }

    public Duration elapsed() {
        return Duration.between(info.startedAt(), clock.instant());
    }

    public synchronized String notes() {
        return savedNotes;
    }

    /**
     * Saves the notes atomically. The timeline hears of it at most once a minute (with the notes'
     * hash), or every time when the responder saved on purpose.
     */
    public synchronized void saveNotes(String text, boolean onPurpose) throws IOException {
        if (text.equals(savedNotes) && !onPurpose) {
            return;
        }
        AtomicFiles.write(folder.resolve(NOTES), text.getBytes(StandardCharsets.UTF_8));
        savedNotes = text;
        Instant now = clock.instant();
        if (onPurpose || Duration.between(lastNoteEvent, now).compareTo(NOTE_EVENT_SPACING) >= 0) {
            lastNoteEvent = now;
            timeline.append(new IncidentEvent.NotesSaved(text.length(), Timeline.sha256(text)));
        }
    }

    /** A note put straight into the timeline; secrets in it are masked as in every event's text. */
    public TimelineEvent note(String text) throws IOException {
        return timeline.append(new IncidentEvent.NoteAdded(text));
    }

    /** A step typed into a terminal; secret-named placeholder values are masked in the recorded text. */
    public void stepSent(String runbook, int step, String text, String terminal, Map<String, String> values)
            throws IOException {
        stepSent(runbook, step, text, terminal, values, null);
    }

    /**
     * As {@link #stepSent(String, int, String, String, Map)}, saying whether Baton pressed Enter with it
     * (null: not known). Returns the line, whose {@code seq} a later Enter or abandonment names.
     */
    public TimelineEvent stepSent(String runbook, int step, String text, String terminal, Map<String, String> values,
            Boolean submitted) throws IOException {
        recordVariables(values);
        return timeline.append(new IncidentEvent.StepSent(runbook, step, Secrets.redact(text, values), terminal,
                submitted));
    }

    /** What became of a step typed without Enter: {@code event}'s text masked with the step's values. */
    public void stepOutcome(IncidentEvent event, Map<String, String> values) throws IOException {
        if (event instanceof IncidentEvent.StepEntered e) {
            timeline.append(new IncidentEvent.StepEntered(e.runbook(), e.step(), e.target(),
                    Secrets.redact(e.text(), values), e.edited(), e.sent()));
        } else if (event instanceof IncidentEvent.StepAbandoned e) {
            timeline.append(new IncidentEvent.StepAbandoned(e.runbook(), e.step(), e.target(),
                    Secrets.redact(e.text(), values), e.reason(), e.sent()));
        } else {
            throw new IllegalArgumentException("not a step's outcome: " + event.type());
        }
    }

    /** A step about to run over exec on nodes. */
    public void stepRun(String runbook, int step, String text, List<String> nodes, Map<String, String> values,
            Integer concurrency) throws IOException {
        recordVariables(values);
        timeline.append(new IncidentEvent.StepRun(runbook, step, Secrets.redact(text, values), nodes, concurrency));
    }

    /**
     * A step about to run on nodes through an engine other than Baton's SSH.
     *
     * @param engineCommand the engine's command line; secrets in it are masked here too
     */
    public void stepRun(String runbook, int step, String text, List<String> nodes, Map<String, String> values,
            Integer concurrency, String engine, String engineVersion, String engineCommand) throws IOException {
        recordVariables(values);
        timeline.append(new IncidentEvent.StepRun(runbook, step, Secrets.redact(text, values), String.join(", ", nodes),
                concurrency, engine, engineVersion, Secrets.redact(engineCommand, values)));
    }

    private synchronized void recordVariables(Map<String, String> values) throws IOException {
        for (var entry : new java.util.TreeMap<>(values).entrySet()) {
            String value = Secrets.isSecretName(entry.getKey()) ? Secrets.masked(entry.getKey()) : entry.getValue();
            if (!value.equals(recordedVariables.get(entry.getKey()))) {
                recordedVariables.put(entry.getKey(), value);
                timeline.append(new IncidentEvent.VariableSet(entry.getKey(), value,
                        Secrets.isSecretName(entry.getKey())));
            }
        }
    }

    /**
     * Values that came from somewhere other than the responder's typing (an alert's labels), each recorded
     * with its source unless the incident already holds that value.
     */
    public synchronized void variablesFrom(Map<String, String> values, String source) throws IOException {
        for (var entry : new java.util.TreeMap<>(values).entrySet()) {
            boolean secret = Secrets.isSecretName(entry.getKey());
            String value = secret ? Secrets.masked(entry.getKey()) : entry.getValue();
            if (!value.equals(recordedVariables.get(entry.getKey()))) {
                recordedVariables.put(entry.getKey(), value);
                timeline.append(new IncidentEvent.VariableSet(entry.getKey(), value, secret, source));
            }
        }
    }

    /** The alert this incident answers: into the timeline, and into incident.json's list of alerts. */
    public synchronized void alertOpened(IncidentEvent.AlertOpened alert) throws IOException {
        IncidentStore.addAlert(folder, alert);
        timeline.append(alert);
    }

    /** A silence created for one of the incident's alerts. */
    public void alertSilenced(IncidentEvent.AlertSilenced silence) throws IOException {
        timeline.append(silence);
    }

    /** Variables given during the incident (secrets masked), for the next responder. */
    public synchronized Map<String, String> variables() {
        return Map.copyOf(recordedVariables);
    }

    /**
     * A finished exec run: its whole stdout and stderr are copied into the incident folder and the event
     * names them. Returns the event, whose {@code stdout}/{@code stderr} fields are folder-relative paths.
     */
    public TimelineEvent runResult(RunResult result, Map<String, String> values) throws IOException {
        String stdout = keep(result.stdout().open(), result.node(), "stdout");
        String stderr = keep(result.stderr().open(), result.node(), "stderr");
        return timeline.append(new IncidentEvent.RunResult(result.node(), Secrets.redact(result.command(), values),
                result.outcome().name(), result.exitStatus(), result.exitSignal(), result.summary(),
                result.startedAt(), result.duration().toMillis(), stdout, result.stdout().size(), stderr,
                result.stderr().size()));
    }

    /** A run's output copied into the folder with its secrets masked ({@link SecretMask}): the original never lands. */
    private String keep(InputStream output, String target, String stream) throws IOException {
        Path file = nextCaptureFile(target, stream);
        try (output; OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file))) {
            SecretMask.copy(output, out);
        }
        return folder.relativize(file).toString().replace('\\', '/');
    }

    private Path nextCaptureFile(String target, String kind) throws IOException {
        return nextCaptureFile(target, kind, "txt");
    }

    private Path nextCaptureFile(String target, String kind, String extension) throws IOException {
        Path captures = folder.resolve(CAPTURES);
        Files.createDirectories(captures);
        String slug = target.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-");
        return captures.resolve(String.format(Locale.ROOT, "%04d-%s-%s.%s", captureCount.incrementAndGet(), slug, kind,
                extension));
    }

    /**
     * Records a capture whose notes block the caller writes (a query's table) with a file kept beside it
     * (the chart's picture, or null for none). The block is given the file's folder-relative path (or
     * null) to link to; it is returned for the notes.
     */
    public String captureWithFile(String source, String target, String command, String outcome,
            java.util.function.Function<String, String> blockLinking, String kind, String extension, byte[] file)
            throws IOException {
        String relative = null;
        if (file != null) {
            Path path = nextCaptureFile(target, kind, extension);
            AtomicFiles.write(path, file);
            relative = folder.relativize(path).toString().replace('\\', '/');
        }
        String block = blockLinking.apply(relative);
        timeline.append(new IncidentEvent.CaptureTaken(source, target, command, outcome, block.length(), relative, null));
        return block;
    }

    /**
     * Records a capture and returns the Markdown block for the notes. Long output is kept whole in a
     * file of the incident folder, which the block links to.
     */
    public String capture(String source, String target, String command, String outcome, Instant at, String output)
            throws IOException {
        return capture(source, target, command, outcome, at, output, null);
    }

    /** As {@link #capture(String, String, String, String, Instant, String)}, linking to a file the folder already holds. */
    public String capture(String source, String target, String command, String outcome, Instant at, String output,
            String wholeOutputFile) throws IOException {
        // Secrets masked before anything is written: the capture's text, its file and the notes see only the mark.
        SecretMask.Masked masked = SecretMask.text(Capture.plain(output));
        String text = masked.text();
        String fullFile = null;
        if (Capture.isLong(text) && wholeOutputFile != null) {
            fullFile = wholeOutputFile;
        } else if (Capture.isLong(text)) {
            Path file = nextCaptureFile(target, source);
            AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
            fullFile = folder.relativize(file).toString().replace('\\', '/');
        }
        Capture capture = new Capture(source, target, command, outcome, at, text, fullFile);
        timeline.append(new IncidentEvent.CaptureTaken(source, target, command, outcome, text.length(), fullFile,
                masked.count()));
        return capture.toMarkdown();
    }

    public void checklist(String runbook, int item, String text, boolean ticked) throws IOException {
        timeline.append(ticked ? new IncidentEvent.ChecklistTicked(runbook, item, text)
                : new IncidentEvent.ChecklistUnticked(runbook, item, text));
    }

    /** Ticked checklist items as {@code runbook#item}, from the timeline's last word on each. */
    public java.util.Set<String> tickedItems() {
        java.util.Set<String> ticked = new java.util.LinkedHashSet<>();
        for (TimelineEvent line : timeline.events()) {
            if (!EventType.CHECKLIST_TICKED.equals(line.type()) && !EventType.CHECKLIST_UNTICKED.equals(line.type())) {
                continue; // other lines are not read as types: that sets up Jackson's object mapper for their times
            }
            IncidentEvent event = line.typed();
            if (event instanceof IncidentEvent.ChecklistTicked tick) {
                ticked.add(tick.runbook() + "#" + tick.item());
            } else if (event instanceof IncidentEvent.ChecklistUnticked untick) {
                ticked.remove(untick.runbook() + "#" + untick.item());
            }
        }
        return ticked;
    }

    public void connection(String node, boolean opened, String detail) throws IOException {
        String said = java.util.Objects.toString(detail, "");
        timeline.append(opened ? new IncidentEvent.ConnectionOpened(node, said) : new IncidentEvent.ConnectionLost(node, said));
    }

    /** An attempt to connect to {@code node} that failed, and why ("unreachable", "auth failed", …). */
    public void connectionFailed(String node, String reason, String detail) throws IOException {
        timeline.append(new IncidentEvent.ConnectionFailed(node, java.util.Objects.toString(reason, ""),
                java.util.Objects.toString(detail, "")));
    }

    /** A bundle was written from this incident, or this incident was opened from one. */
    public void handoff(IncidentEvent.HandoffExported exported) throws IOException {
        timeline.append(exported);
    }

    public void handoff(IncidentEvent.HandoffImported imported) throws IOException {
        timeline.append(imported);
    }

    /** Handed off (or taken over) through the team's remote: the event is the whole record of it. */
    public void handoff(IncidentEvent event) throws IOException {
        if (!(event instanceof IncidentEvent.HandoffSent || event instanceof IncidentEvent.HandoffAccepted)) {
            throw new IllegalArgumentException(event.type() + " is not a handoff through the team's remote");
        }
        timeline.append(event);
    }

    /** Credits the events recorded from now on to {@code responder} (who is at this Baton). */
    public void creditTo(String responder) {
        timeline.creditTo(responder);
    }

    /**
     * The handoff that made this copy read-only: the last {@code handoff.exported} not followed by the sender
     * taking it back (or by this copy being continued from a bundle). Empty when the incident is this
     * responder's to record into.
     */
    public java.util.Optional<IncidentEvent.HandoffExported> handedOff() {
        return java.util.Optional.ofNullable(handedOff);
    }

    private void followHandoffs(TimelineEvent line) {
        switch (line.type()) {
            case EventType.HANDOFF_EXPORTED -> handedOff = line.typed() instanceof IncidentEvent.HandoffExported e ? e : null;
            case EventType.HANDOFF_SENT -> handedOff = line.typed() instanceof IncidentEvent.HandoffSent e
                    ? e.asExported(line.text("by")) : null;
            case EventType.HANDOFF_TAKEN_BACK, EventType.HANDOFF_IMPORTED -> handedOff = null;
            default -> { }
        }
    }

    /** The sender takes a handed-off incident back: recorded, and the copy is writable again. */
    public void takeBack(String by) throws IOException {
        IncidentEvent.HandoffExported exported = handedOff().orElseThrow(
                () -> new IllegalStateException("incident " + info.id() + " is not handed off"));
        timeline.append(new IncidentEvent.HandoffTakenBack(exported.file(), by));
    }

    /** The responder ends the incident: the timeline says so. The folder stays for the postmortem. */
    public void end() throws IOException {
        timeline.append(new IncidentEvent.IncidentClosed(elapsed().toSeconds()));
    }

    /** A clean end of this session: the next open is not a recovery. */
    @Override
    public synchronized void close() throws IOException {
        try {
            timeline.close();
            Files.deleteIfExists(folder.resolve(SESSION_MARKER));
        } finally {
            lock.release();
            lockChannel.close();
        }
    }
}
