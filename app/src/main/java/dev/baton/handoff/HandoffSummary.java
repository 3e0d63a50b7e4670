package dev.baton.handoff;

import dev.baton.incident.IncidentEvent;
import dev.baton.incident.IncidentInfo;
import dev.baton.incident.RecordingFiles;
import dev.baton.incident.TimelineEvent;
import dev.baton.incident.WhatHappened;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * {@code handoff.html}: the bundle for someone without Baton. One self-contained page (inline style, no
 * script, nothing loaded from anywhere) that says what happened in order, what was tried with its
 * result, what is pending and where the responder stood. Every piece of incident text is escaped.
 */
final class HandoffSummary {
    private static final DateTimeFormatter TIME = WhatHappenedHtml.TIME;
    private static final org.commonmark.parser.Parser MARKDOWN = org.commonmark.parser.Parser.builder().build();
    private static final org.commonmark.renderer.html.HtmlRenderer MARKDOWN_HTML = org.commonmark.renderer.html.HtmlRenderer
            .builder().escapeHtml(true).sanitizeUrls(true).build();

    private HandoffSummary() {}

    /** @param bundled the bundle's files: a failure links the one holding its error when it travels */
    static String html(IncidentInfo info, String by, Instant at, String note, String notes, List<TimelineEvent> events,
            HandoffState state, List<BundleManifest.RunbookSnapshot> runbooks, java.util.Set<String> bundled) {
        StringBuilder page = new StringBuilder(8192);
        WhatHappenedHtml.head(page, "Handoff: " + info.title());
        page.append("<h1>").append(escape(info.title())).append("</h1>\n<p class=\"meta\">")
                .append(escape(join(info.severity(), info.alert()))).append(" · started ")
                .append(TIME.format(info.startedAt())).append(" by ").append(escape(info.responder()))
                .append(" · handed off ").append(TIME.format(at)).append(" by ").append(escape(by))
                .append(" after ").append(elapsed(Duration.between(info.startedAt(), at))).append("</p>\n");

        page.append("<h2>Handoff note</h2>\n<div class=\"note\">")
                .append(note.isBlank() ? "<p>(no note)</p>" : markdown(note)).append("</div>\n");

        WhatHappenedHtml.alerts(page, events);

        List<WhatHappened.Row> tried = WhatHappened.of(events).stream()
                .filter(row -> row.kind() == WhatHappened.Kind.STEP_IN_TERMINAL
                        || row.kind() == WhatHappened.Kind.STEP_ON_NODES || row.kind() == WhatHappened.Kind.QUERY)
                .toList();
        page.append("<h2>What was tried</h2>\n");
        if (tried.isEmpty()) {
            page.append("<p>No step was sent to a terminal or run on a node.</p>\n");
        } else {
            WhatHappenedHtml.rows(page, withRecordings(tried, bundled), file -> bundled.contains(file) ? file : null);
        }

        page.append("<h2>Where things stand</h2>\n<p><b>Checklist items ticked:</b> ");
        if (state.checklist().isEmpty()) {
            page.append("none");
        } else {
            Map<String, String> texts = checklistTexts(events);
            page.append("</p>\n<ul>");
            for (String item : state.checklist()) {
                String text = texts.get(item);
                page.append("<li>").append(escape(text == null ? item : text)).append(" <span class=\"meta\">(")
                        .append(escape(item.substring(0, Math.max(0, item.lastIndexOf('#'))))).append(")</span></li>");
            }
            page.append("</ul>\n<p>");
        }
        page.append("</p>\n<p><b>Nodes:</b> ");
        page.append(state.targets().isEmpty() ? "none" : escape(String.join(", ", state.targets().stream()
                .map(t -> t.name() + " (" + t.user() + "@" + t.host() + ":" + t.port() + ")").toList())));
        page.append("</p>\n<p><b>Variables:</b> ").append(state.variables().isEmpty() ? "none"
                : escape(String.join(", ", state.variables().entrySet().stream()
                        .map(e -> e.getKey() + " = " + e.getValue()).toList())));
        page.append("</p>\n<p><b>Runbooks used:</b> ").append(runbooks.isEmpty() ? "none"
                : escape(String.join(", ", runbooks.stream().map(BundleManifest.RunbookSnapshot::title).toList())))
                .append("</p>\n");

        page.append("<h2>Timeline</h2>\n");
        WhatHappenedHtml.events(page, events);
        page.append("<h2>Notes</h2>\n").append(notes.isBlank() ? "<p>(none)</p>" : markdown(notes))
                .append("\n</body></html>\n");
        return page.toString();
    }

    /**
     * Each step typed into a terminal with the recording of that terminal the bundle carries (the stream that
     * holds what the step printed, errors included): the newest recording of that terminal started before the step.
     */
    static List<WhatHappened.Row> withRecordings(List<WhatHappened.Row> rows, java.util.Set<String> bundled) {
        List<String> names = List.copyOf(bundled);
        return rows.stream().map(row -> row.kind() != WhatHappened.Kind.STEP_IN_TERMINAL || !row.stream().isEmpty() ? row
                : RecordingFiles.of(names, row.where(), row.at()).map(recording -> new WhatHappened.Row(row.seq(),
                        row.at(), row.kind(), row.what(), row.where(), row.result(), row.status(), row.by(), row.groups(),
                        recording, row.durationMs(), row.seqs())).orElse(row)).toList();
    }

    /** Markdown as HTML: raw HTML in it shown as text, links only to safe schemes (no javascript:). */
    static String markdown(String text) {
        return MARKDOWN_HTML.render(MARKDOWN.parse(text));
    }

    /** Each ticked item's text, as {@code runbook#item}, from the events that ticked it. */
    private static Map<String, String> checklistTexts(List<TimelineEvent> events) {
        Map<String, String> texts = new java.util.HashMap<>();
        for (TimelineEvent line : events) {
            if (line.typed() instanceof IncidentEvent.ChecklistTicked tick) {
                texts.put(tick.runbook() + "#" + tick.item(), tick.text());
            }
        }
        return texts;
    }

    private static String join(String a, String b) {
        return a.isBlank() ? b : b.isBlank() ? a : a + " · " + b;
    }

    private static String elapsed(Duration duration) {
        long minutes = Math.max(0, duration.toMinutes());
        return minutes >= 60 ? minutes / 60 + " h " + minutes % 60 + " min" : minutes + " min";
    }

    static String escape(String text) {
        return WhatHappenedHtml.escape(text);
    }
}
