package dev.baton.cli;

import dev.baton.runbook.AlertMapping;
import dev.baton.runbook.ChecklistItem;
import dev.baton.runbook.IndexEntry;
import dev.baton.runbook.Phase;
import dev.baton.runbook.Runbook;
import dev.baton.runbook.RunbookLibrary;
import dev.baton.runbook.RunbookLink;
import dev.baton.step.StepWarning;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The JSON shape of {@code baton inspect}: a stable contract for scripts, separate from the model. */
record InspectReport(List<RunbookJson> runbooks, List<ProblemJson> problems) {

    record RunbookJson(String path, String title, String severity, List<String> alerts, String owner, String mttr,
                       List<StepJson> steps, List<ChecklistJson> checklist, List<LinkJson> links,
                       List<AlertMapJson> alertMap, List<PhaseJson> phases, List<IndexJson> index) {}

    record StepJson(int number, int line, String section, String label, String language, String kind,
                    String command, boolean runnable, List<String> placeholders, List<String> warnings,
                    List<String> warningDetails) {}

    record ChecklistJson(String text, boolean checked, int line) {}

    record LinkJson(String target, boolean resolved, String kind, String runbook) {}

    record AlertMapJson(String alert, String severity, String target, String owner, String runbook) {}

    record PhaseJson(String name, String from, String to) {}

    record IndexJson(String title, String severity, String target) {}

    record ProblemJson(String path, int line, String message) {}

    static InspectReport of(RunbookLibrary library) {
        List<RunbookJson> runbooks = library.runbooks().stream().map(r -> runbook(library, r)).toList();
        List<ProblemJson> problems = new ArrayList<>();
        library.problems().forEach(p -> problems.add(new ProblemJson(p.path(), p.line(), p.message())));
        for (Runbook r : library.runbooks()) {
            r.notices().forEach(n -> problems.add(new ProblemJson(r.path(), n.line(), n.message())));
        }
        return new InspectReport(runbooks, problems);
    }

    private static RunbookJson runbook(RunbookLibrary library, Runbook r) {
        return new RunbookJson(r.id(), r.title(), library.severity(r).orElse(null), r.alerts(), r.owner(),
                iso(r.mttr()),
                r.steps().stream().map(s -> new StepJson(s.number(), s.line(), s.section(), s.label(), s.language(),
                        s.kind().name().toLowerCase(java.util.Locale.ROOT), s.command(), s.runnable(), s.placeholders(),
                        s.warnings().stream().map(w -> w.kind().jsonName()).distinct().toList(),
                        s.warnings().stream().map(StepWarning::detail).toList())).toList(),
                r.checklist().stream().map(InspectReport::checklist).toList(),
                r.links().stream().map(l -> link(library, r, l)).toList(),
                r.alertMap().stream().map(m -> alertMap(library, r, m)).toList(),
                r.phases().stream().map(InspectReport::phase).toList(),
                r.indexEntries().stream().map(InspectReport::index).toList());
    }

    private static ChecklistJson checklist(ChecklistItem item) {
        return new ChecklistJson(item.text(), item.checked(), item.line());
    }

    private static LinkJson link(RunbookLibrary library, Runbook from, RunbookLink link) {
        var target = library.resolve(from, link);
        return new LinkJson(link.target(), target.resolved(), target.kind().name().toLowerCase(java.util.Locale.ROOT),
                target.runbookId().isEmpty() ? null : target.runbookId());
    }

    private static AlertMapJson alertMap(RunbookLibrary library, Runbook index, AlertMapping m) {
        String runbook = library.mappedRunbook(index, m.target()).map(Runbook::id).orElse(null);
        return new AlertMapJson(m.alert(), m.severity(), m.target(), m.owner(), runbook);
    }

    private static PhaseJson phase(Phase p) {
        return new PhaseJson(p.name(), iso(p.from()), iso(p.to()));
    }

    private static IndexJson index(IndexEntry e) {
        return new IndexJson(e.title(), e.severity(), e.target());
    }

    private static String iso(Duration d) {
        return d == null ? null : d.toString();
    }
}
