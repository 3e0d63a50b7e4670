package dev.baton.handoff;

import dev.baton.incident.EventWords;
import dev.baton.incident.IncidentEvent;
import dev.baton.incident.TimelineEvent;
import dev.baton.incident.TypedStepOutcomes;
import dev.baton.incident.WhatHappened;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What happened in an incident as HTML, for {@code handoff.html} and the incident report alike: the rows of
 * {@link WhatHappened} as a table (a run on many nodes one row with its groups, a failure linking the file
 * that holds its error where the page's reader has it) and every timeline event, each with an anchor the
 * rows link to. Every piece of incident text is escaped; nothing here runs or loads anything.
 */
final class WhatHappenedHtml {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    static final String STYLE = """
            body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d2430}
            h1{font-size:1.6rem;margin-bottom:.2rem}h2{border-bottom:1px solid #d0d7de;padding-bottom:.2rem;margin-top:2rem}
            .meta{color:#57606a}table{border-collapse:collapse;width:100%}td,th{border:1px solid #d0d7de;padding:.3rem .5rem;
            text-align:left;vertical-align:top}th{background:#f6f8fa}pre{background:#f6f8fa;padding:.6rem;overflow:auto;
            white-space:pre-wrap}.fail{color:#b42318;font-weight:600}.ok{color:#1a7f37;font-weight:600}
            .group{margin:.1rem 0}.group .nodes{color:#1d2430;font-weight:400}
            .note{background:#fff8c5;border:1px solid #d4a72c;padding:.6rem 1rem}
            tr.abandoned td{color:#9a6700}tr.ran td:nth-child(2){font-weight:600}""";

    private WhatHappenedHtml() {}

    /**
     * The rows as a table: When, What, Where, Result, Who.
     *
     * @param link the href of an incident-folder file for this page's reader, or null where they do not have it
     */
    static void rows(StringBuilder page, List<WhatHappened.Row> rows, Function<String, String> link) {
        // Within one day the clock alone reads faster; the date is in the page's heading.
        boolean oneDay = rows.stream().map(row -> DAY.format(row.at())).distinct().count() <= 1;
        DateTimeFormatter when = oneDay ? CLOCK : SHORT;
        page.append("<table class=\"tried\"><tr><th>When (UTC)</th><th>What</th><th>Where</th><th>Result</th>")
                .append("<th>Who</th></tr>\n");
        for (WhatHappened.Row row : rows) {
            String css = switch (row.status()) {
                case FAILED -> "fail";
                case OK -> "ok";
                case PENDING -> "pending";
                case NONE -> "";
            };
            page.append("<tr class=\"").append(row.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                    .append("\"><td><a href=\"#event-").append(row.seq()).append("\">").append(when.format(row.at()))
                    .append("</a></td><td>").append(what(row)).append("</td><td>").append(escape(row.where()))
                    .append("</td><td>");
            if (row.groups().size() > 1 || row.groups().size() == 1 && row.groups().get(0).nodes().size() > 1) {
                for (WhatHappened.Group group : row.groups()) {
                    page.append("<div class=\"group ").append(group.failed() ? "fail" : "ok").append("\">")
                            .append(escape(group.outcome())).append(" on ").append(group.nodes().size())
                            .append(group.nodes().size() == 1 ? " node" : " nodes").append(": <span class=\"nodes\">")
                            .append(escape(String.join(", ", group.nodes()))).append("</span>");
                    stream(page, group.stream(), link);
                    page.append("</div>");
                }
            } else {
                page.append("<span class=\"").append(css).append("\">").append(escape(row.result())).append("</span>");
                if (row.durationMs() >= 0) {
                    page.append(" <span class=\"meta\">in ").append(escape(duration(row.durationMs()))).append("</span>");
                }
                stream(page, row.stream(), link);
            }
            page.append("</td><td>").append(escape(row.by())).append("</td></tr>\n");
        }
        page.append("</table>\n");
    }

    private static String what(WhatHappened.Row row) {
        return switch (row.kind()) {
            case STEP_IN_TERMINAL, STEP_ON_NODES, QUERY -> "<code>" + escape(row.what()) + "</code>";
            default -> escape(row.what());
        };
    }

    private static void stream(StringBuilder page, String stream, Function<String, String> link) {
        if (stream == null || stream.isEmpty()) {
            return;
        }
        String href = link.apply(stream);
        page.append(" <span class=\"meta\">(");
        if (href != null) {
            page.append("<a href=\"").append(escape(href)).append("\">").append(escape(stream)).append("</a>");
        } else {
            page.append(escape(stream));
        }
        page.append(")</span>");
    }

    /** Every event in order, each row anchored as {@code event-SEQ}. */
    static void events(StringBuilder page, List<TimelineEvent> events) {
        page.append("<table class=\"events\"><tr><th>When</th><th>What</th><th>Who</th></tr>\n");
        Map<Long, TypedStepOutcomes.Outcome> typedOutcomes = TypedStepOutcomes.of(events);
        for (TimelineEvent event : events) {
            IncidentEvent typed = event.typed();
            boolean neverRun = typed instanceof IncidentEvent.StepSent
                    && typedOutcomes.get(event.seq()) == TypedStepOutcomes.Outcome.STILL_TYPED;
            String css = typed instanceof IncidentEvent.StepAbandoned || neverRun ? " abandoned"
                    : typed instanceof IncidentEvent.StepEntered || typed instanceof IncidentEvent.StepSent s
                    && Boolean.TRUE.equals(s.submitted()) ? " ran" : "";
            page.append("<tr id=\"event-").append(event.seq()).append("\" class=\"event").append(css)
                    .append("\"><td>").append(TIME.format(event.time())).append("</td><td>")
                    .append(escape(EventWords.describe(event)))
                    .append(neverRun ? " <b>— never run (Enter was not pressed before the handoff)</b>" : "")
                    .append("</td><td>").append(escape(event.text("by"))).append("</td></tr>\n");
        }
        page.append("</table>\n");
    }

    /** The alerts the incident was opened from: labels, annotations and where each came from. */
    static void alerts(StringBuilder page, List<TimelineEvent> events) {
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

    /** The page's head: a policy that forbids loading or running anything, and the inline style. */
    static void head(StringBuilder page, String title) {
        page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
                .append("<title>").append(escape(title)).append("</title><style>").append(STYLE)
                .append("</style></head><body>\n");
    }

    /** "311 ms" below two seconds, "2.5 s" below two minutes, else minutes and seconds. */
    static String duration(long ms) {
        if (ms < 2000) {
            return ms + " ms";
        }
        if (ms < 120_000) {
            return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        return dev.baton.incident.PhaseClock.format(java.time.Duration.ofMillis(ms));
    }

    /** Text as HTML text or attribute value; control characters (C0 but line breaks and tabs, DEL, C1) are dropped. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c >= 0x20 && c != 0x7f && (c < 0x80 || c >= 0xa0) || c == '\n' || c == '\t') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
