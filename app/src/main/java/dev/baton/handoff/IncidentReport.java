package dev.baton.handoff;

import dev.baton.incident.IncidentEvent;
import dev.baton.incident.IncidentInfo;
import dev.baton.incident.IncidentStore;
import dev.baton.incident.Timeline;
import dev.baton.incident.TimelineEvent;
import dev.baton.incident.WhatHappened;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A post-incident report draft for people who do not use Baton, read from an incident folder with every
 * file passed through the same {@link Redactor} a handoff bundle uses: what the report holds is what a
 * bundle would carry, secrets replaced by {@code [REDACTED:kind]}. Terminal recordings are left out, as a
 * bundle leaves them out unless the responder keeps them. {@link ReportHtml} and {@link ReportMarkdown}
 * write it.
 *
 * @param endedAt    when the incident ended, or null while it is open
 * @param duration   start to end (to {@code generatedAt} while open)
 * @param rows       what happened, as {@code handoff.html} shows it
 * @param captures   the output the responders captured, each cut to its first lines
 * @param errors     the error output of each failed run, cut likewise
 * @param mttr       the target of the first runbook used that has one
 * @param quietest   the longest stretch with no event, or null with fewer than two events
 * @param redactions how many secrets were replaced
 * @param chain      whether the timeline's hash chain holds, in words: a reader of the report is told
 *                   when the record it was drawn from was changed
 */
public record IncidentReport(IncidentInfo info, Instant generatedAt, Instant endedAt, Duration duration,
        List<String> responders, Impact impact, List<TimelineEvent> events, List<WhatHappened.Row> rows, String notes,
        List<Excerpt> captures, List<Excerpt> errors, Optional<Mttr> mttr, Gap quietest, int redactions,
        String chain) {
    static final int EXCERPT_LINES = 30;
    private static final int EXCERPT_BYTES = 16 * 1024;
    private static final int EXCERPT_LINE_CHARS = 400;
    private static final List<String> IMPACT_LABELS = List.of("service", "namespace", "cluster", "job", "instance",
            "node", "pod", "env", "environment", "region");

    /** What the incident touched, from its alerts and the nodes steps ran on; the people-facing impact is the responder's to write. */
    public record Impact(String severity, List<String> alerts, Map<String, List<String>> labels, List<String> nodes,
            List<String> terminals) {}

    /** A file's first lines, already redacted. */
    public record Excerpt(String title, String file, String text, boolean cut) {}

    /** @param runbook the title (or id) of the runbook whose target this is */
    public record Mttr(String runbook, Duration target) {
        public Duration over(Duration took) {
            return took.minus(target);
        }
    }

    public record Gap(Instant from, Instant to) {
        public Duration length() {
            return Duration.between(from, to);
        }
    }

    /**
     * Reads the incident in {@code folder}.
     *
     * @param mttrOf the MTTR target of a runbook id the timeline names, where the library knows one
     */
    public static IncidentReport read(Path folder, Function<String, Optional<Mttr>> mttrOf, Instant now)
            throws IOException {
        Redactor redactor = new Redactor(Set.of());
        IncidentInfo original = IncidentStore.readInfo(folder);
        String infoFile = IncidentStore.INFO_FILE;
        IncidentInfo info = new IncidentInfo(original.id(), redactor.redactField(infoFile, "title", original.title()),
                redactor.redactField(infoFile, "severity", original.severity()),
                redactor.redactField(infoFile, "alert", original.alert()), original.startedAt(),
                redactor.redactField(infoFile, "responder", original.responder()));

        List<TimelineEvent> events = new ArrayList<>();
        Path timeline = folder.resolve("timeline.jsonl");
        String chain = "no timeline";
        if (Files.isRegularFile(timeline, LinkOption.NOFOLLOW_LINKS)) {
            Timeline.Verification verified = Timeline.verify(timeline);
            chain = verified.intact() ? "hash chain intact" : "hash chain BROKEN, the timeline was changed after it "
                    + "was written: " + redactor.redactField("timeline.jsonl", "verification",
                            String.join("; ", verified.problems()));
            ByteArrayOutputStream lines = new ByteArrayOutputStream();
            try (InputStream in = Files.newInputStream(timeline)) {
                redactor.copyJsonLines("timeline.jsonl", in, lines, true);
            }
            for (String line : lines.toString(StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    try {
                        events.add(Timeline.parse(line));
                    } catch (IOException | RuntimeException e) {
                        // A line that is not an event is left out of the report, as handoff.html leaves it out.
                    }
                }
            }
        }
        String notes = "";
        Path notesFile = folder.resolve("notes.md");
        if (Files.isRegularFile(notesFile, LinkOption.NOFOLLOW_LINKS)) {
            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            try (InputStream in = Files.newInputStream(notesFile)) {
                redactor.copyText("notes.md", in, copy);
            }
            notes = copy.toString(StandardCharsets.UTF_8);
        }

        List<WhatHappened.Row> rows = WhatHappened.of(events);
        List<Excerpt> captures = new ArrayList<>();
        for (TimelineEvent line : events) {
            if (line.typed() instanceof IncidentEvent.CaptureTaken capture && capture.file() != null
                    && !capture.file().isBlank()) {
                excerpt(folder, capture.file(), redactor).ifPresent(text -> captures.add(new Excerpt(
                        capture.source() + " from " + capture.target() + (capture.command() == null
                                || capture.command().isBlank() ? "" : ": " + capture.command().strip()),
                        capture.file(), text.text(), text.cut())));
            }
        }
        List<Excerpt> errors = new ArrayList<>();
        for (WhatHappened.Row row : rows) {
            for (WhatHappened.Group group : row.groups()) {
                if (group.failed() && !group.stream().isEmpty()) {
                    excerpt(folder, group.stream(), redactor).ifPresent(text -> errors.add(new Excerpt(
                            group.outcome() + " on " + String.join(", ", group.nodes()) + ": " + firstLine(row.what()),
                            group.stream(), text.text(), text.cut())));
                }
            }
        }

        Instant endedAt = events.stream().filter(e -> e.typed() instanceof IncidentEvent.IncidentClosed)
                .map(TimelineEvent::time).reduce((a, b) -> b).orElse(null);
        Duration duration = Duration.between(info.startedAt(), endedAt != null ? endedAt : now);
        Set<String> responders = new LinkedHashSet<>();
        responders.add(info.responder());
        events.stream().map(e -> e.text("by")).filter(by -> !by.isBlank()).forEach(responders::add);
        Optional<Mttr> mttr = dev.baton.handoff.BundleWriter.runbooksUsed(events).stream().map(mttrOf)
                .flatMap(Optional::stream).findFirst();
        return new IncidentReport(info, now, endedAt, duration, List.copyOf(responders), impact(info, events), events,
                rows, notes, captures, errors, mttr, quietest(events), redactor.redacted().size(), chain);
    }

    /** The rows that took longest, slowest first. */
    public List<WhatHappened.Row> longest(int limit) {
        return rows.stream().filter(r -> r.durationMs() > 0)
                .sorted(Comparator.comparingLong(WhatHappened.Row::durationMs).reversed()).limit(limit).toList();
    }

    /** Steps that ran (in a terminal or on nodes) and queries, in order: not steps typed and abandoned. */
    public List<WhatHappened.Row> commands() {
        return rows.stream().filter(r -> r.kind() == WhatHappened.Kind.STEP_ON_NODES
                || r.kind() == WhatHappened.Kind.QUERY
                || r.kind() == WhatHappened.Kind.STEP_IN_TERMINAL && (r.status() == WhatHappened.Status.OK
                        || r.status() == WhatHappened.Status.NONE && !r.result().startsWith("not run"))).toList();
    }

    private static Impact impact(IncidentInfo info, List<TimelineEvent> events) {
        Set<String> alerts = new LinkedHashSet<>();
        Map<String, Set<String>> labels = new TreeMap<>();
        Set<String> nodes = new LinkedHashSet<>();
        Set<String> terminals = new LinkedHashSet<>();
        if (!info.alert().isBlank()) {
            alerts.add(info.alert());
        }
        for (TimelineEvent line : events) {
            IncidentEvent event = line.typed();
            if (event instanceof IncidentEvent.AlertOpened alert) {
                alerts.add(alert.alertname());
                alert.labels().forEach((name, value) -> {
                    if (IMPACT_LABELS.contains(name)) {
                        labels.computeIfAbsent(name, k -> new LinkedHashSet<>()).add(value);
                    }
                });
            } else if (event instanceof IncidentEvent.StepRun run) {
                nodes.addAll(run.nodes());
            } else if (event instanceof IncidentEvent.RunResult result) {
                nodes.add(result.target());
            } else if (event instanceof IncidentEvent.StepSent sent) {
                terminals.add(sent.target());
            }
        }
        Map<String, List<String>> labelLists = new TreeMap<>();
        labels.forEach((name, values) -> labelLists.put(name, List.copyOf(values)));
        return new Impact(info.severity(), List.copyOf(alerts), labelLists, List.copyOf(nodes), List.copyOf(terminals));
    }

    private static Gap quietest(List<TimelineEvent> events) {
        Gap widest = null;
        for (int i = 1; i < events.size(); i++) {
            Gap gap = new Gap(events.get(i - 1).time(), events.get(i).time());
            if (widest == null || gap.length().compareTo(widest.length()) > 0) {
                widest = gap;
            }
        }
        return widest;
    }

    private record Cut(String text, boolean cut) {}

    /**
     * The first lines of an incident-folder file, redacted. The name comes from the timeline, which a bundle
     * may have brought: only a plain file inside the folder is read. Only whole lines are scanned, so a
     * secret is never split where the excerpt ends; a first line longer than the excerpt is left out.
     */
    private static Optional<Cut> excerpt(Path folder, String name, Redactor redactor) throws IOException {
        if (!BundlePaths.isSafe(name)) {
            return Optional.empty();
        }
        Path file = folder.resolve(name).normalize();
        if (!file.startsWith(folder) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        byte[] head;
        long size = Files.size(file);
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            head = in.readNBytes(EXCERPT_BYTES);
        }
        boolean cut = size > head.length;
        String text = new String(head, StandardCharsets.UTF_8);
        if (cut) {
            int end = text.lastIndexOf('\n');
            text = end < 0 ? "" : text.substring(0, end + 1);
        }
        String redacted = redactor.redactText(name, dev.baton.incident.Capture.plain(text));
        List<String> lines = redacted.lines().toList();
        cut |= lines.size() > EXCERPT_LINES;
        StringBuilder shown = new StringBuilder();
        for (String line : lines.subList(0, Math.min(EXCERPT_LINES, lines.size()))) {
            cut |= line.length() > EXCERPT_LINE_CHARS;
            shown.append(line.length() > EXCERPT_LINE_CHARS ? line.substring(0, EXCERPT_LINE_CHARS) + " …" : line)
                    .append('\n');
        }
        return Optional.of(new Cut(shown.toString(), cut));
    }

    static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline) + " …";
    }
}
