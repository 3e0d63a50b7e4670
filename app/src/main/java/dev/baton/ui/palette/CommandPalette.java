package dev.baton.ui.palette;

import dev.baton.incident.IncidentListing;
import dev.baton.session.PaletteSearch;
import dev.baton.session.PaletteSearch.Entry;
import dev.baton.ui.Background;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import javafx.stage.Window;

/**
 * Ctrl+P: one field that finds alerts, runbooks, steps, nodes, incidents and actions. Type, move with
 * Up and Down, Enter opens (the first entry when none is chosen), Esc closes. Searching runs off the FX
 * thread; a slower, older search never replaces a newer one's entries.
 */
public final class CommandPalette {
    private static final int LIMIT = 40;

    private final Background background;
    private final Function<List<IncidentListing>, PaletteSearch.Sources> sources;
    private final Callable<List<IncidentListing>> incidents;
    private final Consumer<Entry> open;
    private final PaletteSearch search = new PaletteSearch();
    private final AtomicLong latest = new AtomicLong();
    private final TextField field = new TextField();
    private final ListView<Entry> list = new ListView<>();
    private final Label empty = new Label("No matches");
    private volatile List<IncidentListing> knownIncidents = List.of();
    private Stage stage;

    /**
     * @param sources   what there is to find, given the incidents listed when the palette opened
     * @param incidents lists the incidents (reads the disk: called off the FX thread)
     * @param open      what choosing an entry does, on the FX thread, after the palette has closed
     */
    public CommandPalette(Background background, Function<List<IncidentListing>, PaletteSearch.Sources> sources,
            Callable<List<IncidentListing>> incidents, Consumer<Entry> open) {
        this.background = background;
        this.sources = sources;
        this.incidents = incidents;
        this.open = open;
        field.setId("palette-field");
        field.setPromptText("Alert, runbook, step, node, incident or action");
        list.setId("palette-list");
        list.setCellFactory(view -> new EntryCell());
        list.setPrefSize(680, 380);
        list.setFocusTraversable(false);
        empty.setId("palette-empty");
        empty.setVisible(false);
        empty.setMouseTransparent(true);
        empty.setStyle("-fx-opacity: 0.7;");
        field.textProperty().addListener((obs, old, text) -> refresh(text));
        field.addEventFilter(KeyEvent.KEY_PRESSED, this::keys);
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                choose();
            }
        });
    }

    /** Shows the palette over {@code owner}, empty and ready to type. */
    public void show(Window owner) {
        if (stage == null) {
            stage = new Stage(StageStyle.UTILITY);
            stage.setTitle("Go to anything");
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
            javafx.scene.layout.StackPane results = new javafx.scene.layout.StackPane(list, empty);
            VBox root = new VBox(6, field, results);
            VBox.setVgrow(results, Priority.ALWAYS);
            root.setPadding(new Insets(8));
            root.setId("palette");
            stage.setScene(new Scene(root));
        }
        field.clear();
        refresh("");
        background.run("Could not list incidents", incidents, listed -> {
            knownIncidents = listed;
            refresh(field.getText());
        });
        stage.show();
        stage.toFront();
        field.requestFocus();
    }

    public boolean isShowing() {
        return stage != null && stage.isShowing();
    }

    private void keys(KeyEvent event) {
        switch (event.getCode()) {
            case DOWN, UP -> {
                dev.baton.ui.ListKeys.move(list, event.getCode());
                event.consume();
            }
            case ENTER -> {
                choose();
                event.consume();
            }
            case ESCAPE -> {
                stage.hide();
                event.consume();
            }
            default -> { }
        }
    }

    private void choose() {
        Entry chosen = list.getSelectionModel().getSelectedItem();
        if (chosen == null && !list.getItems().isEmpty()) {
            chosen = list.getItems().get(0);
        }
        if (chosen == null) {
            return;
        }
        stage.hide();
        Entry entry = chosen;
        Platform.runLater(() -> open.accept(entry));
    }

    private void refresh(String text) {
        long query = latest.incrementAndGet();
        PaletteSearch.Sources now = sources.apply(knownIncidents);
        background.run("Could not search", () -> search.find(text, now, LIMIT), found -> {
            if (query == latest.get()) {
                list.getItems().setAll(found);
                empty.setVisible(found.isEmpty() && !text.isBlank());
            }
        });
    }

    /** The entries as the palette lists them, for tests. */
    public List<Entry> entries() {
        return List.copyOf(list.getItems());
    }

    private static final class EntryCell extends ListCell<Entry> {
        private final Label kind = new Label();
        private final Label title = new Label();
        private final Label detail = new Label();
        private final HBox row = new HBox(8, kind, title, detail);

        EntryCell() {
            kind.setMinWidth(64);
            kind.getStyleClass().add("palette-kind");
            kind.setStyle("-fx-opacity: 0.7;");
            title.setStyle("-fx-font-weight: bold;");
            title.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            detail.setStyle("-fx-opacity: 0.7;");
            detail.setTextOverrun(javafx.scene.control.OverrunStyle.ELLIPSIS);
            detail.setMinWidth(0);
            setPrefWidth(0); // as wide as the list, never wider: the detail is cut, not scrolled to
            HBox.setHgrow(detail, Priority.ALWAYS);
        }

        @Override
        protected void updateItem(Entry entry, boolean empty) {
            super.updateItem(entry, empty);
            if (empty || entry == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            kind.setText(entry.kind().label());
            title.setText(entry.title());
            detail.setText(entry.detail().replaceAll("\\s+", " "));
            setGraphic(row);
        }
    }
}
