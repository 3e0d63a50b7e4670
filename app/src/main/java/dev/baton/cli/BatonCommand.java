package dev.baton.cli;

import java.nio.file.Path;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "baton",
        mixinStandardHelpOptions = true,
        versionProvider = BatonVersion.class,
        description = "Responder console. With no command, opens the window; the commands serve scripts and runbook CI.",
        subcommands = {InspectCommand.class, LintCommand.class, SearchCommand.class, AlertCommand.class, RunCommand.class,
                CommandLine.HelpCommand.class})
public final class BatonCommand implements Runnable {
    @Option(names = "--runbooks", paramLabel = "DIR",
            description = "Open the window on this runbook folder (default: the runbooks Baton ships).")
    Path runbooks;

    private final Consumer<Path> openWindow;

    private BatonCommand(Consumer<Path> openWindow) {
        this.openWindow = openWindow;
    }

    @Override
    public void run() {
        openWindow.accept(runbooks);
    }

    /** The command line; {@code openWindow} is called with the chosen folder (or null) when no command is given. */
    public static CommandLine commandLine(Consumer<Path> openWindow) {
        CommandLine cl = new CommandLine(new BatonCommand(openWindow));
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("baton: " + e.getMessage());
            return 2;
        });
        return cl;
    }
}
