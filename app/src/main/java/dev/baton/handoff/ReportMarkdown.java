package dev.baton.handoff;

import dev.baton.incident.EventWords;
import dev.baton.incident.PhaseClock;
import dev.baton.incident.TimelineEvent;
import dev.baton.incident.WhatHappened;
import java.util.List;

/**
 * The incident report as Markdown that renders alike on GitHub and GitLab (CommonMark with GFM tables).
 * Incident text is untrusted (alert labels, outputs, notes from anyone): in text and table cells every
 * ASCII punctuation character that Markdown or HTML gives a meaning is escaped, so nothing becomes a link,
 * an image, HTML or a new table cell; output goes into fenced blocks whose fence is longer than any run of
 * backticks inside. The responder's notes are quoted as text for the same reason.
 */
public final class ReportMarkdown {
    private static final String PUNCTUATION = "\\`*_{}[]()#+-.!|~>$:@";

    private ReportMarkdown() {}

    public static String of(IncidentReport report) {
        StringBuilder md = new StringBuilder(16384);
        md.append("# ").append(text(report.info().title())).append("\n\n");
        md.append("_Post-incident report draft, written by Baton ").append(time(report.generatedAt())).append('_');
        if (report.redactions() > 0) {
            md.append(" · ").append(report.redactions()).append(report.redactions() == 1 ? " secret" : " secrets")
                    .append(" redacted");
        }
        md.append("\n\n## Summary\n\n| | |\n|---|---|\n");
        row(md, "Severity", report.info().severity());
        row(md, "Alert", report.info().alert());
        row(md, "Started", time(report.info().startedAt()));
        row(md, "Ended", report.endedAt() == null ? "still open" : time(report.endedAt()));
        row(md, "Duration", PhaseClock.format(report.duration()) + (report.endedAt() == null ? " so far" : ""));
        row(md, "Responders", String.join(", ", report.responders()));
        row(md, "MTTR", ReportWords.mttr(report));
        row(md, "Timeline", report.events().size() + " events, " + report.chain());

        IncidentReport.Impact impact = report.impact();
        md.append("\n## Impact\n\n| | |\n|---|---|\n");
        row(md, "Severity", impact.severity());
        row(md, "Alerts", String.join(", ", impact.alerts()));
        impact.labels().forEach((name, values) -> row(md, name, String.join(", ", values)));
        row(md, "Nodes touched", String.join(", ", impact.nodes()));
        row(md, "Terminals used", String.join(", ", impact.terminals()));
        md.append("\nWho was affected, and how: _to be written by the responder._\n");

        md.append("\n## What happened\n\n| When | What | Where | Result | Who |\n|---|---|---|---|---|\n");
        for (WhatHappened.Row row : report.rows()) {
            StringBuilder result = new StringBuilder();
            if (row.groups().size() > 1 || row.groups().size() == 1 && row.groups().get(0).nodes().size() > 1) {
                for (WhatHappened.Group group : row.groups()) {
                    result.append(result.isEmpty() ? "" : "; ").append(group.failed() ? "**FAILED** " : "")
                            .append(text(group.outcome() + " on " + group.nodes().size() + " ("
                                    + String.join(", ", group.nodes()) + ")"));
                }
            } else {
                result.append(row.failed() ? "**FAILED** " : "").append(text(row.result()
                        + (row.durationMs() >= 0 ? " in " + WhatHappenedHtml.duration(row.durationMs()) : "")));
            }
            md.append("| ").append(time(row.at())).append(" | ").append(cell(row.what())).append(" | ")
                    .append(cell(row.where())).append(" | ").append(result).append(" | ").append(cell(row.by()))
                    .append(" |\n");
        }

        md.append("\n## Commands run\n\n");
        List<WhatHappened.Row> commands = report.commands();
        if (commands.isEmpty()) {
            md.append("None.\n");
        }
        for (WhatHappened.Row row : commands) {
            md.append(time(row.at())).append(" · ").append(text(row.where())).append("\n\n").append(fenced(row.what(), "sh"))
                    .append('\n');
        }

        md.append("\n## What took longest\n\n");
        for (WhatHappened.Row row : report.longest(5)) {
            md.append("- ").append(text(WhatHappenedHtml.duration(row.durationMs()) + ": "
                    + IncidentReport.firstLine(row.what()) + " on " + row.where())).append('\n');
        }
        if (report.quietest() != null && !report.quietest().length().isZero()) {
            md.append("- ").append(text(PhaseClock.format(report.quietest().length()) + " with nothing recorded, from "
                    + time(report.quietest().from()) + " to " + time(report.quietest().to()))).append('\n');
        }

        excerpts(md, "Errors", report.errors());
        excerpts(md, "Captures", report.captures());

        md.append("\n## Notes\n\n").append(report.notes().isBlank() ? "(none)\n" : fenced(report.notes(), "markdown"));

        md.append("\n## Timeline\n\n| # | When | What | Who |\n|---|---|---|---|\n");
        for (TimelineEvent event : report.events()) {
            md.append("| ").append(event.seq()).append(" | ").append(time(event.time())).append(" | ")
                    .append(cell(EventWords.describe(event))).append(" | ").append(cell(event.text("by"))).append(" |\n");
        }
        return md.toString();
    }

    private static void excerpts(StringBuilder md, String title, List<IncidentReport.Excerpt> excerpts) {
        if (excerpts.isEmpty()) {
            return;
        }
        md.append("\n## ").append(title).append("\n\n");
        for (IncidentReport.Excerpt excerpt : excerpts) {
            md.append("### ").append(text(excerpt.title())).append("\n\n_").append(text(excerpt.file()
                    + (excerpt.cut() ? ", first lines" : ""))).append("_\n\n").append(fenced(excerpt.text(), "text"))
                    .append('\n');
        }
    }

    private static void row(StringBuilder md, String name, String value) {
        md.append("| **").append(text(name)).append("** | ").append(value == null || value.isBlank() ? "—" : cell(value))
                .append(" |\n");
    }

    private static String time(java.time.Instant at) {
        return WhatHappenedHtml.TIME.format(at);
    }

    /** Untrusted text for a table cell: one line, escaped. */
    static String cell(String value) {
        return text(value == null ? "" : value.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' '));
    }

    /**
     * Untrusted text as Markdown inline text: ASCII punctuation backslash-escaped (CommonMark lets any be),
     * {@code <} and {@code &} as entities, line breaks and other control characters as spaces, so the text
     * stays one paragraph or cell that means nothing but itself.
     */
    static String text(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (char c : value.toCharArray()) {
            if (c == '<') {
                out.append("&lt;");
            } else if (c == '&') {
                out.append("&amp;");
            } else if (PUNCTUATION.indexOf(c) >= 0) {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0 || c == '\u2028' || c == '\u2029') {
                out.append(' ');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Text in a fenced code block that nothing inside can close: the fence is longer than any backtick run. */
    static String fenced(String value, String language) {
        String body = value.replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder clean = new StringBuilder(body.length());
        int longest = 0;
        int run = 0;
        for (char c : body.toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
            clean.append(c == '\n' || c == '\t' || c >= 0x20 && c != 0x7f && (c < 0x80 || c >= 0xa0) ? c : ' ');
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        String text = clean.toString();
        return fence + language + "\n" + text + (text.endsWith("\n") ? "" : "\n") + fence + "\n";
    }
}
