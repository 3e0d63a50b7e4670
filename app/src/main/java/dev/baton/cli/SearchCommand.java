package dev.baton.cli;

import dev.baton.runbook.SearchHit;
import dev.baton.runbook.SearchIndexCache;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "search", description = "Full-text search of the runbooks, best match first; exit 1 when nothing matches.")
final class SearchCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "QUERY", description = "Words to look for; the last may be a prefix.")
    List<String> words;

    @Option(names = {"-n", "--limit"}, defaultValue = "10", description = "Most results to print (default ${DEFAULT-VALUE}).")
    int limit;

    @Mixin
    LibraryOption libraryOption;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // Through the index kept on disk: a repeat search reads only the files changed since the last one.
        List<SearchHit> hits = SearchIndexCache.ofUser().search(List.of(libraryOption.folder()),
                String.join(" ", words), limit);
        PrintWriter out = spec.commandLine().getOut();
        for (SearchHit hit : hits) {
            out.println(Printable.of(hit.id()) + "\t" + Printable.of(hit.title())
                    + (hit.snippet().isEmpty() ? "" : "\t" + Printable.of(hit.snippet())));
        }
        if (hits.isEmpty()) {
            spec.commandLine().getErr().println("baton search: no runbook matches "
                    + Printable.of(String.join(" ", words)));
        }
        return hits.isEmpty() ? 1 : 0;
    }
}
