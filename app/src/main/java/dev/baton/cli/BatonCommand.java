package dev.baton.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

// INHERIT: every subcommand answers --help (and --version) before checking its own parameters.
@Command(name = "baton",
        scope = CommandLine.ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = BatonVersion.class,
        description = "Responder console. With no command, opens the window; the commands serve scripts and runbook CI.")
public final class BatonCommand implements Runnable {
    /** The commands, in the order help lists them; in a class of their own, so a plain search loads no picocli class. */
    private static final class Commands {
        static final List<Class<?>> ALL = List.of(InspectCommand.class, LintCommand.class, SearchCommand.class,
                AlertCommand.class, AlertsCommand.class, OpenAlertCommand.class, RunCommand.class, TimelineCommand.class,
                IncidentCommand.class, HistoryCommand.class, BundleCommand.class, QueryCommand.class, SourcesCommand.class, CommandLine.HelpCommand.class);
    }

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

    /**
     * Runs the command line as the launcher does, printing to standard output and error: a plain {@code search} or
     * {@code alert} without building picocli's model (see {@link PlainCommandLine}), anything else through it.
     */
    public static int execute(WindowOpener openWindow, String... args) {
        Optional<PlainCommandLine.Invocation> plain = PlainCommandLine.parse(args);
        if (plain.isEmpty()) {
            return commandLine(openWindow, args).execute(args);
        }
        // As picocli writes them: in the console's encoding where Java knows it, else the platform's.
        String encoding = System.getProperty("sun.stdout.encoding");
        Charset charset = encoding != null && Charset.isSupported(encoding) ? Charset.forName(encoding) : Charset.defaultCharset();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, charset), true);
        String errEncoding = System.getProperty("sun.stderr.encoding");
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err,
                errEncoding != null && Charset.isSupported(errEncoding) ? Charset.forName(errEncoding) : Charset.defaultCharset()), true);
        try {
            return execute(plain.get(), out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Runs a plain command; a failure is answered as picocli's handler below answers it. */
    static int execute(PlainCommandLine.Invocation invocation, PrintWriter out, PrintWriter err) {
        try {
            return invocation.run(out, err);
        } catch (RuntimeException e) {
            err.println("baton: " + Printable.of(e.getMessage()));
            return 2;
        }
    }

    /** The command line; {@code openWindow} is called with the chosen folder (or null) when no command is given. */
    public static CommandLine commandLine(Consumer<Path> openWindow) {
        return commandLine((runbooks, inventories) -> openWindow.accept(runbooks));
    }

    /** The command line with every command; {@code openWindow} is called when no command is given. */
    public static CommandLine commandLine(WindowOpener openWindow) {
        return commandLine(openWindow, Commands.ALL);
    }

    /**
     * The command line for these arguments. When they start with a command's name, only that command is
     * built: picocli's model of every command (their options read by reflection, the classes they name
     * loaded) is most of a short command's start. Anything else (no command, an option, help, a typo)
     * gets every command, so help lists them all and a typo is answered as before.
     */
    public static CommandLine commandLine(WindowOpener openWindow, String... args) {
        if (args.length > 0) {
            for (Class<?> command : Commands.ALL) {
                if (command != CommandLine.HelpCommand.class && command.getAnnotation(Command.class).name().equals(args[0])) {
                    return commandLine(openWindow, List.of(command));
                }
            }
        }
        return commandLine(openWindow, Commands.ALL);
    }

    private static CommandLine commandLine(WindowOpener openWindow, List<Class<?>> commands) {
        CommandLine cl = new CommandLine(new BatonCommand(openWindow));
        for (Class<?> command : commands) {
            cl.addSubcommand(command);
        }
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("baton: " + Printable.of(e.getMessage()));
            return 2;
        });
        return cl;
    }
}
