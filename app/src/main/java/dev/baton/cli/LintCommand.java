package dev.baton.cli;

import dev.baton.runbook.LibraryProblem;
import dev.baton.runbook.RunbookLibrary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "lint", description = "Report runbook problems as path:line: message; exit 1 when there are any.")
final class LintCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Runbook files or folders (read recursively).")
    List<Path> paths;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (RunbookLibrary library = RunbookLibrary.load(paths)) {
            List<LibraryProblem> problems = library.lint();
            PrintWriter out = spec.commandLine().getOut();
            problems.forEach(p -> out.println(Printable.of(p.format())));
            spec.commandLine().getErr().printf("%d runbook(s) checked, %d problem(s)%n",
                    library.runbooks().size(), problems.size());
            return problems.isEmpty() ? 0 : 1;
        }
    }
}
