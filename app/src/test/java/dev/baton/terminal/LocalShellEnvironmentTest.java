package dev.baton.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a local shell inherits: the responder's environment, less what the launcher set for Baton's JVM alone. */
class LocalShellEnvironmentTest {
    @Test
    void variablesTheLauncherSetForTheWindowAloneDoNotReachTheShell(@TempDir Path dir) throws Exception {
        // HOME stands in for GDK_GL, which the launcher sets for the window's own drawing: any variable will do.
        assertThat(System.getenv("HOME")).isNotBlank();
        String before = System.getProperty(LocalShellSession.LAUNCHER_ONLY_ENV);
        System.setProperty(LocalShellSession.LAUNCHER_ONLY_ENV, "HOME");
        try {
            assertThat(printed(dir)).contains("home=unset path=set");
        } finally {
            if (before == null) {
                System.clearProperty(LocalShellSession.LAUNCHER_ONLY_ENV);
            } else {
                System.setProperty(LocalShellSession.LAUNCHER_ONLY_ENV, before);
            }
        }
    }

    @Test
    void withoutThePropertyTheShellInheritsEverything(@TempDir Path dir) throws Exception {
        assertThat(System.getProperty(LocalShellSession.LAUNCHER_ONLY_ENV)).isNull();
        assertThat(printed(dir)).contains("home=" + System.getenv("HOME") + " path=set");
    }

    private static String printed(Path dir) throws Exception {
        LocalShellSession session = LocalShellSession.start(
                List.of("/bin/sh", "-c", "echo \"home=${HOME-unset} path=${PATH:+set}\""), dir, "env");
        try {
            return new HeadlessTerminal(120, 32, 100).run(session.connector()).text();
        } finally {
            session.close();
        }
    }
}
