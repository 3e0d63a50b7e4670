package dev.baton.incident;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.baton.incident.IncidentEvent.RunResult;
import dev.baton.incident.IncidentEvent.StepRun;
import dev.baton.incident.IncidentEvent.StepSent;
import dev.baton.incident.IncidentEvent.VariableSet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events are types, written and read in one place, and every timeline Baton ever wrote still opens. */
class IncidentEventsTest {
    @TempDir
    Path dir;

    static final List<IncidentEvent> ONE_OF_EACH = List.of(
            new IncidentStarted("Disk full", "P2", "NodeFilesystemAlmostFull", "ana"),
            new IncidentRecovered(true, 2, "the last line was cut short"),
            new StepSent("disk-full.md", 1, "df -h", "Local 1"),
            new StepRun("disk-full.md", 2, "du -sh /var/log/*", List.of("db1", "db2"), 32),
            new RunResult("db1", "du -sh /var/log/*", "COMPLETED", 0, null, "exit 0 in 0.3 s",
                    Instant.parse("2026-11-24T03:12:05.123Z"), 311, "captures/0001-db1-stdout.txt", 42,
                    "captures/0002-db1-stderr.txt", 0),
            new RunResult("db2", "du -sh /var/log/*", "CONNECTION_LOST", null, "KILL", "connection lost",
                    Instant.parse("2026-11-24T03:12:06Z"), 5000, "captures/0003-db2-stdout.txt", 0,
                    "captures/0004-db2-stderr.txt", 0),
            new CaptureTaken("exec", "db1", "du -sh /var/log/*", "exit 0", 42, null, 2),
            new IncidentEvent.QueryRan("disk-full.md", 5, "PromQL", "main", "sum(up)",
                    Instant.parse("2026-11-24T02:12:00Z"), Instant.parse("2026-11-24T03:12:00Z"), 3, "series", 212, ""),
            new IncidentEvent.QueryRan("", 0, "LogQL", "logs", "sum(count_over_time(x[5m]))", null,
                    Instant.parse("2026-11-24T03:12:00Z"), -1, "series", 5000, "Loki logs: unreachable"),
            new ChecklistTicked("disk-full.md", 2, "Paged the DBA"),
            new ChecklistUnticked("disk-full.md", 2, "Paged the DBA"),
            new VariableSet("ns", "payments", false),
            new VariableSet("pod", "api-7f9c", false, "alert KubePodCrashLooping"),
            new ConnectionOpened("db1", "ops@10.0.0.5:22"),
            new ConnectionLost("db1", "connection reset"),
            new IncidentEvent.ConnectionFailed("db1", "unreachable", "connection refused by 10.0.0.5:22"),
            new NotesSaved(18, "ab".repeat(32)),
            new IncidentEvent.NoteAdded("restarted the primary; watching replication lag"),
            new HandoffExported("disk-full.baton", "cd".repeat(32), "ana", 1, 0, true),
            new HandoffImported("disk-full.baton", "cd".repeat(32), "ana", "2026-11-24T07:00:00Z", "ef".repeat(32), 1,
                    false, null),
            new AlertOpened("KubePodCrashLooping", "50a2f9f6d9a286c4", "am", "firing",
                    Instant.parse("2026-11-24T03:00:00Z"), java.util.Map.of("alertname", "KubePodCrashLooping",
                    "pod", "api-7f9c"), java.util.Map.of("summary", "api-7f9c restarts"), "http://prom:9090/graph"),
            new AlertSilenced("KubePodCrashLooping", "5d1c", "am", "pod=\"api-7f9c\"",
                    Instant.parse("2026-11-24T05:00:00Z"), "rolling back", "ana"),
            new StepSent("disk-full.md", 4, "find /var/log -delete", "db1", false),
            new IncidentEvent.StepEntered("disk-full.md", 4, "db1", "find /var/log -delete", false, 3),
            new IncidentEvent.StepAbandoned("disk-full.md", 4, "db1", "find /var/log -delete", "Ctrl+C", 3),
            new HandoffImported("disk-full.baton", "cd".repeat(32), "ana", "2026-11-24T07:00:00Z", "ef".repeat(32), 1,
                    false, null, "Pending: rotate logs"),
            new IncidentEvent.HandoffTakenBack("disk-full.baton", "ana"),
            new IncidentEvent.HandoffSent("bob", "Pending: rotate logs", "/srv/git/incidents.git",
                    List.of("disk-full.md"), List.of(new IncidentEvent.HandoffSent.HandedNode("db1", "10.0.0.5", 22, "ops", true)),
                    List.of(new IncidentEvent.HandoffSent.TypedStep("disk-full.md", 4, "find /var/log -delete", "db1"))),
            new IncidentEvent.HandoffAccepted("ana", 27, "bob", false),
            new IncidentClosed(3600));

    @Test
    void everyEventTypeIsWrittenAndReadBackAsItself() throws Exception {
        try (Timeline timeline = Timeline.open(dir.resolve("timeline.jsonl"))) {
            for (IncidentEvent event : ONE_OF_EACH) {
                timeline.append(event);
            }
        }
        try (Timeline reopened = Timeline.open(dir.resolve("timeline.jsonl"))) {
            assertThat(reopened.problems()).isEmpty();
            assertThat(reopened.events()).extracting(TimelineEvent::typed).containsExactlyElementsOf(ONE_OF_EACH);
        }
        assertThat(ONE_OF_EACH).extracting(IncidentEvent::type).containsAll(IncidentEvents.knownTypes());
    }

    @Test
    void queryRunsAreSaidWithTheirSourceWindowAndCount() {
        assertThat(EventWords.describe(ONE_OF_EACH.get(7)))
                .isEqualTo("PromQL on main (step 5), 02:12 UTC–03:12 UTC: 3 series in 0.2 s — sum(up)");
        assertThat(EventWords.describe(ONE_OF_EACH.get(8)))
                .isEqualTo("LogQL on logs failed: Loki logs: unreachable — sum(count_over_time(x[5m]))");
    }

    /** Lines as the versions before typed events wrote them: field for field, numbers as they came. */
    @Test
    void linesWrittenByEarlierVersionsOpenAsTypedEvents() throws Exception {
        Path file = dir.resolve("timeline.jsonl");
        try (Timeline timeline = Timeline.open(file)) {
            timeline.append("step.run", java.util.Map.of("runbook", "disk-full.md", "step", 2, "text", "uptime",
                    "targets", "db1, db2"));
            timeline.append("run.result", java.util.Map.ofEntries(java.util.Map.entry("target", "db1"),
                    java.util.Map.entry("command", "uptime"), java.util.Map.entry("outcome", "COMPLETED"),
                    java.util.Map.entry("exit", 0), java.util.Map.entry("summary", "exit 0"),
                    java.util.Map.entry("startedAt", "2026-11-24T03:12:05.123Z"),
                    java.util.Map.entry("durationMs", 311), java.util.Map.entry("stdout", "captures/a.txt"),
                    java.util.Map.entry("stdoutBytes", 7), java.util.Map.entry("stderr", "captures/b.txt"),
                    java.util.Map.entry("stderrBytes", 0)));
            timeline.append("checklist.ticked", java.util.Map.of("runbook", "disk-full.md", "item", 1, "text", "x"));
        }
        List<TimelineEvent> lines = Timeline.verify(file).intact() ? readBack(file) : List.of();
        assertThat(lines).extracting(TimelineEvent::typed).containsExactly(
                new StepRun("disk-full.md", 2, "uptime", "db1, db2", null),
                new RunResult("db1", "uptime", "COMPLETED", 0, null, "exit 0",
                        Instant.parse("2026-11-24T03:12:05.123Z"), 311, "captures/a.txt", 7, "captures/b.txt", 0),
                new ChecklistTicked("disk-full.md", 1, "x"));
        assertThat(((StepRun) lines.get(0).typed()).nodes()).containsExactly("db1", "db2");
    }

    @Test
    void aLineOfAnUnknownTypeOrShapeIsKeptAsItIs() throws Exception {
        Path file = dir.resolve("timeline.jsonl");
        try (Timeline timeline = Timeline.open(file)) {
            timeline.append("pager.acknowledged", java.util.Map.of("by", "ana"));
            timeline.append("step.sent", java.util.Map.of("step", "not a number"));
        }
        List<TimelineEvent> lines = readBack(file);
        assertThat(lines.get(0).typed()).isEqualTo(new Other("pager.acknowledged", java.util.Map.of("by", "ana")));
        assertThat(lines.get(1).typed()).isInstanceOf(Other.class);
        assertThat(EventWords.describe(lines.get(0))).contains("pager.acknowledged");
    }

    @Test
    void everyKnownEventIsSaidInWordsNotAsRawFields() {
        for (IncidentEvent event : ONE_OF_EACH) {
            String words = EventWords.describe(event);
            assertThat(words).as(event.type()).isNotBlank().doesNotStartWith(event.type()).doesNotContain("{");
        }
        assertThat(EventWords.describe(new StepSent("disk-full.md", 3, "cd /var/log\nrm -f *.gz", "db1")))
                .isEqualTo("Step 3 sent to db1: cd /var/log …");
    }

    /** Typed, run and abandoned read differently; a line from before the distinction still says "sent". */
    @Test
    void typedRunAndAbandonedStepsAreSaidApart() throws Exception {
        assertThat(EventWords.describe(new StepSent("disk-full.md", 4, "rm -rf /tmp/x", "db1", false)))
                .isEqualTo("Step 4 typed into db1 (awaiting Enter): rm -rf /tmp/x");
        assertThat(EventWords.describe(new StepSent("disk-full.md", 1, "df -h", "db1", true)))
                .isEqualTo("Step 1 run in db1: df -h");
        assertThat(EventWords.describe(new IncidentEvent.StepEntered("disk-full.md", 4, "db1", "rm -rf /tmp/y", true, 3)))
                .isEqualTo("Step 4 run in db1 after editing (Enter pressed): rm -rf /tmp/y");
        assertThat(EventWords.describe(new IncidentEvent.StepAbandoned("disk-full.md", 4, "db1", "rm -rf /tmp/x",
                "Ctrl+C", 3))).isEqualTo("Step 4 abandoned in db1, not run (Ctrl+C): rm -rf /tmp/x");
        Path file = dir.resolve("old.jsonl");
        try (Timeline timeline = Timeline.open(file)) {
            timeline.append("step.sent", java.util.Map.of("runbook", "disk-full.md", "step", 1, "text", "df -h",
                    "target", "Local 1"));
        }
        assertThat(readBack(file).get(0).typed()).isEqualTo(new StepSent("disk-full.md", 1, "df -h", "Local 1", null));
    }

    private static List<TimelineEvent> readBack(Path file) throws Exception {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return text.lines().map(line -> {
            try {
                return Timeline.parse(line);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }).toList();
    }
}
