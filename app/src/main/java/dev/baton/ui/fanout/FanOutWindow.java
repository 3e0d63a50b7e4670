package dev.baton.ui.fanout;

import dev.baton.runbook.Runbook;
import dev.baton.session.FanOut;
import dev.baton.session.FanOutRun;
import dev.baton.session.NodeOutcome;
import dev.baton.session.OutputDiff;
import dev.baton.session.OutputGroup;
import dev.baton.ui.Background;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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
    /**
     * A grid row: a group of nodes with the same output, one node, or the nodes still waiting to start (one row
     * holding them, {@code waiting} of them).
     */
    record Row(OutputGroup group, NodeOutcome node, int waiting) {
        static Row of(NodeOutcome node) {
            return new Row(null, node, 0);
        }

        static Row of(OutputGroup group) {
            return new Row(group, null, 0);
        }

        static Row waitingNodes(int count) {
            return new Row(null, null, count);
        }

        String name() {
            return node != null ? node.name() : group != null ? group.label()
                    : waiting == 1 ? "1 node waiting" : waiting + " nodes waiting";
        }

        /** The node whose state, exit and first line the row shows; null for the waiting nodes' row. */
        NodeOutcome shown() {
            return node != null ? node : group != null ? group.representative() : null;
        }
    }

    private final FanOut fanOut;
    private final Runbook runbook;
    private final int step;
    private final Background background;
    private final Consumer<String> notes;
    private final Consumer<FanOutWindow> opened;
    private final TreeTableView<Row> grid = new TreeTableView<>();
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
        grid.getColumns().setAll(List.of(
                column("Node", 200, row -> row.name()),
                column("State", 110, row -> row.shown() == null ? NodeOutcome.Status.WAITING.label()
                        : row.shown().status().label()),
                column("Exit", 55, row -> row.shown() == null ? "" : exitOf(row.shown())),
                column("Duration", 90, row -> row.node() == null ? "" : seconds(row.node().duration())),
                column("First line", 380, row -> {
                    NodeOutcome shown = row.shown();
                    return shown == null ? "" : shown.firstLine().isEmpty() ? shown.reason() : shown.firstLine();
                })));
        grid.getSelectionModel().getSelectedItems().addListener(
                (javafx.collections.ListChangeListener<TreeItem<Row>>) change -> showSelection());
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
        // Read before rebuilding: a node that ends between the two still gets its last rebuild.
        boolean finished = run.progress().finished();
        // Nothing changed (a canary waiting for the responder, nodes still running): the grid stays as it is.
        if (run.changes() != shownChanges || run.isCancelled() != shownCancelled
                || !run.engineNote().equals(shownNote)) {
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
        progress.setText(now.toString() + (run.isCancelled() ? " (cancelled)" : ""));
        String note = run.engineNote();
        engineNote.setText(note);
        engineNote.setManaged(!note.isEmpty());
        engineNote.setVisible(!note.isEmpty());
        bar.setProgress(now.total() == 0 ? 1 : (double) now.done() / now.total());
        cancel.setDisable(now.finished());
        retry.setDisable(!now.finished() || now.failed() == 0);
        capture.setDisable(!now.finished());
        List<String> selected = grid.getSelectionModel().getSelectedItems().stream()
                .filter(item -> item != null).map(item -> key(item.getValue())).toList();
        // Rows keep their place while results arrive: the groups first, then the nodes under way, then one row for
        // the nodes still waiting. A row that takes another index is restyled with its five cells, so a run on
        // 1,000 nodes that listed each waiting node moved every row in view with each result.
        List<TreeItem<Row>> rows = new ArrayList<>();
        for (OutputGroup group : run.groups()) {
            List<NodeOutcome> shown = group.members().stream().filter(this::passes).toList();
            if (shown.isEmpty()) {
                continue;
            }
            rows.add(group.size() == 1 ? nodeItem(shown.get(0)) : groupItem(group, shown));
        }
        List<NodeOutcome> waiting = new ArrayList<>();
        List<NodeOutcome> underWay = new ArrayList<>();
        for (NodeOutcome outcome : run.outcomes()) {
            if (outcome.status() == NodeOutcome.Status.WAITING) {
                waiting.add(outcome);
            } else if (!outcome.status().finished()) {
                underWay.add(outcome);
            }
        }
        // Placed before filtering: a node keeps its place while a filter hides it.
        for (NodeOutcome outcome : underWayOrder.arrange(underWay)) {
            if (passes(outcome)) {
                rows.add(nodeItem(outcome));
            }
        }
        waiting.removeIf(outcome -> !passes(outcome));
        if (!waiting.isEmpty()) {
            rows.add(waitingItem(waiting));
        }
        replaceChanged(root.getChildren(), rows);
        if (grid.getRoot() != root) {
            grid.setRoot(root);
        }
        restoreSelection(root, selected);
    }

    /**
     * Makes {@code shown} hold {@code rows} by replacing only the stretch between the rows that stayed at the start
     * and at the end: rows outside it keep their index, their cells and their selection. Setting all of them sent one
     * change of 1,000 rows; the first thousand rows of a run still arrive in one change.
     */
    static <T> void replaceChanged(javafx.collections.ObservableList<T> shown, List<T> rows) {
        int same = 0;
        int limit = Math.min(shown.size(), rows.size());
        while (same < limit && shown.get(same) == rows.get(same)) {
            same++;
        }
        int sameAtEnd = 0;
        while (sameAtEnd < limit - same
                && shown.get(shown.size() - 1 - sameAtEnd) == rows.get(rows.size() - 1 - sameAtEnd)) {
            sameAtEnd++;
        }
        int oldEnd = shown.size() - sameAtEnd;
        int newEnd = rows.size() - sameAtEnd;
        if (same == oldEnd && same == newEnd) {
            return;
        }
        if (same == 0 && sameAtEnd == 0) {
            shown.setAll(rows);
            return;
        }
        shown.subList(same, oldEnd).clear();
        shown.addAll(same, rows.subList(same, newEnd));
    }

    /**
     * The grid's row for one node on its own (waiting, running, or the only node of its output): one per node,
     * made anew only when the node's outcome changed, whatever the filters hid in between. A run on 1,000 nodes
     * redraws every 200 ms.
     */
    private TreeItem<Row> nodeItem(NodeOutcome outcome) {
        Row row = Row.of(outcome);
        TreeItem<Row> item = nodeItems.get(outcome.name());
        if (item == null || !item.getValue().equals(row)) {
            item = new TreeItem<>(row);
            nodeItems.put(outcome.name(), item);
        }
        return item;
    }

    /**
     * A group's row with the members the filters let through, kept while neither changed. A changed row is a new
     * item, never a new value in the same item: a value set in a shown item makes the grid rebuild every row in view.
     */
    private TreeItem<Row> groupItem(OutputGroup group, List<NodeOutcome> shown) {
        String key = group.representative().outputKey();
        Row row = Row.of(group);
        TreeItem<Row> item = groupItems.get(key);
        if (item != null && item.getValue().equals(row) && item.getChildren().size() == shown.size()) {
            boolean same = true;
            for (int i = 0; i < shown.size() && same; i++) {
                same = item.getChildren().get(i).getValue().node() == shown.get(i);
            }
            if (same) {
                return item;
            }
        }
        TreeItem<Row> made = new TreeItem<>(row);
        made.getChildren().setAll(shown.stream().map(member -> new TreeItem<>(Row.of(member))).toList());
        made.setExpanded(expanded.contains(key));
        made.expandedProperty().addListener((obs, old, open) -> {
            if (open) {
                expanded.add(key);
            } else {
                expanded.remove(key);
            }
        });
        groupItems.put(key, made);
        return made;
    }

    /** The one row of the nodes still waiting, open or closed as the responder left it, kept while they are the same. */
    private TreeItem<Row> waitingItem(List<NodeOutcome> waiting) {
        List<TreeItem<Row>> members = waiting.stream().map(this::nodeItem).toList();
        if (waitingItem != null && waitingItem.getChildren().equals(members)) {
            return waitingItem;
        }
        TreeItem<Row> made = new TreeItem<>(Row.waitingNodes(waiting.size()));
        if (waitingItem != null) {
            waitingItem.getChildren().clear(); // a row has one parent: the waiting nodes move to the new one
        }
        made.getChildren().setAll(members);
        made.setExpanded(waitingExpanded);
        made.expandedProperty().addListener((obs, old, open) -> waitingExpanded = open);
        waitingItem = made;
        return made;
    }

    private final TreeItem<Row> root = new TreeItem<>();
    /** The row of each node shown on its own, by node name; a group's members are made with its row. */
    private final Map<String, TreeItem<Row>> nodeItems = new HashMap<>();
    /** Each group's row by its output key. */
    private final Map<String, TreeItem<Row>> groupItems = new HashMap<>();
    private TreeItem<Row> waitingItem;
    private final UnderWayOrder underWayOrder = new UnderWayOrder();
    private boolean waitingExpanded;
    private long shownChanges = -1;
    private boolean shownCancelled;
    private String shownNote = "";
    /** Whether an ended node's output holds the text filter; its output never changes, the filter may. */
    private final Map<NodeOutcome, Boolean> textMatches = new java.util.IdentityHashMap<>();
    private String matchedText = "";

    private final java.util.Set<String> expanded = new java.util.HashSet<>();

    /** What a row is for the selection to find again in a new tree: the node, the group's output, or the waiting. */
    private static String key(Row row) {
        return row.node() != null ? "node " + row.node().name()
                : row.group() != null ? "group " + row.group().representative().outputKey() : "waiting";
    }

    private void restoreSelection(TreeItem<Row> root, List<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        java.util.Set<String> wanted = new java.util.HashSet<>(keys);
        List<TreeItem<Row>> all = new ArrayList<>();
        root.getChildren().forEach(item -> {
            all.add(item);
            all.addAll(item.getChildren());
        });
        List<TreeItem<Row>> targets = all.stream().filter(item -> wanted.contains(key(item.getValue()))).toList();
        // The selection model follows indices: a row removed above a selected one moves the selection to its
        // neighbour. What was chosen is chosen again, and nothing else.
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
        if (!exit.isEmpty() && !exit.equals(exitOf(outcome))) {
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
                .filter(item -> item != null).map(TreeItem::getValue).map(Row::shown)
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

    private static TreeTableColumn<Row, String> column(String title, double width,
            java.util.function.Function<Row, String> value) {
        TreeTableColumn<Row, String> column = new TreeTableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue() == null
                || cell.getValue().getValue() == null ? "" : value.apply(cell.getValue().getValue())));
        return column;
    }

    private static String exitOf(NodeOutcome outcome) {
        return outcome.exit() == null ? "" : outcome.exit().toString();
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline) + " …";
    }
}
