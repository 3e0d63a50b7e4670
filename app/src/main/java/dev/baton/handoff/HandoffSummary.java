package dev.baton.handoff;

import dev.baton.incident.EventWords;
import dev.baton.incident.IncidentEvent;
import dev.baton.incident.IncidentInfo;
import dev.baton.incident.TimelineEvent;
import dev.baton.incident.TypedStepOutcomes;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * {@code handoff.html}: the bundle for someone without Baton. One self-contained page (inline style, no
 * script, nothing loaded from anywhere) that says what happened in order, what was tried with its
 * result, what is pending and where the responder stood. Every piece of incident text is escaped.
 */
final class HandoffSummary {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final String STYLE = """
            body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d2430}
            h1{font-size:1.6rem;margin-bottom:.2rem}h2{border-bottom:1px solid #d0d7de;padding-bottom:.2rem;margin-top:2rem}
            .meta{color:#57606a}table{border-collapse:collapse;width:100%}td,th{border:1px solid #d0d7de;padding:.3rem .5rem;
            text-align:left;vertical-align:top}th{background:#f6f8fa}pre{background:#f6f8fa;padding:.6rem;overflow:auto;
            white-space:pre-wrap}.fail{color:#b42318;font-weight:600}.ok{color:#1a7f37;font-weight:600}
            .note{background:#fff8c5;border:1px solid #d4a72c;padding:.6rem 1rem}
            tr.abandoned td{color:#9a6700}tr.ran td:nth-child(2){font-weight:600}""";

    private static final org.commonmark.parser.Parser MARKDOWN = org.commonmark.parser.Parser.builder().build();
    private static final org.commonmark.renderer.html.HtmlRenderer MARKDOWN_HTML = org.commonmark.renderer.html.HtmlRenderer
            .builder().escapeHtml(true).sanitizeUrls(true).build();

    private HandoffSummary() {}

    static String html(IncidentInfo info, String by, Instant at, String note, String notes, List<TimelineEvent> events,
            HandoffState state, List<BundleManifest.RunbookSnapshot> runbooks) {
        StringBuilder page = new StringBuilder(8192);
        page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
                .append("<title>Handoff: ").append(escape(info.title())).append("</title><style>").append(STYLE)
                .append("</style></head><body>\n");
        page.append("<h1>").append(escape(info.title())).append("</h1>\n<p class=\"meta\">")
                .append(escape(join(info.severity(), info.alert()))).append(" · started ")
                .append(TIME.format(info.startedAt())).append(" by ").append(escape(info.responder()))
                .append(" · handed off ").append(TIME.format(at)).append(" by ").append(escape(by))
                .append(" after ").append(elapsed(Duration.between(info.startedAt(), at))).append("</p>\n");

        page.append("<h2>Handoff note</h2>\n<div class=\"note\">")
                .append(note.isBlank() ? "<p>(no note)</p>" : markdown(note)).append("</div>\n");

        alerts(page, events);

        List<TimelineEvent> results = events.stream().filter(e -> e.typed() instanceof IncidentEvent.RunResult).toList();
        page.append("<h2>What was tried</h2>\n");
        if (results.isEmpty()) {
            page.append("<p>No step was run on a node. Steps typed into terminals are in the timeline below.</p>\n");
        } else {
            page.append("<table><tr><th>When</th><th>Where</th><th>Command</th><th>Result</th></tr>\n");
            for (TimelineEvent line : results) {
                IncidentEvent.RunResult run = (IncidentEvent.RunResult) line.typed();
                boolean ok = Integer.valueOf(0).equals(run.exit());
                boolean silent = run.stdoutBytes() == 0 && run.stderrBytes() == 0;
                page.append("<tr><td>").append(TIME.format(line.time())).append("</td><td>")
                        .append(escape(run.target())).append("</td><td><code>").append(escape(run.command()))
                        .append("</code></td><td><span class=\"").append(ok ? "ok" : "fail").append("\">")
                        .append(escape(run.summary())).append("</span><br>")
                        .append(silent ? "(no output)" : escape(output(run))).append("</td></tr>\n");
            }
            page.append("</table>\n");
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

        page.append("<h2>Timeline</h2>\n<table><tr><th>When</th><th>What</th><th>Who</th></tr>\n");
        Map<Long, TypedStepOutcomes.Outcome> typedOutcomes = TypedStepOutcomes.of(events);
        for (TimelineEvent event : events) {
            IncidentEvent typed = event.typed();
            boolean neverRun = typed instanceof IncidentEvent.StepSent
                    && typedOutcomes.get(event.seq()) == TypedStepOutcomes.Outcome.STILL_TYPED;
            String css = typed instanceof IncidentEvent.StepAbandoned || neverRun ? " class=\"abandoned\""
                    : typed instanceof IncidentEvent.StepEntered || typed instanceof IncidentEvent.StepSent s
                    && Boolean.TRUE.equals(s.submitted()) ? " class=\"ran\"" : "";
            page.append("<tr").append(css).append("><td>").append(TIME.format(event.time())).append("</td><td>")
                    .append(escape(EventWords.describe(event)))
                    .append(neverRun ? " <b>— never run (Enter was not pressed before the handoff)</b>" : "")
                    .append("</td><td>").append(escape(event.text("by"))).append("</td></tr>\n");
        }
        page.append("</table>\n<h2>Notes</h2>\n").append(notes.isBlank() ? "<p>(none)</p>" : markdown(notes))
                .append("\n</body></html>\n");
        return page.toString();
    }

    /** Markdown as HTML: raw HTML in it shown as text, links only to safe schemes (no javascript:). */
    static String markdown(String text) {
        return MARKDOWN_HTML.render(MARKDOWN.parse(text));
    }

    /** A run's output files, by size: the bundle holds them. */
    private static String output(IncidentEvent.RunResult run) {
        return run.stdoutBytes() + " bytes of output" + (run.stderrBytes() > 0 ? ", " + run.stderrBytes()
                + " bytes of errors" : "") + " (" + run.stdout() + ")";
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

    /** The alerts the incident was opened from: labels, annotations and where each came from. */
    private static void alerts(StringBuilder page, List<TimelineEvent> events) {
        List<IncidentEvent.AlertOpened> alerts = events.stream().map(TimelineEvent::typed)
                .filter(IncidentEvent.AlertOpened.class::isInstance).map(IncidentEvent.AlertOpened.class::cast).toList();
        if (alerts.isEmpty()) {
            return;
        }
        page.append("<h2>Alerts</h2>\n");
        for (IncidentEvent.AlertOpened alert : alerts) {
            page.append("<h3>").append(escape(alert.alertname())).append("</h3>\n<p class=\"meta\">")
                    .append(escape(alert.status())).append(" · from ").append(escape(alert.source()))
                    .append(alert.startsAt() == null ? "" : " · since " + TIME.format(alert.startsAt())).append("</p>\n")
                    .append("<table><tr><th>Label</th><th>Value</th></tr>\n");
            alert.labels().forEach((name, value) -> page.append("<tr><td>").append(escape(name)).append("</td><td><code>")
                    .append(escape(value)).append("</code></td></tr>\n"));
            page.append("</table>\n");
            if (!alert.annotations().isEmpty()) {
                page.append("<table><tr><th>Annotation</th><th>Text</th></tr>\n");
                alert.annotations().forEach((name, value) -> page.append("<tr><td>").append(escape(name))
                        .append("</td><td>").append(escape(value)).append("</td></tr>\n"));
                page.append("</table>\n");
            }
            if (alert.generatorUrl() != null && !alert.generatorUrl().isBlank()) {
                // Shown as text, not a link: the page loads and follows nothing by itself.
                page.append("<p><b>Generator URL:</b> <code>").append(escape(alert.generatorUrl())).append("</code></p>\n");
            }
        }
    }

    private static String join(String a, String b) {
        return a.isBlank() ? b : b.isBlank() ? a : a + " · " + b;
    }

    private static String elapsed(Duration duration) {
        long minutes = Math.max(0, duration.toMinutes());
        return minutes >= 60 ? minutes / 60 + " h " + minutes % 60 + " min" : minutes + " min";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
