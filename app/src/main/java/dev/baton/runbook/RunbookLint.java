package dev.baton.runbook;

import dev.baton.step.StepWarning;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What a runbook author should fix before a responder meets it at 3 a.m. */
final class RunbookLint {
    private final RunbookLibrary library;
    private final AlertIndex alerts;

    RunbookLint(RunbookLibrary library, AlertIndex alerts) {
        this.library = library;
        this.alerts = alerts;
    }

    List<LibraryProblem> problems() {
        Set<LibraryProblem> problems = new LinkedHashSet<>(library.problems());
        for (Runbook runbook : library.runbooks()) {
            for (Notice notice : runbook.notices()) {
                problems.add(new LibraryProblem(runbook.path(), notice.line(), notice.message()));
            }
            for (RunbookLink link : runbook.links()) {
                LinkTarget target = library.resolve(runbook, link);
                if (!target.resolved()) {
                    problems.add(new LibraryProblem(runbook.path(), link.line(),
                            "broken link [" + link.text() + "](" + link.target() + "): " + target.reason()));
                }
            }
            for (AlertMapping mapping : runbook.alertMap()) {
                if (mapping.target() != null && alerts.target(runbook, mapping.target()).isEmpty()) {
                    problems.add(new LibraryProblem(runbook.path(), mapping.line(), "alert " + mapping.alert()
                            + " maps to " + mapping.target() + ", which is not a runbook of this library"));
                }
            }
            for (Step step : runbook.steps()) {
                for (StepWarning warning : step.warnings()) {
                    if (warning.kind() == StepWarning.Kind.HIDDEN_UNICODE) {
                        problems.add(new LibraryProblem(runbook.path(), step.line(),
                                "step " + step.number() + " contains hidden Unicode: " + warning.detail()));
                    }
                }
            }
        }
        List<LibraryProblem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparing(LibraryProblem::path).thenComparingInt(LibraryProblem::line));
        return sorted;
    }
}
