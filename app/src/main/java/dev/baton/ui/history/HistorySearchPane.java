package dev.baton.ui.history;

import dev.baton.history.HistoryHit;
import dev.baton.history.HistoryQuery;
import dev.baton.session.IncidentHistory;
import dev.baton.ui.Background;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * Search every past incident (Ctrl+Shift+F): words, and optionally a node, a responder and a first day.
 * Results come newest first; Enter or a click opens the incident read-only at that event. The search runs
 * on the app's executor, over the index the history keeps up to date; the pane only shows what it returns.
 */
public final class HistorySearchPane extends VBox {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());
    private static final int LIMIT = 200;

    private final TextField query = new TextField();
    private final TextField node = new TextField();
    private final TextField by = new TextField();
    private final TextField since = new TextField();
    private final ListView<HistoryHit> results = new ListView<>();
    private final Label status = new Label("Type to search commands, outputs, notes, alerts, nodes and responders.");
    private final PauseTransition typing = new PauseTransition(Duration.millis(150));
    private final IncidentHistory history;
    private final Background background;
    private final Consumer<HistoryHit> open;
    /** Which search the list shows: an answer to an older one is dropped. */
    private long asked;

    /**
     * @param open  opens a result's incident read-only at its event
     * @param close takes the pane away (Esc)
     */
    public HistorySearchPane(IncidentHistory history, Background background, Consumer<HistoryHit> open, Runnable close) {
        this.history = history;
        this.background = background;
        this.open = open;
        setId("history-search");
        getStyleClass().add("history-search");
        setSpacing(6);
        setPadding(new Insets(8));
        query.setId("history-query");
        query.setPromptText("kubectl delete pod");
        node.setId("history-node");
        node.setPromptText("node");
        node.setPrefColumnCount(8);
        by.setId("history-by");
        by.setPromptText("by");
        by.setPrefColumnCount(7);
        since.setId("history-since");
        since.setPromptText("since 2026-11-01");
        since.setPrefColumnCount(9);
        Button closeButton = new Button("×");
        closeButton.setId("history-close");
        closeButton.setTooltip(new javafx.scene.control.Tooltip("Back to the terminals (Esc)"));
        closeButton.setOnAction(e -> close.run());
        HBox.setHgrow(query, Priority.ALWAYS);
        Label title = new Label("Search past incidents");
        title.getStyleClass().add("pane-title");
        HBox fields = new HBox(6, query, node, by, since, closeButton);
        results.setId("history-results");
        results.setCellFactory(list -> new HitCell());
        VBox.setVgrow(results, Priority.ALWAYS);
        status.setId("history-status");
        status.setWrapText(true);
        getChildren().setAll(title, fields, status, results);
        typing.setOnFinished(e -> search());
        for (TextField field : new TextField[] {query, node, by, since}) {
            field.textProperty().addListener((obs, old, text) -> typing.playFromStart());
            field.setOnAction(e -> openSelectedOrFirst());
        }
        results.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                e.consume();
                openSelectedOrFirst();
            }
        });
        results.setOnMouseClicked(e -> {
            HistoryHit hit = results.getSelectionModel().getSelectedItem();
            if (hit != null) {
                open.accept(hit);
            }
        });
        addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                e.consume();
                close.run();
            } else if (e.getCode() == KeyCode.DOWN && query.isFocused() && !results.getItems().isEmpty()) {
                e.consume();
                results.requestFocus();
                results.getSelectionModel().selectFirst();
            }
        });
    }

    /** Puts the cursor in the query, its text selected, ready to type over. */
    public void focusQuery() {
        query.requestFocus();
        query.selectAll();
    }

    private void openSelectedOrFirst() {
        HistoryHit hit = results.getSelectionModel().getSelectedItem();
        if (hit == null && !results.getItems().isEmpty()) {
            hit = results.getItems().get(0);
        }
        if (hit != null) {
            open.accept(hit);
        }
    }

    private void search() {
        Instant from;
        try {
            from = since.getText().isBlank() ? null
                    : LocalDate.parse(since.getText().strip()).atStartOfDay(ZoneId.systemDefault()).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            status.setText("\"Since\" is a day written as 2026-11-01.");
            return;
        }
        if (query.getText().isBlank() && node.getText().isBlank() && by.getText().isBlank() && from == null) {
            results.getItems().clear();
            status.setText("Type to search commands, outputs, notes, alerts, nodes and responders.");
            return;
        }
        HistoryQuery asking = new HistoryQuery(query.getText(), from, node.getText(), by.getText(), LIMIT);
        long mine = ++asked;
        background.run("Searching past incidents failed", () -> history.search(asking), found -> {
            if (mine != asked) {
                return;
            }
            results.getItems().setAll(found.hits());
            String counted = found.hits().isEmpty() ? "No event of a past incident matches."
                    : found.hits().size() + (found.hits().size() == LIMIT ? "+ events" : found.hits().size() == 1
                            ? " event" : " events") + ", newest first. Enter or a click opens one.";
            status.setText(found.tampered().isEmpty() ? counted : counted + " Left out, their timeline does not verify: "
                    + String.join(", ", found.tampered().stream().map(t -> t.incident()).toList()) + ".");
        });
    }

    /** A result in two lines: when, who, where and which incident; then the event and where it matched. */
    private static final class HitCell extends ListCell<HistoryHit> {
        @Override
        protected void updateItem(HistoryHit hit, boolean empty) {
            super.updateItem(hit, empty);
            if (empty || hit == null) {
                setText(null);
                return;
            }
            String head = WHEN.format(hit.time()) + "  " + (hit.by().isEmpty() ? "" : hit.by() + "  ")
                    + (hit.nodes().isEmpty() ? "" : String.join(", ", hit.nodes()) + "  ") + hit.title()
                    + "  " + (hit.log().isEmpty() ? "" : hit.log() + "'s log ") + "#" + hit.seq();
            setText(head + "\n" + hit.words() + (hit.snippet().isEmpty() ? "" : "\n    " + hit.snippet()));
        }
    }
}
