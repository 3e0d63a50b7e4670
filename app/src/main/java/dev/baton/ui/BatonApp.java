package dev.baton.ui;

import dev.baton.runbook.RunbookLibrary;
import dev.baton.runbook.ShippedRunbooks;
import dev.baton.ui.library.LibraryPane;
import dev.baton.ui.library.RunbookSummaryPane;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.concurrent.Task;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The console window. Thin: it loads the library off the FX thread and hands it to the panes. */
public final class BatonApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(BatonApp.class);

    private final ExecutorService background = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "baton-background");
        thread.setDaemon(true);
        return thread;
    });
    private final Label status = new Label("Loading runbooks…");

    /** Opens the window and returns when it is closed; {@code runbooks} null means the shipped folder. */
    public static void launchWindow(Path runbooks) {
        String[] args = runbooks == null ? new String[0] : new String[] {"--runbooks=" + runbooks};
        Application.launch(BatonApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        LibraryPane library = new LibraryPane(background);
        RunbookSummaryPane summary = new RunbookSummaryPane();
        library.selectedRunbookProperty().addListener((obs, old, runbook) -> summary.show(runbook));

        SplitPane split = new SplitPane(library, summary);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.32);
        status.setId("status");
        BorderPane root = new BorderPane(split);
        root.setBottom(status);
        status.getStyleClass().add("status-bar");

        Scene scene = new Scene(root, 1200, 760);
        scene.getStylesheets().add(BatonApp.class.getResource("baton.css").toExternalForm());
        stage.setTitle("Baton");
        stage.setScene(scene);
        stage.show();
        LOG.info("main window shown {} ms after JVM start", ManagementFactory.getRuntimeMXBean().getUptime());

        Path folder = runbookFolder();
        Task<RunbookLibrary> load = new Task<>() {
            @Override
            protected RunbookLibrary call() {
                RunbookLibrary loaded = RunbookLibrary.load(folder);
                loaded.search("warm", 1); // build the search index before the first keystroke
                return loaded;
            }
        };
        load.setOnSucceeded(e -> {
            RunbookLibrary loaded = load.getValue();
            library.setLibrary(loaded);
            int problems = loaded.problems().size();
            status.setText(loaded.runbooks().size() + " runbooks from " + folder.toAbsolutePath().normalize()
                    + (problems == 0 ? "" : " — " + problems + " file(s) could not be read"));
        });
        load.setOnFailed(e -> {
            LOG.error("Could not load runbooks from {}", folder, load.getException());
            status.setText("Could not load runbooks from " + folder + ": " + load.getException().getMessage());
        });
        background.submit(load);
    }

    private Path runbookFolder() {
        // Parameters are absent when a test builds the window without Application.launch.
        String fromArgs = getParameters() == null ? null : getParameters().getNamed().get("runbooks");
        return fromArgs != null ? Path.of(fromArgs) : ShippedRunbooks.folder();
    }

    @Override
    public void stop() {
        background.shutdownNow();
    }
}
