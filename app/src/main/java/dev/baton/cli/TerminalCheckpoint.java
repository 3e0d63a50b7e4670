package dev.baton.cli;

import dev.baton.session.FanOut;
import dev.baton.session.NodeOutcome;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * After the canary, the terminal shows how it ended and asks whether the rest run: "yes" continues, anything else
 * (or no terminal, or end of input) stops.
 */
final class TerminalCheckpoint implements FanOut.Checkpoint {
    private final PrintStream err;

    TerminalCheckpoint(PrintStream err) {
        this.err = err;
    }

    @Override
    public CompletableFuture<Boolean> proceed(FanOut.CanaryDone done) {
        NodeOutcome canary = done.canary();
        err.println("baton run: canary " + Printable.of(canary.name()) + ": " + canary.status().label()
                + (canary.exit() == null ? "" : " (exit " + canary.exit() + ")")
                + (canary.firstLine().isEmpty() && canary.reason().isEmpty() ? ""
                        : ": " + Printable.of(canary.firstLine().isEmpty() ? canary.reason() : canary.firstLine())));
        err.print("baton run: continue on " + done.remaining() + " more? Type yes to continue, anything else stops: ");
        err.flush();
        String answer;
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            answer = in.readLine();
        } catch (IOException e) {
            answer = null;
        }
        boolean yes = answer != null && answer.strip().toLowerCase(Locale.ROOT).equals("yes");
        if (!yes) {
            err.println("baton run: stopped after the canary");
        }
        return CompletableFuture.completedFuture(yes);
    }
}
