package dev.baton.handoff;

import dev.baton.incident.PhaseClock;
import java.time.Duration;

/** Sentences both forms of the incident report say alike. */
final class ReportWords {
    private ReportWords() {}

    /** "42:10 against the target of 30:00 (Disk full): 12:10 over", or why there is nothing to compare. */
    static String mttr(IncidentReport report) {
        String took = PhaseClock.format(report.duration()) + (report.endedAt() == null ? " so far" : "");
        if (report.mttr().isEmpty()) {
            return took + " (no runbook used has an MTTR target)";
        }
        IncidentReport.Mttr mttr = report.mttr().get();
        Duration over = mttr.over(report.duration());
        return took + " against the target of " + PhaseClock.format(mttr.target()) + " (" + mttr.runbook() + "): "
                + (over.isNegative() ? PhaseClock.format(over.negated()) + " under" : over.isZero() ? "on target"
                        : PhaseClock.format(over) + " over");
    }
}
