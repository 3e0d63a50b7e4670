package dev.baton.cli;

import dev.baton.runbook.RunbookLibrary;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "inspect", description = "Print what Baton reads from runbooks: metadata, steps, checklists, links, alert tables.")
final class InspectCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Runbook files or folders (read recursively).")
    List<Path> paths;

    @Option(names = "--json", description = "JSON output (the only format for now; kept for scripts that pass it).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (RunbookLibrary library = RunbookLibrary.load(paths)) {
            spec.commandLine().getOut().println(Printable.json(InspectReport.of(library)));
        }
        return 0;
    }
}
