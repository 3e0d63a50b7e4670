package dev.baton.ui.alerts;

import dev.baton.session.FiringAlerts;
import java.time.Duration;
import java.util.List;
import javafx.application.Platform;
import javafx.event.ActionEvent;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.util.StringConverter;

/**
 * Asks how long and why, shows exactly what will be silenced where, and creates nothing until the
 * responder presses "Silence" (Cancel is the default button).
 */
final class SilenceDialog extends Dialog<FiringAlerts.SilenceRequest> {
    private static final List<Duration> DURATIONS = List.of(Duration.ofMinutes(30), Duration.ofHours(1),
            Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(8), Duration.ofHours(24));

    SilenceDialog(FiringAlerts.Row row, String by) {
        setTitle("Silence alert");
        setHeaderText("Silence " + row.alert().alertname() + " in Alertmanager " + row.source());
        ChoiceBox<Duration> duration = new ChoiceBox<>();
        duration.setId("silence-duration");
        duration.getItems().setAll(DURATIONS);
        duration.setValue(Duration.ofHours(1));
        duration.setConverter(new StringConverter<>() {
            @Override
            public String toString(Duration d) {
                return d == null ? "" : d.toMinutes() < 60 ? d.toMinutes() + " min" : d.toHours() + " h";
            }

            @Override
            public Duration fromString(String text) {
                return null;
            }
        });
        TextField comment = new TextField();
        comment.setId("silence-comment");
        comment.setPromptText("Why (shown in Alertmanager)");
        comment.setPrefColumnCount(40);
        Label what = new Label();
        what.setId("silence-what");
        what.setWrapText(true);
        what.setMaxWidth(520);
        Label problem = new Label();
        problem.setId("silence-problem");
        problem.getStyleClass().add("firing-problems");
        Runnable update = () -> what.setText(new FiringAlerts.SilenceRequest(row, duration.getValue(),
                comment.getText().isBlank() ? "…" : comment.getText(), by).describe());
        duration.valueProperty().addListener((obs, old, now) -> update.run());
        comment.textProperty().addListener((obs, old, now) -> update.run());
        update.run();
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.addRow(0, new Label("For"), duration);
        grid.addRow(1, new Label("Comment"), comment);
        grid.add(what, 0, 2, 2, 1);
        grid.add(problem, 0, 3, 2, 1);
        getDialogPane().setContent(grid);
        ButtonType silence = new ButtonType("Silence", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().setAll(silence, ButtonType.CANCEL);
        var confirm = (javafx.scene.control.Button) getDialogPane().lookupButton(silence);
        confirm.setId("silence-confirm");
        confirm.setDefaultButton(false);
        ((javafx.scene.control.Button) getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        confirm.addEventFilter(ActionEvent.ACTION, e -> {
            String wrong = new FiringAlerts.SilenceRequest(row, duration.getValue(), comment.getText(), by).problem();
            if (!wrong.isEmpty()) {
                problem.setText(wrong);
                e.consume();
            }
        });
        setResultConverter(button -> button == silence
                ? new FiringAlerts.SilenceRequest(row, duration.getValue(), comment.getText(), by) : null);
        Platform.runLater(comment::requestFocus);
    }
}
