package dev.baton.session;

import dev.baton.incident.IncidentEvent;
import dev.baton.incident.IncidentStore;
import dev.baton.incident.StepRuns;
import dev.baton.incident.Timeline;
import dev.baton.incident.TimelineEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Two runs of a step compared as {@code diff -u} shows them ({@link OutputDiff}): today's and a past
 * incident's, or two nodes of one fan-out. A run is a {@code run.result} line of an incident's timeline;
 * its output is read from the files the incident kept, already masked when they were written.
 */
public final class RunComparison {
    /** Output past this is left out of the comparison and the cut said. */
    static final int MAX_BYTES = 1 << 20;

    /**
     * One run's output.
     *
     * @param incident the incident's id
     * @param seq      the {@code run.result} line
     */
    public record RunOutput(String incident, long seq, String target, String command, String outcome, String text) {
        /** What the diff's header names it by: "20261125-0300-lag #14 db1". */
        public String label() {
            return incident + " #" + seq + " " + target;
        }
    }

    /** A run of a step in some incident, for a list to choose from. */
    public record PastRun(String incident, String title, Path folder, StepRuns.Run run) {}

    /** The line named is not a run with output: said for the user. */
    public static final class NoSuchRun extends IOException {
        public NoSuchRun(String message) {
            super(message);
        }
    }

    private RunComparison() {}

    /** The run on line {@code seq} of the incident in {@code folder}. */
    public static RunOutput read(Path folder, long seq) throws IOException {
        String id = folder.getFileName().toString();
        for (TimelineEvent line : Timeline.read(folder.resolve("timeline.jsonl")).events()) {
            if (line.seq() == seq) {
                if (!(line.typed() instanceof IncidentEvent.RunResult run)) {
                    throw new NoSuchRun("Event " + seq + " of " + id + " is not a run on a node (it is "
                            + line.type() + "); compare the lines that say \"run.result\"");
                }
                String stderr = text(folder, run.stderr());
                String text = text(folder, run.stdout()) + (stderr.isEmpty() ? "" : "\n── stderr ──\n" + stderr);
                return new RunOutput(id, seq, run.target(), run.command(), run.summary(), text);
            }
        }
        throw new NoSuchRun(id + " has no event " + seq);
    }

    /** The two outputs as a unified diff, or "(same output)". */
    public static String diff(RunOutput a, RunOutput b) {
        return OutputDiff.unified(a.label(), a.text(), b.label(), b.text());
    }

    /**
     * The runs on nodes of step {@code step} of {@code runbookId} in the store's incidents, newest first,
     * reading at most the {@code incidents} newest incidents (an incident that cannot be read is passed over).
     */
    public static List<PastRun> runsOfStep(IncidentStore store, String runbookId, int step, int incidents)
            throws IOException {
        List<PastRun> runs = new ArrayList<>();
        var listed = store.list().stream()
                .sorted(Comparator.comparing(dev.baton.incident.IncidentInfo::startedAt).reversed()).limit(incidents)
                .toList();
        for (var info : listed) {
            Path folder = store.incidentsDirectory().resolve(info.id());
            List<TimelineEvent> events;
            try {
                events = Timeline.read(folder.resolve("timeline.jsonl")).events();
            } catch (IOException | RuntimeException unreadable) {
                continue;
            }
            for (StepRuns.Run run : StepRuns.of(events, runbookId, Integer.MAX_VALUE).getOrDefault(step, List.of())) {
                if (run.hasOutput()) {
                    runs.add(new PastRun(info.id(), info.title(), folder, run));
                }
            }
        }
        return runs;
    }

    /** A file the incident kept, by the name its timeline gives (which a bundle may have brought): only inside the folder. */
    private static String text(Path folder, String name) throws IOException {
        if (name == null || name.isBlank()) {
            return "";
        }
        Path file = folder.resolve(name).normalize();
        if (!file.startsWith(folder.normalize()) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return "";
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes(MAX_BYTES);
            boolean cut = in.read() >= 0;
            return new String(bytes, StandardCharsets.UTF_8) + (cut ? "\n… (output cut at 1 MiB for the comparison)" : "");
        }
    }
}
