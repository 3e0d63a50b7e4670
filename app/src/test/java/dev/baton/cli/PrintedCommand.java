package dev.baton.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;

/** What a command printed on System.out and System.err, where Baton's commands print, and its exit status. */
record PrintedCommand(int status, String out, String err) {

    /** {@code baton ARGS} as picocli reads them. */
    static PrintedCommand picocli(String... args) {
        return of(() -> BatonCommand.commandLine(folder -> { }).execute(args));
    }

    /** Runs {@code command} with both streams caught; they are given back however it ends. */
    static PrintedCommand of(IntSupplier command) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = command.getAsInt();
            return new PrintedCommand(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    /** The same with sshj's log lines (on stderr in the tests, each with a time and an object's hash) left out. */
    PrintedCommand withoutLogLines() {
        return new PrintedCommand(status, out, err.replaceAll("(?m)^[0-9:.]+ [A-Z]+ .*\n", ""));
    }
}
