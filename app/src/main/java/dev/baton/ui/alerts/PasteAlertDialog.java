package dev.baton.ui.alerts;

import dev.baton.session.FiringAlerts;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.event.ActionEvent;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;

/**
 * Takes an alert's JSON (a webhook payload, {@code amtool alert query -o json}); JSON Baton cannot read
 * keeps the dialog open with the reason beside the text, so nothing pasted is lost.
 */
final class PasteAlertDialog extends Dialog<FiringAlerts.Row> {
    private FiringAlerts.Row read;

    /** @param reader the alert in the text, or an IllegalArgumentException whose message says what is wrong */
    PasteAlertDialog(Function<String, FiringAlerts.Row> reader) {
        setTitle("Open an alert");
        setHeaderText("Paste the alert's JSON: an Alertmanager webhook payload or amtool alert query -o json");
        TextArea text = new TextArea();
        text.setId("paste-alert-text");
        text.setPrefColumnCount(70);
        text.setPrefRowCount(16);
        text.setStyle("-fx-font-family: monospace");
        Label problem = new Label();
        problem.setId("paste-alert-problem");
        problem.setWrapText(true);
        problem.getStyleClass().add("firing-problems");
        getDialogPane().setContent(new VBox(8, text, problem));
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        var ok = getDialogPane().lookupButton(ButtonType.OK);
        ok.setId("paste-alert-ok");
        ok.addEventFilter(ActionEvent.ACTION, e -> {
            try {
                read = reader.apply(text.getText());
            } catch (IllegalArgumentException bad) {
                problem.setText(bad.getMessage());
                e.consume();
            }
        });
        setResultConverter(button -> button == ButtonType.OK ? read : null);
        Platform.runLater(text::requestFocus);
    }
}
