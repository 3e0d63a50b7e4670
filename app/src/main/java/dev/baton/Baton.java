package dev.baton;

import dev.baton.cli.BatonCommand;
import dev.baton.ui.BatonApp;

/** Entry point: {@code baton} opens the console window; {@code baton COMMAND …} is the command line. */
public final class Baton {
    private Baton() {
    }

    /** The version the jar was built as, for {@code --version} and for bundles' manifests. */
    public static String version() {
        String version = Baton.class.getPackage().getImplementationVersion();
        return version != null ? version : "development build";
    }

    public static void main(String[] args) {
        System.exit(BatonCommand.commandLine((BatonCommand.WindowOpener) BatonApp::launchWindow).execute(args));
    }
}
