package dev.baton.ui.library;

import dev.baton.runbook.Runbook;
import dev.baton.runbook.RunbookLibrary;
import dev.baton.runbook.SearchHit;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The runbook list with search-as-you-type; searching runs off the FX thread. */
public final class LibraryPane extends VBox {
    private static final int MAX_HITS = 200;

    private final Executor background;
    private final TextField search = new TextField();
    private final ListView<Runbook> list = new ListView<>();
    private final AtomicLong latestQuery = new AtomicLong();
    private volatile RunbookLibrary library;

    public LibraryPane(Executor background) {
        this.background = background;
        search.setId("runbook-search");
        search.setPromptText("Search runbooks (Ctrl+K)");
        list.setId("runbook-list");
        list.setCellFactory(view -> new RunbookCell());
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(search, list);
        getStyleClass().add("library-pane");
        search.textProperty().addListener((obs, old, text) -> refresh(text));
        sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                scene.getAccelerators().put(
                        javafx.scene.input.KeyCombination.keyCombination("Shortcut+K"), search::requestFocus);
            }
        });
    }

    public void setLibrary(RunbookLibrary library) {
        this.library = library;
        refresh(search.getText());
    }

    public ReadOnlyObjectProperty<Runbook> selectedRunbookProperty() {
        return list.getSelectionModel().selectedItemProperty();
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
                .sorted(Comparator.comparing(r -> r.title().toLowerCase(java.util.Locale.ROOT)))
                .toList();
    }

    private static List<Runbook> hits(RunbookLibrary library, String query) {
        return library.search(query, MAX_HITS).stream()
                .map(SearchHit::id)
                .map(library::find)
                .flatMap(java.util.Optional::stream)
                .toList();
    }

    private final class RunbookCell extends ListCell<Runbook> {
        @Override
        protected void updateItem(Runbook runbook, boolean empty) {
            super.updateItem(runbook, empty);
            if (empty || runbook == null) {
                setText(null);
                return;
            }
            String severity = library == null ? null : library.severity(runbook).orElse(null);
            setText((severity != null ? "[" + severity + "] " : "") + runbook.title());
        }
    }
}
