package dev.baton.ui.fanout;

import dev.baton.runbook.Runbook;
import dev.baton.session.FanOut;
import dev.baton.session.FanOutRun;
import dev.baton.session.NodeOutcome;
import dev.baton.session.OutputDiff;
import dev.baton.ui.Background;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One results tab for a step run on many nodes: progress and Cancel, a grid of node, state, exit status,
 * duration and first line, nodes with the same output grouped, filters, Retry failed, and Capture.
 * Select one node to see its whole output, two to see how they differ.
 */
public final class FanOutWindow extends VBox {
    private final FanOut fanOut;
    private final Runbook runbook;
    private final int step;
    private final Background background;
    private final Consumer<String> notes;
    private final Consumer<FanOutWindow> opened;
    private final TreeTableView<GridRow> grid = new TreeTableView<>();
    private final ProgressBar bar = new ProgressBar(0);
    private final Label progress = new Label();
    private final Label engine = new Label();
    /** What the engine says beyond the grid (after Cancel through Ansible: where the command may still run). */
    private final Label engineNote = new Label();
    private final CheckBox failedOnly = new CheckBox("Failed only");
    private final TextField exitFilter = new TextField();
    private final TextField textFilter = new TextField();
    private final TextArea details = new TextArea();
    private final Button cancel = new Button("Cancel");
    private final Button retry = new Button("Retry failed");
    private final Button capture = new Button("Capture");
    private final Label canaryQuestion = new Label();
    private final Button proceed = new Button();
    private final Button stop = new Button("Stop");
    private final HBox canaryBar = new HBox(8, canaryQuestion, proceed, stop);
    private final Timeline refresher = new Timeline(new KeyFrame(javafx.util.Duration.millis(200), e -> refresh()));
    private final String target;
    private FanOutRun run;
    private String title = "";

    /**
     * @param target how the nodes were chosen, for the title ("40 nodes of group web")
     * @param notes  takes the capture's Markdown block, on the FX thread
     * @param opened told of each run to dock, this one and those Retry failed starts
     */
    public FanOutWindow(FanOut fanOut, Runbook runbook, int step, String target, Background background,
            Consumer<String> notes, Consumer<FanOutWindow> opened) {
        this.fanOut = fanOut;
        this.runbook = runbook;
        this.step = step;
        this.target = target;
        this.background = background;
        this.notes = notes;
        this.opened = opened;
        grid.setId("fanout-grid");
        grid.getStyleClass().add("dense"); // twenty nodes in view at 1280×720
        // Every row is one line, as high as the theme's dense rows: with the height fixed the grid lays out the
        // rows in view without measuring each again whenever 1,000 nodes' rows change under it.
        grid.setStyle("-fx-fixed-cell-size: 2em;");

        grid.setShowRoot(false);
        grid.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        grid.getColumns().setAll(List.of(column("Node", 200, GridRow::name), column("State", 110, GridRow::state),
                column("Exit", 55, GridRow::exit), column("Duration", 90, GridRow::duration),
                column("First line", 380, GridRow::firstLine)));
        grid.getSelectionModel().getSelectedItems().addListener(
                (javafx.collections.ListChangeListener<TreeItem<GridRow>>) change -> showSelection());
        progress.setId("fanout-progress");
        bar.setPrefWidth(220);
        bar.setMinWidth(60);
        bar.setMaxWidth(Double.MAX_VALUE);
        progress.setMinWidth(Region.USE_PREF_SIZE);
        failedOnly.setId("fanout-failed-only");
        exitFilter.setId("fanout-exit");
        exitFilter.setPromptText("exit status");
        exitFilter.setPrefColumnCount(6);
        textFilter.setId("fanout-text");
        textFilter.setPromptText("text in output");
        details.setId("fanout-details");
        details.setEditable(false);
        details.getStyleClass().add("monospace");
        details.setStyle("-fx-font-family: monospace;");
        cancel.setId("fanout-cancel");
        retry.setId("fanout-retry");
        capture.setId("fanout-capture");
        cancel.setOnAction(e -> run.cancel());
        retry.setOnAction(e -> retryFailed());
        capture.setOnAction(e -> background.onFx(fanOut.capture(run), "Not captured", notes));
        failedOnly.selectedProperty().addListener((obs, old, on) -> rebuild());
        exitFilter.textProperty().addListener((obs, old, text) -> rebuild());
        textFilter.textProperty().addListener((obs, old, text) -> rebuild());
        // At 1280×720 the column is under 600 pixels: the bar gives way, never a button's name.
        for (Button button : java.util.List.of(cancel, retry, capture)) {
            button.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox.setHgrow(bar, Priority.ALWAYS);
        engine.setId("fanout-engine");
        engine.getStyleClass().add("engine-badge");
        engine.setStyle("-fx-padding: 1 6; -fx-border-color: #8a8a8a; -fx-border-radius: 3;");
        engine.setMinWidth(Region.USE_PREF_SIZE);
        engineNote.setId("fanout-engine-note");
        engineNote.setWrapText(true);
        engineNote.setManaged(false);
        engineNote.setVisible(false);
        // The engine sits with the filters: the top row is full at 1280×720.
        HBox top = new HBox(8, progress, bar, cancel, retry, capture);
        top.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        HBox filters = new HBox(8, failedOnly, new Label("Exit"), exitFilter, textFilter, engine);
        filters.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        HBox.setHgrow(textFilter, Priority.ALWAYS);
        canaryBar.setId("fanout-canary");
        canaryQuestion.setId("fanout-canary-question");
        proceed.setId("fanout-continue");
        stop.setId("fanout-stop");
        canaryBar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        canaryBar.setStyle("-fx-background-color: #8a4b00; -fx-background-radius: 4; -fx-padding: 6;");
        canaryQuestion.setStyle("-fx-text-fill: white; -fx-font-weight: bold;");
        canaryBar.setVisible(false);
        canaryBar.setManaged(false);
        SplitPane split = new SplitPane(grid, details);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        // The grid first: one node's output is read below it once chosen.
        split.setDividerPositions(0.8);
        setSpacing(8);
        getChildren().setAll(top, engineNote, canaryBar, filters, split);
        VBox.setVgrow(split, Priority.ALWAYS);
        setPadding(new Insets(10));
        refresher.setCycleCount(Timeline.INDEFINITE);
    }

    /** Its tab has closed: stop refreshing. The run goes on unless cancelled. */
    public void closed() {
        refresher.stop();
    }

    public String title() {
        return title;
    }

    /** Shows a run that has started and hands it to be docked. */
    public void watch(FanOutRun started) {
        run = started;
        title = "Step " + step + " on " + target + ": " + firstLine(started.plan().command());
        engine.setText(started.engine().label());
        engine.setTooltip(new javafx.scene.control.Tooltip(started.engine() == dev.baton.session.Engine.SSH
                ? "Run over Baton's own SSH connections" : "Run through the ansible command (ad-hoc shell)"));
        rebuild();
        refresher.play();
        opened.accept(this);
    }

    public FanOutRun run() {
        return run;
    }

    /**
     * The canary has ended: the grid shows it and asks whether the rest run. Called on the run's thread; the answer
     * comes from a button, and the run waits for it without holding a thread of the window's.
     */
    public java.util.concurrent.CompletableFuture<Boolean> askAfterCanary(dev.baton.session.FanOut.CanaryDone done) {
        java.util.concurrent.CompletableFuture<Boolean> answer = new java.util.concurrent.CompletableFuture<>();
        javafx.application.Platform.runLater(() -> {
            NodeOutcome canary = done.canary();
            canaryQuestion.setText("Canary " + canary.name() + ": " + canary.status().label()
                    + (canary.exit() == null ? "" : " (exit " + canary.exit() + ")") + ". Look at its output below.");
            proceed.setText("Continue on " + done.remaining() + " more");
            proceed.setOnAction(e -> answer.complete(true));
            stop.setOnAction(e -> answer.complete(false));
            canaryBar.setVisible(true);
            canaryBar.setManaged(true);
            rebuild();
            grid.getRoot().getChildren().stream().filter(item -> item.getValue().node() != null
                    && item.getValue().node().name().equals(canary.name())).findFirst()
                    .ifPresent(item -> grid.getSelectionModel().select(item));
        });
        answer.whenComplete((yes, failure) -> javafx.application.Platform.runLater(() -> {
            canaryBar.setVisible(false);
            canaryBar.setManaged(false);
        }));
        return answer;
    }

    private void retryFailed() {
        if (run.failedNodes().isEmpty()) {
            return;
        }
        FanOutWindow again = new FanOutWindow(fanOut, runbook, step, run.failedNodes().size() + " failed nodes",
                background, notes, opened);
        FanOutRun earlier = run;
        // Through the engine the run used; Ansible asks which hosts it has first, off the FX thread.
        background.run("Failed nodes not run again", () -> fanOut.retryFailed(runbook, step, earlier,
                earlier.options(), earlier.engine(), outcome -> { }), again::watch);
    }

    private void refresh() {
        // A pulse that comes late (the machine busy with the run's own ssh and more) fires at once each 200 ms the
        // timeline missed: seven redraws in a row for a pulse 1.4 s late, where one shows the same.
        long now = System.nanoTime();
        if (now - refreshedNanos < 100_000_000L) {
            return;
        }
        refreshedNanos = now;
        // Read before rebuilding: a node that ends between the two still gets its last rebuild.
        boolean finished = run.progress().finished();
        // Nothing changed (a canary waiting for the responder, nodes still running): the grid stays as it is.
        if (run.changes() != shownChanges || run.isCancelled() != shownCancelled
                || !run.engineNote().equals(shownNote) || finished != shownFinished) {
            rebuild();
        }
        if (finished) {
            refresher.stop();
        }
    }

    private void rebuild() {
        if (run == null) {
            return;
        }
        shownChanges = run.changes();
        shownCancelled = run.isCancelled();
        shownNote = run.engineNote();
        FanOutRun.Progress now = run.progress();
        shownFinished = now.finished();
        progress.setText(now.toString() + (run.isCancelled() ? " (cancelled)" : ""));
        String note = run.engineNote();
        engineNote.setText(note);
        engineNote.setManaged(!note.isEmpty());
        engineNote.setVisible(!note.isEmpty());
        bar.setProgress(now.total() == 0 ? 1 : (double) now.done() / now.total());
        cancel.setDisable(now.finished());
        retry.setDisable(!now.finished() || now.failed() == 0);
        capture.setDisable(!now.finished());
        java.util.Set<String> selected = grid.getSelectionModel().getSelectedItems().stream()
                .filter(item -> item != null).map(item -> item.getValue().key()).filter(key -> !key.isEmpty())
                .collect(java.util.stream.Collectors.toSet());
        rows.show(run.groups(), run.outcomes(), this::passes, now.finished());
        if (grid.getRoot() != rows.root()) {
            grid.setRoot(rows.root());
        }
        restoreSelection(selected);
    }

    private final GridRows rows = new GridRows();
    private long shownChanges = -1;
    /** When the timeline last redrew, by {@link System#nanoTime}. */
    private long refreshedNanos;
    private boolean shownCancelled;
    /** Whether the grid shows the run ended: its groups are then listed largest first. */
    private boolean shownFinished;
    private String shownNote = "";
    /** Whether an ended node's output holds the text filter; its output never changes, the filter may. */
    private final Map<NodeOutcome, Boolean> textMatches = new java.util.IdentityHashMap<>();
    private String matchedText = "";

    /**
     * Selects again what the responder had selected, and nothing else: the selection model follows indices, so a row
     * removed above a selected one moved the selection to its neighbour, and a place now shows another node.
     */
    private void restoreSelection(java.util.Set<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        List<TreeItem<GridRow>> targets = rows.find(keys);
        if (new java.util.HashSet<>(grid.getSelectionModel().getSelectedItems()).equals(new java.util.HashSet<>(targets))) {
            return;
        }
        grid.getSelectionModel().clearSelection();
        targets.forEach(grid.getSelectionModel()::select);
    }

    private boolean passes(NodeOutcome outcome) {
        if (failedOnly.isSelected() && !outcome.failed()) {
            return false;
        }
        String exit = exitFilter.getText().strip();
        if (!exit.isEmpty() && !exit.equals(GridRow.exitOf(outcome))) {
            return false;
        }
        String text = textFilter.getText().strip().toLowerCase(Locale.ROOT);
        if (text.isEmpty() || outcome.name().toLowerCase(Locale.ROOT).contains(text)) {
            return true;
        }
        if (!outcome.status().finished()) {
            return outcome.reason().toLowerCase(Locale.ROOT).contains(text);
        }
        // Up to 256 KB of each node's output is searched: once per node and filter, not at every refresh.
        if (!text.equals(matchedText)) {
            textMatches.clear();
            matchedText = text;
        }
        return textMatches.computeIfAbsent(outcome,
                ended -> OutputDiff.searchable(ended).toLowerCase(Locale.ROOT).contains(text));
    }

    private void showSelection() {
        List<NodeOutcome> chosen = grid.getSelectionModel().getSelectedItems().stream()
                .filter(item -> item != null).map(TreeItem::getValue).map(GridRow::shown)
                .filter(java.util.Objects::nonNull).distinct().toList();
        if (chosen.size() == 1) {
            NodeOutcome one = chosen.get(0);
            background.run("Could not read the output of " + one.name(), () -> one.name() + " — "
                    + (one.result() == null ? one.reason() : one.result().summary()) + "\n\n"
                    + OutputDiff.outputOf(one), details::setText);
        } else if (chosen.size() == 2) {
            NodeOutcome a = chosen.get(0);
            NodeOutcome b = chosen.get(1);
            background.run("Could not compare the outputs", () -> OutputDiff.unified(a.name(), OutputDiff.outputOf(a),
                    b.name(), OutputDiff.outputOf(b)), details::setText);
        } else {
            details.clear();
        }
    }

    private static TreeTableColumn<GridRow, String> column(String title, double width,
            java.util.function.Function<GridRow, javafx.beans.value.ObservableValue<String>> value) {
        TreeTableColumn<GridRow, String> column = new TreeTableColumn<>(title);
        column.setPrefWidth(width);
        // The row's own property: its text changes in place while the row stays.
        column.setCellValueFactory(cell -> cell.getValue() == null || cell.getValue().getValue() == null
                ? new javafx.beans.property.ReadOnlyStringWrapper("") : value.apply(cell.getValue().getValue()));
        return column;
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline) + " …";
    }
}
