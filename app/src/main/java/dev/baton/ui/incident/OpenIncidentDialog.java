package dev.baton.ui.incident;

import dev.baton.incident.IncidentListing;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;

/**
 * "Open…": the incidents in the data folder, newest first, by title, severity, start, state and
 * responder. Up, Down and Enter choose one, as does a double click.
 */
final class OpenIncidentDialog extends Dialog<String> {
    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm zzz")
            .withZone(ZoneId.systemDefault());

    private final TableView<IncidentListing> table = new TableView<>();

    OpenIncidentDialog(List<IncidentListing> incidents) {
        setTitle("Open incident");
        setHeaderText("Continue which incident?");
        setResizable(true);
        table.setId("incident-open-table");
        table.getColumns().setAll(List.of(
                column("Title", 290, listing -> listing.info().title()),
                column("Severity", 70, listing -> listing.info().severity()),
                column("Started", 180, listing -> STARTED.format(listing.info().startedAt())),
                column("State", 90, IncidentListing::state),
                column("Responder", 110, listing -> listing.info().responder())));
        table.getColumns().forEach(column -> column.setSortable(false)); // newest first is the order that matters
        table.getItems().setAll(incidents);
        table.getSelectionModel().select(0);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.setPrefSize(780, 360);
        getDialogPane().setMinWidth(820);
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && table.getSelectionModel().getSelectedItem() != null) {
                e.consume();
                choose();
            }
        });
        table.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2
                    && table.getSelectionModel().getSelectedItem() != null) {
                choose();
            }
        });
        getDialogPane().setContent(table);
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        getDialogPane().lookupButton(ButtonType.OK).setId("incident-open-ok");
        getDialogPane().lookupButton(ButtonType.OK).disableProperty()
                .bind(table.getSelectionModel().selectedItemProperty().isNull());
        setResultConverter(button -> button == ButtonType.OK ? selectedId() : null);
        Platform.runLater(table::requestFocus);
    }

    private void choose() {
        setResult(selectedId());
        close();
    }

    private String selectedId() {
        IncidentListing chosen = table.getSelectionModel().getSelectedItem();
        return chosen == null ? null : chosen.info().id();
    }

    private static TableColumn<IncidentListing, String> column(String title, double width,
            Function<IncidentListing, String> value) {
        TableColumn<IncidentListing, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }
}
