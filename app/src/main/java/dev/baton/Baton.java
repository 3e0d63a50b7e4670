package dev.baton;

import dev.baton.cli.BatonCommand;
import dev.baton.cli.RunArchiveTraining;
import dev.baton.ui.BatonApp;
import dev.baton.ui.SoftwareRendering;
import java.nio.file.Path;
import java.util.List;

/** Entry point: {@code baton} opens the console window; {@code baton COMMAND …} is the command line. */
public final class Baton {
    private Baton() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            // First: on a machine without a GPU, JNA starts beside the logging, for the window's drawing in software.
            SoftwareRendering.prepare();
            // How users start Baton: the window with its defaults, without first building picocli's model of
            // every command (a tenth of a cold start).
            BatonApp.launchWindow(null, List.of());
            System.exit(0);
        }
        if (args[0].equals("run") && System.getProperty("baton.training.runbooks") != null) {
            RunArchiveTraining.main(args); // the launcher's first run after a build: it writes run's class-data archive
        }
        System.exit(BatonCommand.execute(new WindowFromCommandLine(), args));
    }

    /**
     * A class, not BatonApp::launchWindow: a method reference links BatonApp, and verifying it loads a dozen JavaFX
     * classes that a command never uses. Nor a lambda: its class is spun at every start (the commands' class-data
     * archive is trained without this class), a few milliseconds of a repeat search.
     */
    private static final class WindowFromCommandLine implements BatonCommand.WindowOpener {
        @Override
        public void open(Path runbooks, List<Path> inventories) {
            BatonApp.launchWindow(runbooks, inventories);
        }
    }
}
