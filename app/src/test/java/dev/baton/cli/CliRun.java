package dev.baton.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import picocli.CommandLine;

/** Runs the {@code baton} command line in-process, as the launcher runs it, and keeps what it printed. */
record CliRun(int exitCode, String out, String err) {
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // A plain search or alert without picocli, as BatonCommand.execute runs it.
        Optional<PlainCommandLine.Invocation> plain = PlainCommandLine.parse(args);
        if (plain.isPresent()) {
            int code = BatonCommand.execute(plain.get(), new PrintWriter(out, true), new PrintWriter(err, true));
            return new CliRun(code, out.toString(), err.toString());
        }
        return throughPicocli(args);
    }

    /** Through picocli's model whatever the arguments, built as the launcher builds it: only the command named. */
    static CliRun throughPicocli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = BatonCommand.commandLine((folder, inventories) -> {
            throw new AssertionError("a command line run must not open the window");
        }, args);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
