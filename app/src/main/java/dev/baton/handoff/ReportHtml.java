package dev.baton.handoff;

import static dev.baton.handoff.WhatHappenedHtml.escape;

import dev.baton.incident.PhaseClock;
import dev.baton.incident.WhatHappened;
import java.util.List;

/**
 * The incident report as one self-contained HTML page: inline style, no script, nothing loaded, every piece
 * of incident text escaped. What happened and the event log are drawn by {@link WhatHappenedHtml}, as in
 * {@code handoff.html}.
 */
public final class ReportHtml {
    private ReportHtml() {}

    public static String of(IncidentReport report) {
        StringBuilder page = new StringBuilder(16384);
        WhatHappenedHtml.head(page, "Incident report: " + report.info().title());
        page.append("<h1>").append(escape(report.info().title())).append("</h1>\n<p class=\"meta\">Post-incident report ")
                .append("draft · written by Baton ").append(WhatHappenedHtml.TIME.format(report.generatedAt()))
                .append(report.redactions() == 0 ? "" : " · " + report.redactions()
                        + (report.redactions() == 1 ? " secret" : " secrets") + " redacted")
                .append("</p>\n");

        page.append("<h2>Summary</h2>\n<table class=\"summary\">");
        field(page, "Severity", report.info().severity());
        field(page, "Alert", report.info().alert());
        field(page, "Started", WhatHappenedHtml.TIME.format(report.info().startedAt()));
        field(page, "Ended", report.endedAt() == null ? "still open" : WhatHappenedHtml.TIME.format(report.endedAt()));
        field(page, "Duration", PhaseClock.format(report.duration()) + (report.endedAt() == null ? " so far" : ""));
        field(page, "Responders", String.join(", ", report.responders()));
        page.append("<tr><th>MTTR</th><td>").append(escape(ReportWords.mttr(report))).append("</td></tr>");
        page.append("<tr><th>Timeline</th><td").append(report.chain().contains("BROKEN") ? " class=\"fail\"" : "")
                .append(">").append(report.events().size()).append(" events, ").append(escape(report.chain()))
                .append("</td></tr>");
        page.append("</table>\n");

        IncidentReport.Impact impact = report.impact();
        page.append("<h2>Impact</h2>\n<table class=\"impact\">");
        field(page, "Severity", impact.severity());
        field(page, "Alerts", String.join(", ", impact.alerts()));
        impact.labels().forEach((name, values) -> field(page, name, String.join(", ", values)));
        field(page, "Nodes touched", String.join(", ", impact.nodes()));
        field(page, "Terminals used", String.join(", ", impact.terminals()));
        page.append("<tr><th>Who was affected</th><td class=\"meta\">(to be written by the responder)</td></tr>");
        page.append("</table>\n");

        WhatHappenedHtml.alerts(page, report.events());

        page.append("<h2>What happened</h2>\n");
        WhatHappenedHtml.rows(page, report.rows(), file -> null);

        page.append("<h2>Commands run</h2>\n");
        List<WhatHappened.Row> commands = report.commands();
        if (commands.isEmpty()) {
            page.append("<p>None.</p>\n");
        } else {
            page.append("<ol class=\"commands\">");
            for (WhatHappened.Row row : commands) {
                page.append("<li><span class=\"meta\">").append(WhatHappenedHtml.TIME.format(row.at())).append(" · ")
                        .append(escape(row.where())).append("</span><pre>").append(escape(row.what())).append("</pre></li>");
            }
            page.append("</ol>\n");
        }

        page.append("<h2>What took longest</h2>\n<ul class=\"longest\">");
        for (WhatHappened.Row row : report.longest(5)) {
            page.append("<li>").append(escape(WhatHappenedHtml.duration(row.durationMs()))).append(": <code>")
                    .append(escape(IncidentReport.firstLine(row.what()))).append("</code> on ")
                    .append(escape(row.where())).append("</li>");
        }
        if (report.quietest() != null && !report.quietest().length().isZero()) {
            page.append("<li>").append(escape(PhaseClock.format(report.quietest().length())))
                    .append(" with nothing recorded, from ").append(WhatHappenedHtml.TIME.format(report.quietest().from()))
                    .append(" to ").append(WhatHappenedHtml.TIME.format(report.quietest().to())).append("</li>");
        }
        page.append("</ul>\n");

        excerpts(page, "Errors", report.errors());
        excerpts(page, "Captures", report.captures());

        page.append("<h2>Notes</h2>\n").append(report.notes().isBlank() ? "<p>(none)</p>"
                : HandoffSummary.markdown(report.notes())).append('\n');
        page.append("<h2>Timeline</h2>\n");
        WhatHappenedHtml.events(page, report.events());
        page.append("</body></html>\n");
        return page.toString();
    }

    private static void excerpts(StringBuilder page, String title, List<IncidentReport.Excerpt> excerpts) {
        if (excerpts.isEmpty()) {
            return;
        }
        page.append("<h2>").append(title).append("</h2>\n");
        for (IncidentReport.Excerpt excerpt : excerpts) {
            page.append("<h3>").append(escape(excerpt.title())).append("</h3>\n<p class=\"meta\">")
                    .append(escape(excerpt.file())).append(excerpt.cut() ? ", first lines" : "").append("</p><pre>")
                    .append(escape(excerpt.text())).append("</pre>\n");
        }
    }

    private static void field(StringBuilder page, String name, String value) {
        page.append("<tr><th>").append(escape(name)).append("</th><td>")
                .append(value == null || value.isBlank() ? "—" : escape(value)).append("</td></tr>");
    }
}
