package dev.baton.cli;

import dev.baton.ssh.HostKeyCheck;
import dev.baton.ssh.HostKeyDecision;
import dev.baton.ssh.SshPrompts;
import java.io.Console;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The questions of a connection asked on the terminal Baton runs in, as {@code ssh} asks them. With
 * no terminal (a script, a pipe) nothing can be answered: unknown host keys are refused and no
 * secret is tried.
 */
final class ConsolePrompts implements SshPrompts {
    private final Console console = System.console();
    private final PrintStream err;

    ConsolePrompts(PrintStream err) {
        this.err = err;
    }

    @Override
    public HostKeyDecision unknownHostKey(HostKeyCheck check) {
        err.println(Printable.lines(check.describe()));
        if (console == null) {
            err.println("baton run: no terminal to ask whether to trust this key; connect once interactively "
                    + "(or with ssh) to add it to " + check.knownHostsFile());
            return HostKeyDecision.REJECT;
        }
        String answer = console.readLine("Are you sure you want to continue connecting (yes/once/no)? ");
        return switch (answer == null ? "" : answer.strip().toLowerCase(Locale.ROOT)) {
            case "yes" -> HostKeyDecision.ACCEPT_AND_SAVE;
            case "once" -> HostKeyDecision.ACCEPT_ONCE;
            default -> HostKeyDecision.REJECT;
        };
    }

    @Override
    public Optional<char[]> passphrase(Path keyFile) {
        return secret("Enter passphrase for key '" + Printable.of(keyFile) + "': ");
    }

    @Override
    public Optional<char[]> password(String user, String host) {
        return secret(Printable.of(user) + "@" + Printable.of(host) + "'s password: ");
    }

    @Override
    public Optional<char[]> keyboardInteractive(String host, String instruction, String question, boolean echo) {
        if (console == null) {
            return Optional.empty();
        }
        if (!instruction.isBlank()) {
            // The server's words: shown, never obeyed.
            err.println(Printable.lines(instruction));
        }
        if (echo) {
            return Optional.ofNullable(console.readLine("%s", Printable.of(question))).map(String::toCharArray);
        }
        return secret(Printable.of(question));
    }

    /** Asks the responder to type the node's name before a flagged step runs on it. */
    boolean confirmNode(String node) {
        if (console == null) {
            return false;
        }
        String typed = console.readLine("Type the node name (%s) to run it there: ", Printable.of(node));
        return typed != null && typed.strip().equals(node);
    }

    private Optional<char[]> secret(String prompt) {
        if (console == null) {
            return Optional.empty();
        }
        char[] typed = console.readPassword("%s", prompt);
        return typed == null || typed.length == 0 ? Optional.empty() : Optional.of(typed);
    }
}
