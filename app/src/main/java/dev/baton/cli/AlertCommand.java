package dev.baton.cli;

import dev.baton.runbook.AlertMatch;
import dev.baton.runbook.RunbookLibrary;
import dev.baton.runbook.SearchIndexCache;
import dev.baton.sources.RunbookUrlConfig;
import dev.baton.sources.SourcesConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "alert", description = "Find the runbook for an alert name; exit 1 when no runbook answers it.")
final class AlertCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", arity = "0..1",
            description = "The alert name as the monitoring system sends it (case-insensitive).")
    String name;

    @picocli.CommandLine.Option(names = "--url", paramLabel = "URL", description = "The alert's runbook_url: "
            + "looked up first through runbook_urls in your config.yaml, then NAME is.")
    String url;

    @Mixin
    LibraryOption libraryOption;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return lookUp(name, url, libraryOption.folder(), spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** Prints the runbooks that answer the alert {@code name} or its {@code url}; the exit code: 1 when none does. */
    static int lookUp(String name, String url, Path folder, PrintWriter out, PrintWriter err) {
        if (name == null && url == null) {
            err.println("baton: give an alert NAME, or --url with its runbook_url");
            return 2;
        }
        // From the index kept on disk: only the files changed since the last lookup or search are read, and of the
        // rest only the runbooks that can answer the alert; the whole library only for --url and for names none answers.
        if (url == null) {
            Optional<List<AlertMatch>> answered = SearchIndexCache.ofUser().forAlert(List.of(folder), name);
            if (answered.isPresent()) {
                print(answered.get(), out);
                return answered.get().stream().anyMatch(m -> m.runbook().isPresent()) ? 0 : 1;
            }
        }
        try (RunbookLibrary library = SearchIndexCache.ofUser().lookupLibrary(List.of(folder))) {
            List<AlertMatch> matches = List.of();
            if (url != null) {
                RunbookUrlConfig config = RunbookUrlConfig.load(System.getenv());
                config.problems().forEach(p -> err.println("baton: " + Printable.of(p)));
                matches = library.forRunbookUrl(name == null ? "" : name, url, config.mappings()).stream().toList();
                if (matches.isEmpty()) {
                    err.println("baton: " + Printable.of(url) + (config.mappings().stream()
                            .anyMatch(m -> url.toLowerCase(java.util.Locale.ROOT).startsWith(
                                    m.prefix().toLowerCase(java.util.Locale.ROOT)))
                            ? " maps to no runbook in this library" : " starts with no prefix under runbook_urls in "
                            + SourcesConfig.userFile(System.getenv())));
                }
            }
            if (matches.isEmpty() && name != null) {
                matches = library.forAlert(name);
            }
            print(matches, out);
            if (matches.isEmpty() && name != null) {
                List<String> close = library.alertSuggestions(name, 3);
                err.println("baton: no runbook answers alert " + name
                        + (close.isEmpty() ? "" : "; did you mean " + String.join(", ", close) + "?"));
            }
            return matches.stream().anyMatch(m -> m.runbook().isPresent()) ? 0 : 1;
        }
    }

    private static void print(List<AlertMatch> matches, PrintWriter out) {
        for (AlertMatch match : matches) {
            String severity = match.severity() != null ? match.severity() : "-";
            String where = match.runbook()
                    .map(r -> Printable.of(match.location()) + "\t" + Printable.of(r.title()))
                    .orElse(Printable.of(match.target()) + "\t(not in this library; listed by "
                            + Printable.of(match.source()) + ")");
            out.println(Printable.of(match.alert().isEmpty() ? "-" : match.alert()) + "\t" + Printable.of(severity) + "\t" + where);
        }
    }
}
