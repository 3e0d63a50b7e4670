package dev.baton.ui.runbook;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;

/** Asks for every placeholder of a step in one dialog, offering the values given earlier in the incident. */
public final class PlaceholderDialog extends Dialog<Map<String, String>> {
    public PlaceholderDialog(String stepTitle, List<String> names, Map<String, String> remembered) {
        setTitle("Fill in the step");
        setHeaderText(stepTitle);
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.setPadding(new Insets(12));
        Map<String, TextField> fields = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            TextField field = new TextField(remembered.getOrDefault(name, ""));
            field.setId("placeholder-" + name);
            field.setPromptText(name);
            field.setPrefColumnCount(32);
            fields.put(name, field);
            grid.addRow(i, new Label(name), field);
        }
        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        getDialogPane().lookupButton(ButtonType.OK).setId("placeholder-ok");
        if (!fields.isEmpty()) {
            Platform.runLater(fields.values().iterator().next()::requestFocus);
        }
        setResultConverter(button -> {
            if (button != ButtonType.OK) {
                return null;
            }
            Map<String, String> values = new LinkedHashMap<>();
            fields.forEach((name, field) -> values.put(name, field.getText()));
            return values;
        });
    }
}
