package dev.baton.ui.library;

import dev.baton.runbook.AlertMatch;
import dev.baton.runbook.Runbook;
import dev.baton.runbook.RunbookLibrary;
import dev.baton.runbook.SearchHit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The runbook list with search-as-you-type and an alert-name field; searching runs off the FX thread. */
public final class LibraryPane extends VBox {
    private static final int MAX_HITS = 200;

    private final Executor background;
    private final Consumer<String> status;
    private final TextField search = new TextField();
    private final TextField alert = new TextField();
    private final ListView<Runbook> list = new ListView<>();
    private final AtomicLong latestQuery = new AtomicLong();
    /** The runbook the responder opened from this pane: a click, or Enter after moving with the arrow keys. */
    private final ReadOnlyObjectWrapper<Runbook> opened = new ReadOnlyObjectWrapper<>();
    /** Search snippets of the listed runbooks, by id; empty when the list is not a search. */
    private final java.util.Map<String, String> snippets = new java.util.HashMap<>();
    private boolean movingFromSearch;
    private volatile RunbookLibrary library;
    /** Opens an alert's runbook where the match says (at its heading); by default, as a click on it would. */
    private Consumer<AlertMatch> openAlert = match -> match.runbook().ifPresent(this::open);

    public LibraryPane(Executor background, Consumer<String> status) {
        this.background = background;
        this.status = status;
        search.setId("runbook-search");
        search.setPromptText("Search runbooks (Ctrl+K)");
        alert.setId("alert-field");
        alert.setPromptText("Alert name (Ctrl+L)");
        list.setId("runbook-list");
        list.setCellFactory(view -> new RunbookCell());
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(alert, search, list);
        getStyleClass().add("library-pane");
        setMinWidth(180);
        search.textProperty().addListener((obs, old, text) -> refresh(text));
        search.addEventFilter(KeyEvent.KEY_PRESSED, this::searchKeys);
        alert.setOnAction(e -> findAlert(alert.getText()));
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, selected) -> {
            if (!movingFromSearch) {
                open(selected);
            }
        });
    }

    /** Up and Down move through the results without leaving the search field; Enter opens the one chosen. */
    private void searchKeys(KeyEvent event) {
        int size = list.getItems().size();
        int at = list.getSelectionModel().getSelectedIndex();
        switch (event.getCode()) {
            case DOWN, UP -> {
                movingFromSearch = true;
                try {
                    dev.baton.ui.ListKeys.move(list, event.getCode());
                } finally {
                    movingFromSearch = false;
                }
                event.consume();
            }
            case ENTER -> {
                if (size > 0) {
                    if (at < 0) {
                        list.getSelectionModel().select(0);
                    }
                    open(list.getSelectionModel().getSelectedItem());
                }
                event.consume();
            }
            default -> { }
        }
    }

    private void open(Runbook runbook) {
        if (runbook != null) {
            // Set through null so that opening the same runbook again is still news to the listener.
            opened.set(null);
            opened.set(runbook);
        }
    }

    public void setLibrary(RunbookLibrary library) {
        this.library = library;
        refresh(search.getText());
    }

    /** The runbook opened from the list: by a click, or by Enter in the search field. */
    public ReadOnlyObjectProperty<Runbook> selectedRunbookProperty() {
        return opened.getReadOnlyProperty();
    }

    /** How a found alert's runbook is opened: the window opens it scrolled to the alert's heading. */
    public void setOnAlertFound(Consumer<AlertMatch> openAlert) {
        this.openAlert = openAlert;
    }

    public void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    public void focusAlert() {
        alert.requestFocus();
        alert.selectAll();
    }

    /** Jumps to the runbook that answers an alert: the list shows every match, the first is opened. */
    public void findAlert(String name) {
        RunbookLibrary current = library;
        if (current == null || name == null || name.isBlank()) {
            return;
        }
        background.execute(() -> {
            List<AlertMatch> matches = current.forAlert(name.strip());
            List<Runbook> found = matches.stream().map(AlertMatch::runbook).flatMap(Optional::stream).distinct().toList();
            Optional<AlertMatch> first = matches.stream().filter(m -> m.runbook().isPresent()).findFirst();
            Platform.runLater(() -> {
                latestQuery.incrementAndGet();
                if (found.isEmpty()) {
                    status.accept(matches.isEmpty() ? "No runbook answers alert " + name.strip()
                            : "Alert " + name.strip() + " maps to " + matches.get(0).target() + ", which is not in this library");
                    return;
                }
                snippets.clear();
                movingFromSearch = true; // the match opens below, at its heading
                try {
                    list.getItems().setAll(found);
                    list.getSelectionModel().select(0);
                } finally {
                    movingFromSearch = false;
                }
                openAlert.accept(first.orElseThrow());
                status.accept("Alert " + name.strip() + ": " + found.get(0).title()
                        + first.flatMap(AlertMatch::section).map(s -> " › " + s.title()).orElse("")
                        + (found.size() > 1 ? " (and " + (found.size() - 1) + " more)" : ""));
            });
        });
    }

    private void refresh(String query) {
        RunbookLibrary current = library;
        if (current == null) {
            return;
        }
        long queryNumber = latestQuery.incrementAndGet();
        // A large library's first open lists it before its index is written: the search waits for the whole index.
        boolean waiting = query != null && !query.isBlank() && !current.searchReady();
        if (waiting) {
            status.accept("The search index of " + current.runbooks().size()
                    + " runbooks is still being written: results show when it is ready");
        }
        background.execute(() -> {
            List<SearchHit> hits = query == null || query.isBlank() ? List.of() : current.search(query, MAX_HITS);
            List<Runbook> shown = query == null || query.isBlank() ? allByTitle(current) : hits.stream()
                    .map(SearchHit::id).distinct().map(current::find).flatMap(Optional::stream).distinct().toList();
            Platform.runLater(() -> {
                // A slower, older search must not overwrite the results of the newest one.
                if (queryNumber == latestQuery.get()) {
                    if (waiting) {
                        status.accept("The search index is written: the results for " + query.strip() + " are shown");
                    }
                    snippets.clear();
                    hits.forEach(hit -> snippets.put(hit.id(), hit.snippet()));
                    movingFromSearch = true; // a new result list is not the responder choosing a runbook
                    try {
                        list.getItems().setAll(shown);
                    } finally {
                        movingFromSearch = false;
                    }
                }
            });
        });
    }

    private static List<Runbook> allByTitle(RunbookLibrary library) {
        return library.runbooks().stream()
                .sorted(Comparator.comparing(r -> r.title().toLowerCase(Locale.ROOT)))
                .toList();
    }

    private final class RunbookCell extends ListCell<Runbook> {
        private final Label heading = new Label();
        private final Label around = new Label();
        private final VBox box = new VBox(1, heading, around);

        RunbookCell() {
            // As wide as the list, not as the longest title: a long title ends in "…", with a tooltip.
            setPrefWidth(0);
            around.getStyleClass().add("search-snippet");
            around.setStyle("-fx-font-size: 0.85em; -fx-opacity: 0.75;");
            around.setWrapText(true);
            around.setMaxHeight(34);
            // Wrapped to the list's width rather than widening the pane.
            around.maxWidthProperty().bind(list.widthProperty().subtract(32));
            heading.maxWidthProperty().bind(list.widthProperty().subtract(32));
        }

        @Override
        protected void updateItem(Runbook runbook, boolean empty) {
            super.updateItem(runbook, empty);
            if (empty || runbook == null) {
                setText(null);
                setTooltip(null);
                // An empty cell that kept its last runbook's box showed that runbook again below the results.
                setGraphic(null);
                return;
            }
            String severity = library == null ? null : library.severity(runbook).orElse(null);
            String title = (severity != null ? "[" + severity + "] " : "") + runbook.title();
            setTooltip(new javafx.scene.control.Tooltip(title));
            // A runbook not of the responder's own library (the sender's copy from a handoff) says so under its title.
            String label = library == null ? "" : library.label(runbook).orElse("");
            String snippet = snippets.getOrDefault(runbook.id(), label);
            if (snippet.isBlank()) {
                setGraphic(null);
                setText(title);
                return;
            }
            heading.setText(title);
            around.setText(snippet.strip().replaceAll("\\s+", " "));
            setText(null);
            setGraphic(box);
        }
    }
}
