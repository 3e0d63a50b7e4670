package dev.baton.ui.incident;

import dev.baton.session.TeamIncidents;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.VBox;

/**
 * "Open…": the incidents in the data folder at once, newest first, and the team remote's beside them when they
 * arrive (or why they could not), by title, severity, start, state, responders, last activity and where they
 * are. Up, Down and Enter choose one, as does a double click; one only in the remote is joined first.
 */
final class OpenIncidentDialog extends Dialog<TeamIncidents.Row> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    private final TableView<TeamIncidents.Row> table = new TableView<>();
    private final Label remote = new Label();
    private final List<TeamIncidents.Row> local;

    OpenIncidentDialog(List<TeamIncidents.Row> local) {
        this.local = List.copyOf(local);
        setTitle("Open incident");
        setHeaderText("Continue which incident?");
        setResizable(true);
        table.setId("incident-open-table");
        table.getColumns().setAll(List.of(
                column("Title", 250, TeamIncidents.Row::title),
                column("Severity", 90, TeamIncidents.Row::severity),
                column("Started", 150, row -> time(row.started())),
                column("State", 76, TeamIncidents.Row::state),
                column("Responders", 120, row -> String.join(", ", row.responders())),
                column("Last activity", 150, row -> time(row.lastActivity())),
                column("Where", 120, TeamIncidents.Row::where)));
        table.getColumns().forEach(column -> column.setSortable(false)); // newest first is the order that matters
        table.getItems().setAll(local);
        table.getSelectionModel().select(0);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.setPrefSize(1000, 340);
        table.setPlaceholder(new Label("No incidents on this machine yet"));
        getDialogPane().setMinWidth(1040);
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
        remote.setId("incident-open-remote");
        remote.setWrapText(true);
        remote.setMaxWidth(1000);
        getDialogPane().setContent(new VBox(8, table, remote));
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        getDialogPane().lookupButton(ButtonType.OK).setId("incident-open-ok");
        getDialogPane().lookupButton(ButtonType.OK).disableProperty()
                .bind(table.getSelectionModel().selectedItemProperty().isNull());
        setResultConverter(button -> button == ButtonType.OK ? table.getSelectionModel().getSelectedItem() : null);
        Platform.runLater(table::requestFocus);
    }

    /** The remote is being asked. */
    void looking(String url) {
        remote.setText("Looking in the team remote " + TeamIncidents.shown(url, 120) + "…");
    }

    /** No team remote is set: only this machine's incidents. */
    void noRemote() {
        remote.setText("Only this machine's incidents: set team.remote in config.yaml to list the team's too.");
    }

    /** The remote's incidents arrived: merged into the list, the chosen row kept. */
    void showRemote(String url, TeamIncidents.Remote listed) {
        TeamIncidents.Row selected = table.getSelectionModel().getSelectedItem();
        table.getItems().setAll(TeamIncidents.merge(local, listed.incidents()));
        if (selected != null) {
            table.getItems().stream().filter(row -> row.id().equals(selected.id())).findFirst()
                    .ifPresent(row -> table.getSelectionModel().select(row));
        } else {
            table.getSelectionModel().select(0);
        }
        int count = listed.incidents().size();
        int skipped = listed.skipped().size();
        remote.setText(count + (count == 1 ? " incident" : " incidents") + " in the team remote "
                + TeamIncidents.shown(url, 120) + (skipped == 0 ? "" : "; " + skipped + (skipped == 1 ? " log" : " logs")
                + " skipped (hover for why)"));
        remote.setTooltip(skipped == 0 ? null : new Tooltip(String.join("\n", listed.skipped().stream().limit(20).toList())
                + (skipped > 20 ? "\n… and " + (skipped - 20) + " more" : "")));
    }

    /** The remote could not be listed: said under the local list, which stays. */
    void showUnreachable(String reason) {
        remote.setText("team remote unreachable: " + TeamIncidents.shown(reason, 300));
    }

    private void choose() {
        setResult(table.getSelectionModel().getSelectedItem());
        close();
    }

    private static String time(Instant instant) {
        return instant == null ? "?" : TIME.format(instant);
    }

    private static TableColumn<TeamIncidents.Row, String> column(String title, double width,
            Function<TeamIncidents.Row, String> value) {
        TableColumn<TeamIncidents.Row, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }
}
