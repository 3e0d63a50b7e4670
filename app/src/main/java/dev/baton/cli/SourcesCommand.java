package dev.baton.cli;

import dev.baton.sources.FolderApprovals;
import dev.baton.sources.FolderSecrets;
import dev.baton.sources.SourcesConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "sources", description = "Data sources: approve a runbook folder's baton.yaml to read the secrets it names.",
        subcommands = SourcesCommand.Approve.class)
final class SourcesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    @Command(name = "approve", description = {
            "Let the baton.yaml of a runbook folder read the secrets it names (environment variables, files) for its "
                    + "sources. Prints what is approved. The approval is kept beside your config.yaml, for this "
                    + "folder and exactly this file: a changed file asks again."})
    static final class Approve implements Callable<Integer> {
        @Parameters(paramLabel = "DIR", description = "The runbook folder holding baton.yaml.")
        Path folder;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (!Files.isRegularFile(folder.resolve(SourcesConfig.FOLDER_FILE))) {
                err.println("baton sources approve: " + Printable.of(folder.resolve(SourcesConfig.FOLDER_FILE))
                        + " does not exist");
                return 1;
            }
            Optional<FolderSecrets> asks = SourcesConfig.load(System.getenv(), folder).unapproved();
            if (asks.isEmpty()) {
                out.println(Printable.of(folder.resolve(SourcesConfig.FOLDER_FILE)) + " reads no secret that waits for "
                        + "approval; nothing to do.");
                return 0;
            }
            FolderApprovals.of(System.getenv()).approve(asks.get().folder(), asks.get().content());
            out.println(Printable.lines(asks.get().describe()));
            out.println("Approved: these sources will read these secrets until the file changes.");
            return 0;
        }
    }
}
