package dev.baton.ui.nodes;

import dev.baton.ui.CommandText;
import dev.baton.session.Confirmation;
import dev.baton.step.ExecPlan;
import dev.baton.step.StepWarning;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** Shows the exact text before it runs on nodes; the button names them, and Enter never confirms a destructive step. */
final class NodeRunConfirmation extends Dialog<Boolean> {
    NodeRunConfirmation(int stepNumber, ExecPlan plan, Confirmation confirmation, String nodeNames) {
        setTitle(plan.mustConfirm() ? "Destructive step" : !confirmation.production().isEmpty() ? "Step for production"
                : "Check the step");
        setHeaderText((plan.mustConfirm() ? "Destructive: " : "") + "step " + stepNumber + " → " + nodeNames);
        VBox content = new VBox(8);
        for (StepWarning warning : plan.warnings()) {
            content.getChildren().add(new Label("⚠ " + warning.kind().jsonName() + ": " + warning.detail()));
        }
        if (!confirmation.production().isEmpty()) {
            Label note = new Label("⚠ PRODUCTION: this runs on " + confirmation.productionWords());
            note.setId("confirm-production");
            note.setStyle("-fx-text-fill: -color-danger-fg; -fx-font-weight: bold;");
            content.getChildren().add(note);
        }
        javafx.scene.Node text = CommandText.of(plan.shownText());
        content.getChildren().addAll(text, new Label("It runs at once over SSH; its output is captured."));
        getDialogPane().setContent(content);
        ButtonType run = new ButtonType("Run on " + nodeNames, ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().setAll(run, ButtonType.CANCEL);
        getDialogPane().lookupButton(run).setId("confirm-send");
        if (confirmation.level() == Confirmation.Level.CONFIRM) {
            ((Button) getDialogPane().lookupButton(run)).setDefaultButton(false);
            ((Button) getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        }
        setResultConverter(button -> button == run);
    }
}
