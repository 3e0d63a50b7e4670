package dev.baton.ui;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * A real console window per test, on the runbook folder the test names, closed after it. TestFX
 * looks for @Start only in the test class itself, so the window is set up here in @BeforeEach.
 */
@ExtendWith(ApplicationExtension.class)
abstract class ConsoleTest {
    protected BatonApp app;
    protected ConsoleFixture fx;

    protected abstract Path runbooks();

    /** Called on the FX thread once the window is up. */
    protected void started() {
    }

    /** This test's own data folder: incidents a test starts are not resumed by the next one. */
    protected Path dataFolder;
    private String previousData;
    private javafx.stage.Stage stage;

    @BeforeEach
    void openWindow() throws Exception {
        previousData = System.getProperty("baton.data");
        dataFolder = java.nio.file.Files.createTempDirectory("baton-data");
        System.setProperty("baton.data", dataFolder.toString());
        // Every test starts from Baton's own layout: closing a window saves its layout, which would
        // otherwise carry one class's moved dividers or small window into the next.
        ConsoleWindow.layoutPreferences().clear();
        ConsoleWindow.layoutPreferences().flush();
        stage = FxToolkit.registerPrimaryStage();
        loadWebKitOnce();
        ConsoleFixture.onFx(() -> {
            app = new BatonApp(runbooks());
            app.start(stage);
            fx = new ConsoleFixture(app);
            started();
            return null;
        });
    }

    private static boolean webKitLoaded;

    /**
     * The window starts WebKit with the first runbook it shows, and the first WebView of a JVM also loads
     * WebKit's native library: on a loaded 2-core machine that took longer than a test waits for a page.
     * Loaded here once per JVM, outside any test's wait; each window still creates its own WebView.
     */
    private static void loadWebKitOnce() throws Exception {
        if (!webKitLoaded) {
            java.util.concurrent.CompletableFuture<Object> loaded = new java.util.concurrent.CompletableFuture<>();
            javafx.application.Platform.runLater(() -> {
                try {
                    loaded.complete(new javafx.scene.web.WebView());
                } catch (RuntimeException | Error e) {
                    loaded.completeExceptionally(e);
                }
            });
            loaded.get(120, java.util.concurrent.TimeUnit.SECONDS);
            webKitLoaded = true;
        }
    }

    @AfterEach
    void closeWindow() throws Exception {
        DialogButtons.closeLeftovers(stage);
        ConsoleFixture.onFx(() -> {
            app.stop();
            return null;
        });
        if (previousData != null) {
            System.setProperty("baton.data", previousData);
        }
        deleteQuietly(dataFolder);
    }

    /** Removes a test's temporary folder; one left behind (a file still being written) is harmless. */
    protected static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = java.nio.file.Files.walk(folder)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            // best effort
        }
    }
}
