package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a SIGTERM saves: the shutdown hook writes the last snapshot the FX thread kept, without the FX thread. */
class LayoutSnapshotTest {
    private final Preferences layout = Preferences.userRoot().node("dev/baton/test-layout-snapshot");

    @AfterEach
    void forget() throws Exception {
        layout.removeNode();
    }

    @Test
    void theShutdownHookWritesTheSnapshotItWasGiven() throws Exception {
        LayoutSnapshot snapshot = new LayoutSnapshot();
        snapshot.putDouble("width", 1111);
        snapshot.putBoolean("maximized", false);
        snapshot.putDouble("split.main-split.0", 0.3);
        snapshot.put("runbook", "disk-full");
        layout.put("stale", "kept");

        Thread hook = snapshot.shutdownHook(layout);
        hook.start();
        hook.join(10_000);

        assertThat(layout.getDouble("width", 0)).isEqualTo(1111);
        assertThat(layout.getBoolean("maximized", true)).isFalse();
        assertThat(layout.getDouble("split.main-split.0", 0)).isEqualTo(0.3);
        assertThat(layout.get("runbook", null)).isEqualTo("disk-full");
        assertThat(layout.get("stale", null)).isEqualTo("kept");
    }

    @Test
    void noRunbookOpenForgetsTheOneSavedBefore() {
        layout.put("runbook", "old");
        LayoutSnapshot snapshot = new LayoutSnapshot();
        snapshot.put("runbook", null);
        snapshot.writeTo(layout);
        assertThat(layout.get("runbook", null)).isNull();
    }

    @Test
    void theQuestionNamesEverySessionAndTheNote() {
        assertThat(new CloseConfirmation(List.of("db01", "web02"), true).question())
                .contains("2 SSH sessions are open (db01, web02) and a note is not saved: close anyway?");
        assertThat(new CloseConfirmation(List.of("db01"), false).question())
                .contains("1 SSH session is open (db01): close anyway?");
        assertThat(new CloseConfirmation(List.of(), true).question()).contains("A note is not saved: close anyway?");
        assertThat(new CloseConfirmation(List.of(), false).question()).isEmpty();
    }

    /** SIGTERM (what a logout or systemd sends) runs the hook: the snapshot is on disk for the next start. */
    @Test
    void aJvmStoppedBySigtermSavesItsSnapshot() throws Exception {
        String node = "dev/baton/test-sigterm-" + ProcessHandle.current().pid();
        Process child = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-Djava.util.prefs.userRoot=" + System.getProperty("java.util.prefs.userRoot",
                        System.getProperty("user.home")), "-cp", System.getProperty("java.class.path"), SigtermChild.class.getName(), node)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("ready");
            child.destroy(); // SIGTERM on Linux and macOS
            assertThat(child.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).as("the child stopped").isTrue();
        } finally {
            child.destroyForcibly();
        }
        Preferences.userRoot().sync(); // read what the other JVM wrote
        Preferences saved = Preferences.userRoot().node(node);
        try {
            assertThat(saved.getDouble("width", 0)).isEqualTo(1234);
            assertThat(saved.get("runbook", null)).isEqualTo("disk-full.md");
        } finally {
            saved.removeNode();
            Preferences.userRoot().flush();
        }
    }
}
