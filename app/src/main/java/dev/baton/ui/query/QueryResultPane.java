package dev.baton.ui.query;

import dev.baton.query.LogLine;
import dev.baton.query.QueryAnswer;
import dev.baton.query.QueryLanguage;
import dev.baton.query.QueryTable;
import dev.baton.query.Series;
import dev.baton.session.QueryRunning;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * A query's answer beside the runbook: what ran where and over which window, then a chart over the
 * series table (sortable by labels or value) for PromQL, or the log lines with a filter for LogQL.
 * It only shows; {@link QueryActions} runs, copies, opens and captures.
 */
public final class QueryResultPane extends VBox {
    /** The windows a responder can choose; the first is the incident's own span. */
    static final List<String> WINDOWS = List.of("Since incident start", "Last 15m", "Last 1h", "Last 6h", "Last 24h");

    /** What the buttons do. */
    public record Actions(Runnable rerun, Runnable cancel, Runnable copy, Runnable grafana, Runnable capture, Runnable close) {}

    public record Row(String series, double value) {}

    private final Label title = new Label();
    private final Label summary = new Label();
    private final Label error = new Label();
    private final ChoiceBox<String> window = new ChoiceBox<>(FXCollections.observableArrayList(WINDOWS));
    private final ToggleButton instant = new ToggleButton("Instant");
    private final Hyperlink grafana = new Hyperlink("Open in Grafana Explore");
    private final Button capture = new Button("Capture");
    private final Button cancel = new Button("Cancel");
    private final QueryChart chart = new QueryChart();
    private final TableView<Row> seriesTable = new TableView<>();
    private final TableView<LogLine> logTable = new TableView<>();
    private final TextField logFilter = new TextField();
    private final StackPane body = new StackPane();
    private final SplitPane metricsView;
    private final VBox logsView;
    private FilteredList<LogLine> filteredLines = new FilteredList<>(FXCollections.observableArrayList());

    public QueryResultPane(Actions actions) {
        setId("query-pane");
        setSpacing(6);
        setPadding(new Insets(6));
        title.setId("query-title");
        title.setStyle("-fx-font-weight: bold;");
        summary.setId("query-summary");
        error.setId("query-error");
        error.setWrapText(true);
        error.setStyle("-fx-font-family: monospace; -fx-text-fill: -color-danger-fg;");
        error.setManaged(false);
        error.setVisible(false);
        window.setId("query-window");
        instant.setId("query-instant");
        grafana.setId("query-grafana");
        capture.setId("query-capture");
        cancel.setId("query-cancel");
        cancel.setOnAction(e -> actions.cancel().run());
        showCancel(false);
        Button rerun = new Button("Run again");
        rerun.setId("query-rerun");
        Button copy = new Button("Copy");
        copy.setId("query-copy");
        Button close = new Button("✕");
        close.setId("query-close");
        rerun.setOnAction(e -> actions.rerun().run());
        copy.setOnAction(e -> actions.copy().run());
        grafana.setOnAction(e -> actions.grafana().run());
        capture.setOnAction(e -> actions.capture().run());
        close.setOnAction(e -> actions.close().run());
        close.setTooltip(new javafx.scene.control.Tooltip("Back to the terminals (Esc)"));
        // A filter: the table and the filter field would otherwise take Esc for themselves.
        addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE) {
                e.consume();
                actions.close().run();
            }
        });
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox heading = new HBox(8, title, spring, close);
        HBox tools = new HBox(6, window, instant, rerun, cancel, copy, capture, grafana);
        tools.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        TableColumn<Row, String> seriesColumn = new TableColumn<>("Series");
        seriesColumn.setCellValueFactory(row -> new ReadOnlyStringWrapper(row.getValue().series()));
        seriesColumn.setPrefWidth(360);
        TableColumn<Row, Double> valueColumn = new TableColumn<>("Value");
        valueColumn.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(row.getValue().value()));
        valueColumn.setCellFactory(column -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(Double item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : shown(item));
            }
        });
        valueColumn.setComparator((a, b) -> Double.compare(a, b));
        seriesTable.getColumns().setAll(List.of(seriesColumn, valueColumn));
        seriesTable.setId("query-series");
        seriesTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        metricsView = new SplitPane(chart, seriesTable);
        metricsView.setOrientation(Orientation.VERTICAL);
        metricsView.setDividerPositions(0.68);

        TableColumn<LogLine, String> timeColumn = new TableColumn<>("Time (UTC)");
        timeColumn.setCellValueFactory(row -> new ReadOnlyStringWrapper(QueryTable.rows(
                new QueryAnswer.Logs(List.of(row.getValue()))).get(0).get(0)));
        timeColumn.setPrefWidth(170);
        TableColumn<LogLine, String> labelsColumn = new TableColumn<>("Labels");
        labelsColumn.setCellValueFactory(row -> new ReadOnlyStringWrapper(QueryTable.labels(row.getValue().labels())));
        labelsColumn.setPrefWidth(200);
        TableColumn<LogLine, String> lineColumn = new TableColumn<>("Line");
        lineColumn.setCellValueFactory(row -> new ReadOnlyStringWrapper(row.getValue().line()));
        lineColumn.setPrefWidth(600);
        logTable.getColumns().setAll(List.of(timeColumn, labelsColumn, lineColumn));
        logTable.setId("query-lines");
        logFilter.setId("query-filter");
        logFilter.setPromptText("Filter lines and labels");
        logFilter.textProperty().addListener((obs, old, text) -> filter(text));
        logsView = new VBox(6, logFilter, logTable);
        VBox.setVgrow(logTable, Priority.ALWAYS);

        VBox.setVgrow(body, Priority.ALWAYS);
        getChildren().addAll(heading, tools, summary, error, body);
        setMinHeight(0);
    }

    /** A run is under way: what is asked, nothing shown yet. */
    void running(QueryRunning.Request request) {
        title.setText(request.language().word() + " on " + request.source().name());
        summary.setText("Running " + firstLine(request.query()) + " …");
        showError("");
        capture.setDisable(true);
        showCancel(true);
        instant.setDisable(request.language() == QueryLanguage.LOGQL);
        body.getChildren().clear();
    }

    /** Shows a finished run (on the FX thread). */
    public void show(QueryRunning.Run run, boolean grafanaKnown) {
        QueryRunning.Request request = run.request();
        title.setText(request.language().word() + " on " + request.source().name());
        showCancel(false);
        grafana.setVisible(grafanaKnown);
        grafana.setManaged(grafanaKnown);
        capture.setDisable(run.failed());
        if (run.failed()) {
            summary.setText(firstLine(request.query()));
            showError(run.error());
            body.getChildren().clear();
            return;
        }
        showError("");
        summary.setText(run.summary() + " · " + firstLine(request.query()));
        QueryAnswer answer = run.answer().orElseThrow();
        if (answer instanceof QueryAnswer.Metrics metrics) {
            List<Row> rows = metrics.series().stream().map(s -> new Row(s.name(), s.last())).toList();
            SortedList<Row> sorted = new SortedList<>(FXCollections.observableArrayList(rows));
            sorted.comparatorProperty().bind(seriesTable.comparatorProperty());
            seriesTable.setItems(sorted);
            if (metrics.range()) {
                chart.show(metrics);
                metricsView.getItems().setAll(chart, seriesTable);
            } else {
                metricsView.getItems().setAll(seriesTable);
            }
            body.getChildren().setAll(metricsView);
        } else {
            filteredLines = new FilteredList<>(FXCollections.observableArrayList(((QueryAnswer.Logs) answer).lines()));
            logTable.setItems(filteredLines);
            filter(logFilter.getText());
            body.getChildren().setAll(logsView);
        }
    }

    private void filter(String text) {
        String wanted = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        filteredLines.setPredicate(wanted.isEmpty() ? null : line -> line.line().toLowerCase(Locale.ROOT).contains(wanted)
                || QueryTable.labels(line.labels()).toLowerCase(Locale.ROOT).contains(wanted));
    }

    private void showCancel(boolean running) {
        cancel.setVisible(running);
        cancel.setManaged(running);
    }

    private void showError(String text) {
        error.setText(text);
        error.setVisible(!text.isEmpty());
        error.setManaged(!text.isEmpty());
    }

    ChoiceBox<String> window() {
        return window;
    }

    boolean instant() {
        return instant.isSelected();
    }

    /** The chart when the answer is drawn as one (a range of series), for a capture's picture. */
    java.util.Optional<javafx.scene.Node> chartShown() {
        return body.getChildren().contains(metricsView) && metricsView.getItems().contains(chart)
                ? java.util.Optional.of(chart) : java.util.Optional.empty();
    }

    List<Series> chartSeries() {
        return chart.shownSeries();
    }

    /** A value as a responder reads it: at most four decimals, or four significant digits when very large or small. */
    static String shown(double value) {
        double magnitude = Math.abs(value);
        if (!Double.isFinite(value) || value == Math.rint(value) && magnitude < 1e15) {
            return QueryTable.number(value);
        }
        if (magnitude >= 1e6 || magnitude < 1e-3) {
            return String.format(Locale.ROOT, "%.4g", value);
        }
        return new java.math.BigDecimal(value).setScale(4, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros()
                .toPlainString();
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline) + " …";
    }
}
