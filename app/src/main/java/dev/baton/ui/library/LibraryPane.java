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
import javafx.scene.control.ListCell;
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
    private volatile RunbookLibrary library;

    public LibraryPane(Executor background, Consumer<String> status) {
        this.background = background;
        this.status = status;
        search.setId("runbook-search");
        search.setPromptText("Search runbooks (Ctrl+K)");
        alert.setId("alert-field");
        alert.setPromptText("Alert name, then Enter (Ctrl+L)");
        list.setId("runbook-list");
        list.setCellFactory(view -> new RunbookCell());
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(alert, search, list);
        getStyleClass().add("library-pane");
        setMinWidth(180);
        search.textProperty().addListener((obs, old, text) -> refresh(text));
        alert.setOnAction(e -> findAlert(alert.getText()));
    }

    public void setLibrary(RunbookLibrary library) {
        this.library = library;
        refresh(search.getText());
    }

    public ReadOnlyObjectProperty<Runbook> selectedRunbookProperty() {
        return list.getSelectionModel().selectedItemProperty();
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
            Platform.runLater(() -> {
                latestQuery.incrementAndGet();
                if (found.isEmpty()) {
                    status.accept(matches.isEmpty() ? "No runbook answers alert " + name.strip()
                            : "Alert " + name.strip() + " maps to " + matches.get(0).target() + ", which is not in this library");
                    return;
                }
                list.getItems().setAll(found);
                list.getSelectionModel().select(0);
                status.accept("Alert " + name.strip() + ": " + found.get(0).title()
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
        background.execute(() -> {
            List<Runbook> shown = query == null || query.isBlank() ? allByTitle(current) : hits(current, query);
            Platform.runLater(() -> {
                // A slower, older search must not overwrite the results of the newest one.
                if (queryNumber == latestQuery.get()) {
                    list.getItems().setAll(shown);
                }
            });
        });
    }

    private static List<Runbook> allByTitle(RunbookLibrary library) {
        return library.runbooks().stream()
                .sorted(Comparator.comparing(r -> r.title().toLowerCase(Locale.ROOT)))
                .toList();
    }

    private static List<Runbook> hits(RunbookLibrary library, String query) {
        return library.search(query, MAX_HITS).stream()
                .map(SearchHit::id)
                .map(library::find)
                .flatMap(Optional::stream)
                .toList();
    }

    private final class RunbookCell extends ListCell<Runbook> {
        RunbookCell() {
            // As wide as the list, not as the longest title: a long title ends in "…", with a tooltip.
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(Runbook runbook, boolean empty) {
            super.updateItem(runbook, empty);
            if (empty || runbook == null) {
                setText(null);
                setTooltip(null);
                return;
            }
            String severity = library == null ? null : library.severity(runbook).orElse(null);
            setText((severity != null ? "[" + severity + "] " : "") + runbook.title());
            setTooltip(new javafx.scene.control.Tooltip(getText()));
        }
    }
}
