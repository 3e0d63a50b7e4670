package dev.baton.ui.runbook;

import dev.baton.incident.EventType;
import dev.baton.incident.IncidentEvent;
import dev.baton.incident.StepRuns;
import dev.baton.incident.TimelineEvent;
import dev.baton.render.StepHistory;
import dev.baton.session.IncidentSession;
import dev.baton.session.IncidentSnapshot;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The open incident's runs, kept as the session records them, for the runbook page to show beside each
 * step. Told of events on the incident's thread; read on the render thread.
 */
public final class RunHistory implements IncidentSession.Listener {
    private static final int PER_STEP = 3;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    /** Events that change what the page shows beside a step: a typed step's Enter or abandon changes its word. */
    private static final Set<String> RUN_EVENTS = Set.of(EventType.RUN_RESULT, EventType.STEP_SENT,
            EventType.STEP_ENTERED, EventType.STEP_ABANDONED);

    private final List<TimelineEvent> events = new ArrayList<>();
    private final Runnable onChange;
    private final java.util.concurrent.atomic.AtomicBoolean changeQueued = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile Path folder;

    /**
     * @param onChange told on the FX thread when a run was recorded or the incident changed; a burst of
     *                 results (a fan-out) is told once, not once a node
     */
    public RunHistory(Runnable onChange) {
        this.onChange = onChange;
    }

    private void changed() {
        if (changeQueued.compareAndSet(false, true)) {
            javafx.application.Platform.runLater(() -> {
                changeQueued.set(false);
                onChange.run();
            });
        }
    }

    @Override
    public void switched(IncidentSnapshot now) {
        boolean hadRuns;
        boolean hasRuns = now != null && now.events().stream().anyMatch(e -> RUN_EVENTS.contains(e.type()));
        synchronized (events) {
            hadRuns = events.stream().anyMatch(e -> RUN_EVENTS.contains(e.type()));
            events.clear();
            if (now != null) {
                events.addAll(now.events());
            }
        }
        folder = now == null ? null : now.folder();
        // A new incident started by a tick has no runs to show: the page need not render again.
        if (hadRuns || hasRuns) {
            changed();
        }
    }

    @Override
    public void recorded(TimelineEvent event) {
        synchronized (events) {
            events.add(event);
        }
        if (RUN_EVENTS.contains(event.type())) {
            changed();
        }
    }

    private List<TimelineEvent> copy() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** The last runs of each step of a runbook, in the page's words. */
    public Map<Integer, List<StepHistory>> of(String runbookId) {
        return StepRuns.of(copy(), runbookId, PER_STEP).entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, entry -> entry.getValue().stream().map(RunHistory::words).toList()));
    }

    private static StepHistory words(StepRuns.Run run) {
        String duration = run.durationMs() < 0 ? ""
                : String.format(Locale.ROOT, "%.1f s", run.durationMs() / 1000.0);
        String status = run.exit() != null ? "exit " + run.exit() : run.outcome();
        return new StepHistory(WHEN.format(run.at()), run.target(), status, duration, run.seq(), run.hasOutput(),
                run.failed(), run.by());
    }

    /** The run recorded on timeline line {@code seq}, with the step it ran. */
    public Optional<StepRuns.Run> run(String runbookId, long seq) {
        return StepRuns.of(copy(), runbookId, Integer.MAX_VALUE).values().stream().flatMap(List::stream)
                .filter(run -> run.seq() == seq).findFirst();
    }

    /** The terminal the step on timeline line {@code seq} was typed into; empty for a run on a node. */
    public Optional<String> typedInto(long seq) {
        return copy().stream().filter(line -> line.seq() == seq).map(TimelineEvent::typed)
                .filter(IncidentEvent.StepSent.class::isInstance).map(e -> ((IncidentEvent.StepSent) e).target())
                .findFirst();
    }

    /** The exec result on timeline line {@code seq}, and the incident folder its output files are in. */
    public Optional<Output> output(long seq) {
        Path in = folder;
        return copy().stream().filter(line -> line.seq() == seq).map(TimelineEvent::typed)
                .filter(IncidentEvent.RunResult.class::isInstance).map(IncidentEvent.RunResult.class::cast)
                .findFirst().filter(result -> in != null).map(result -> new Output(result, in));
    }

    /** Where a run's output is: files of the incident folder. */
    public record Output(IncidentEvent.RunResult result, Path folder) {
        /** A tab shows the end of a long output; the file keeps all of it. */
        private static final int SHOWN_BYTES = 256 * 1024;

        public String read() throws java.io.IOException {
            StringBuilder text = new StringBuilder();
            text.append("$ ").append(result.command()).append("\n");
            append(text, result.stdout(), "");
            append(text, result.stderr(), "--- stderr ---\n");
            text.append("\n").append(result.summary() == null ? result.outcome() : result.summary());
            return text.toString();
        }

        private void append(StringBuilder text, String file, String heading) throws java.io.IOException {
            if (file == null || file.isBlank()) {
                return;
            }
            Path path = folder.resolve(file).normalize();
            if (!path.startsWith(folder) || !java.nio.file.Files.isRegularFile(path)) {
                return; // only files of this incident's own folder
            }
            String content;
            try (java.io.RandomAccessFile in = new java.io.RandomAccessFile(path.toFile(), "r")) {
                long skipped = Math.max(0, in.length() - SHOWN_BYTES);
                byte[] bytes = new byte[(int) (in.length() - skipped)];
                in.seek(skipped);
                in.readFully(bytes);
                content = (skipped > 0 ? "… (the first " + skipped + " bytes are in " + path + ")\n" : "")
                        + new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            }
            if (!content.isEmpty()) {
                text.append(heading).append(content);
                if (!content.endsWith("\n")) {
                    text.append("\n");
                }
            }
        }
    }
}
