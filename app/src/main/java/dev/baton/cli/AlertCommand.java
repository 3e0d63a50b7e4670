package dev.baton.cli;

import dev.baton.runbook.AlertMatch;
import dev.baton.runbook.RunbookLibrary;
import dev.baton.runbook.SearchIndexCache;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "alert", description = "Find the runbook for an alert name; exit 1 when no runbook answers it.")
final class AlertCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "The alert name as the monitoring system sends it (case-insensitive).")
    String name;

    @Mixin
    LibraryOption libraryOption;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // From the index kept on disk: only the files changed since the last lookup or search are read.
        try (RunbookLibrary library = SearchIndexCache.ofUser().lookupLibrary(List.of(libraryOption.folder()))) {
            List<AlertMatch> matches = library.forAlert(name);
            PrintWriter out = spec.commandLine().getOut();
            for (AlertMatch match : matches) {
                String severity = match.severity() != null ? match.severity() : "-";
                String where = match.runbook()
                        .map(r -> Printable.of(match.location()) + "\t" + Printable.of(r.title()))
                        .orElse(Printable.of(match.target()) + "\t(not in this library; listed by "
                                + Printable.of(match.source()) + ")");
                out.println(Printable.of(match.alert()) + "\t" + Printable.of(severity) + "\t" + where);
            }
            if (matches.isEmpty()) {
                List<String> close = library.alertSuggestions(name, 3);
                spec.commandLine().getErr().println("baton: no runbook answers alert " + name
                        + (close.isEmpty() ? "" : "; did you mean " + String.join(", ", close) + "?"));
            }
            return matches.stream().anyMatch(m -> m.runbook().isPresent()) ? 0 : 1;
        }
    }
}
