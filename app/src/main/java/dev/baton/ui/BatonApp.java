package dev.baton.ui;

import dev.baton.inventory.Inventory;
import dev.baton.incident.IncidentStore;
import dev.baton.inventory.InventoryLoader;
import dev.baton.session.IncidentSession;
import java.util.List;
import javafx.application.Platform;

import dev.baton.runbook.RunbookLibrary;
import dev.baton.runbook.SearchIndexCache;
import dev.baton.runbook.ShippedRunbooks;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.concurrent.Task;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the console window; the library loads and the first terminal opens off the FX thread. */
public final class BatonApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(BatonApp.class);

    private final ExecutorService background = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "baton-background");
        thread.setDaemon(true);
        return thread;
    });
    private final Path runbooks;
    private ConsoleWindow console;
    private IncidentSession session;
    private Thread saveOnSignal;

    /** For Application.launch: the folder comes from --runbooks or the shipped default. */
    public BatonApp() {
        this(null);
    }

    /** A window on a given runbook folder (tests, embedding). */
    public BatonApp(Path runbooks) {
        this.runbooks = runbooks;
    }

    /** Opens the window and returns when it is closed; {@code runbooks} null means the shipped folder. */
    public static void launchWindow(Path runbooks, List<Path> inventories) {
        List<String> args = new java.util.ArrayList<>();
        if (runbooks != null) {
            args.add("--runbooks=" + runbooks);
        }
        if (!inventories.isEmpty()) {
            args.add("--inventory=" + String.join(java.io.File.pathSeparator,
                    inventories.stream().map(Path::toString).toList()));
        }
        SoftwareRendering.chooseForThisMachine(); // before the toolkit starts GTK, which reads GDK_GL once
        Application.launch(BatonApp.class, args.toArray(String[]::new));
    }

    @Override
    public void start(Stage stage) {
        ConsoleWindow.useSavedTheme();
        IncidentStore store = new IncidentStore(IncidentStore.defaultDataDirectory());
        session = new IncidentSession(store, IncidentStore.defaultResponder());
        console = new ConsoleWindow(background, session,
                BatonSettings.ssh(), dev.baton.ssh.OutputSpool.defaultDirectory(), url -> {
                    if (getHostServices() != null) {
                        getHostServices().showDocument(url);
                    }
                });
        Thread.setDefaultUncaughtExceptionHandler(console.errors());
        WindowPlacement placement = new WindowPlacement(ConsoleWindow.layoutPreferences());
        Scene scene = new Scene(console, placement.width(), placement.height());
        scene.getStylesheets().add(BatonApp.class.getResource("baton.css").toExternalForm());
        stage.setTitle("Baton");
        stage.setScene(scene);
        placement.restore(stage);
        // The snapshot follows the window as it moves, so a SIGTERM saves where it was.
        javafx.beans.InvalidationListener follow = o -> placement.remember(stage, console.snapshot());
        stage.xProperty().addListener(follow);
        stage.yProperty().addListener(follow);
        stage.widthProperty().addListener(follow);
        stage.heightProperty().addListener(follow);
        stage.maximizedProperty().addListener(follow);
        saveOnSignal = console.snapshot().shutdownHook(ConsoleWindow.layoutPreferences());
        Runtime.getRuntime().addShutdownHook(saveOnSignal);
        // The window manager's close asks first when SSH sessions or a note would be lost.
        stage.setOnCloseRequest(e -> {
            if (!console.mayClose()) {
                e.consume();
            }
        });
        stage.setOnHidden(e -> {
            placement.remember(stage, console.snapshot());
            console.close();
        });
        stage.show();
        LOG.info("main window shown {} ms after JVM start", ManagementFactory.getRuntimeMXBean().getUptime());
        // The rest of the window waits for the first frame: on a machine without a GPU the renderer paints
        // it in software, and on two cores a library load, a login shell and WebKit starting beside it
        // kept the window blank for a further half second.
        afterFirstFrame(scene, console::addDeferredPanes, this::fillWindow);
    }

    private void fillWindow() {
        if (background.isShutdown()) {
            return; // the window was closed before its first frame was painted
        }
        Path folder = runbookFolder();
        Task<RunbookLibrary> load = new Task<>() {
            @Override
            protected RunbookLibrary call() {
                long start = System.nanoTime();
                // From the index on disk: a library opened before is not read again, only its changed files.
                RunbookLibrary loaded = SearchIndexCache.ofUser().library(List.of(folder));
                if (loaded.searchReady()) {
                    loaded.search("warm", 1); // the search code is loaded before the first keystroke
                } // else the index, written after, loads it
                LOG.info("library of {} runbooks opened in {} ms", loaded.runbooks().size(), (System.nanoTime() - start) / 1_000_000);
                return loaded;
            }
        };
        load.setOnSucceeded(e -> {
            if (background.isShutdown()) {
                return; // the window was closed while the library loaded
            }
            RunbookLibrary loaded = load.getValue();
            int problems = loaded.problems().size();
            console.setLibrary(loaded, loaded.runbooks().size() + " runbooks from " + folder.toAbsolutePath().normalize()
                    + (problems == 0 ? "" : " — " + problems + " file(s) could not be read"));
        });
        load.setOnFailed(e -> {
            LOG.error("Could not load runbooks from {}", folder, load.getException());
            console.setStatus("Could not load runbooks from " + folder + ": " + load.getException().getMessage());
        });
        background.submit(load);
        background.execute(dev.baton.ssh.SshConnector::prepare);
        console.terminals().openLocalShell();
        console.resumeIncident();
        List<Path> inventories = inventoryFiles();
        background.execute(() -> {
            // Engines the responder's config.yaml sets per group; the runbook folder's baton.yaml may not.
            Inventory inventory = dev.baton.session.EngineDefaults.apply(InventoryLoader.load(inventories),
                    System.getenv(), folder);
            Platform.runLater(() -> console.setInventory(inventory));
        });
    }

    /**
     * Runs {@code laidOut} once the scene's first frame has been laid out and handed to the renderer, then
     * {@code painted} once the renderer has drawn it: the pulse that lays out what {@code laidOut} changed
     * waits for the previous frame before it hands over its own.
     */
    private static void afterFirstFrame(Scene scene, Runnable laidOut, Runnable painted) {
        Runnable pulses = new Runnable() {
            private boolean first = true;

            @Override
            public void run() {
                if (first) {
                    first = false;
                    LOG.info("first frame laid out {} ms after JVM start", ManagementFactory.getRuntimeMXBean().getUptime());
                    Platform.runLater(laidOut);
                    Platform.requestNextPulse();
                    return;
                }
                scene.removePostLayoutPulseListener(this);
                Platform.runLater(painted);
            }
        };
        scene.addPostLayoutPulseListener(pulses);
    }

    /** The application layer the window calls: what a test checks the record against. */
    public IncidentSession session() {
        return session;
    }

    /** The window, for tests that drive it. */
    public ConsoleWindow console() {
        return console;
    }

    private List<Path> inventoryFiles() {
        String fromArgs = getParameters() == null ? null : getParameters().getNamed().get("inventory");
        return BatonSettings.inventories(fromArgs);
    }

    private Path runbookFolder() {
        if (runbooks != null) {
            return runbooks;
        }
        // Parameters are absent when a test builds the window without Application.launch.
        String fromArgs = getParameters() == null ? null : getParameters().getNamed().get("runbooks");
        return fromArgs != null ? Path.of(fromArgs) : ShippedRunbooks.folder();
    }

    /** The window closes everything that uses the executor first; only then does the executor stop. */
    @Override
    public void stop() {
        if (console != null) {
            console.close();
        }
        if (saveOnSignal != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(saveOnSignal); // saved by the close already
            } catch (IllegalStateException stopping) {
                // the JVM is stopping: the hook runs anyway and writes the same snapshot
            }
        }
        background.shutdown();
        try {
            if (!background.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS)) {
                LOG.warn("Background work still running 5 s after the window closed; interrupting it");
                background.shutdownNow();
            }
        } catch (InterruptedException e) {
            background.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
