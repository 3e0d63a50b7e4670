package dev.baton.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

// INHERIT: every subcommand answers --help (and --version) before checking its own parameters.
@Command(name = "baton",
        scope = CommandLine.ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = BatonVersion.class,
        description = "Responder console. With no command, opens the window; the commands serve scripts and runbook CI.",
        subcommands = {InspectCommand.class, LintCommand.class, SearchCommand.class, AlertCommand.class, AlertsCommand.class,
                OpenAlertCommand.class, RunCommand.class,
                TimelineCommand.class, BundleCommand.class, QueryCommand.class,
                CommandLine.HelpCommand.class})
public final class BatonCommand implements Runnable {
    @Option(names = "--runbooks", paramLabel = "DIR",
            description = "Open the window on this runbook folder (default: the runbooks Baton ships).")
    Path runbooks;

    @Option(names = "--inventory", paramLabel = "FILE",
            description = "ssh config or Ansible inventory (INI or YAML) for the nodes pane; repeatable "
                    + "(default: ~/.ssh/config).")
    List<Path> inventories = new ArrayList<>();

    /** Opens the window on a runbook folder (null: the shipped one) and inventories (empty: the default). */
    @FunctionalInterface
    public interface WindowOpener {
        void open(Path runbooks, List<Path> inventories);
    }

    private final WindowOpener openWindow;

    private BatonCommand(WindowOpener openWindow) {
        this.openWindow = openWindow;
    }

    @Override
    public void run() {
        openWindow.open(runbooks, inventories);
    }

    /** The command line; {@code openWindow} is called with the chosen folder (or null) when no command is given. */
    public static CommandLine commandLine(Consumer<Path> openWindow) {
        return commandLine((runbooks, inventories) -> openWindow.accept(runbooks));
    }

    /** The command line; {@code openWindow} is called when no command is given. */
    public static CommandLine commandLine(WindowOpener openWindow) {
        CommandLine cl = new CommandLine(new BatonCommand(openWindow));
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("baton: " + Printable.of(e.getMessage()));
            return 2;
        });
        return cl;
    }
}
