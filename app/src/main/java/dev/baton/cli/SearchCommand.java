package dev.baton.cli;

import dev.baton.runbook.SearchHit;
import dev.baton.runbook.SearchIndexCache;
import java.io.PrintWriter;
import java.nio.file.Path;
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
        return search(words, limit, libraryOption.folder(), spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** Prints the hits for {@code words} in {@code folder}; the exit code: 1 when nothing matches. */
    static int search(List<String> words, int limit, Path folder, PrintWriter out, PrintWriter err) {
        // Through the index kept on disk: a repeat search reads only the files changed since the last one.
        List<SearchHit> hits = SearchIndexCache.ofUser().search(List.of(folder), String.join(" ", words), limit);
        for (SearchHit hit : hits) {
            out.println(Printable.of(hit.id()) + "\t" + Printable.of(hit.title())
                    + (hit.snippet().isEmpty() ? "" : "\t" + Printable.of(hit.snippet())));
        }
        if (hits.isEmpty()) {
            err.println("baton search: no runbook matches " + Printable.of(String.join(" ", words)));
        }
        return hits.isEmpty() ? 1 : 0;
    }
}
