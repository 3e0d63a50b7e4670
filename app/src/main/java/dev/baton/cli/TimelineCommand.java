package dev.baton.cli;

import dev.baton.incident.Timeline;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "timeline", description = "Work with an incident's timeline.",
        subcommands = TimelineCommand.Verify.class)
final class TimelineCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    @Command(name = "verify", description = {
        "Check that no event of a timeline was changed, removed or reordered: each line must carry the",
        "SHA-256 of the line before it. Prints the hash of the last line; compare it with one recorded",
        "earlier (a handoff) to show that nothing was cut from the end. Exit 0 when intact, 1 when not,",
        "2 when the file cannot be read."})
    static final class Verify implements Callable<Integer> {
        @Parameters(paramLabel = "PATH", description = "An incident folder or its timeline.jsonl.")
        Path path;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Path file = Files.isDirectory(path) ? path.resolve("timeline.jsonl") : path;
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Timeline.Verification result;
            try {
                result = Timeline.verify(file);
            } catch (IOException e) {
                // The JDK's message for a missing file is the path alone: said here in words.
                err.println("baton timeline verify: cannot read " + Printable.of(file) + ": "
                        + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : Printable.of(e.getMessage())));
                return 2;
            }
            for (String problem : result.problems()) {
                err.println(file + ": " + Printable.of(problem));
            }
            out.println(file + ": " + result.events() + " events, "
                    + (result.intact() ? "chain intact" : "chain BROKEN (" + result.problems().size() + " problems)"));
            out.println("last line sha256 " + result.headHash());
            return result.intact() ? 0 : 1;
        }
    }
}
