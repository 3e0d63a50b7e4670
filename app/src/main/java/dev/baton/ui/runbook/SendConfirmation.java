package dev.baton.ui.runbook;

import dev.baton.ui.CommandText;
import dev.baton.runbook.Step;
import dev.baton.session.Confirmation;
import dev.baton.step.SendPlan;
import dev.baton.step.StepWarning;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * Shows the exact text before it reaches a terminal: multi-line, destructive or hidden-Unicode steps.
 * A destructive step's button names the terminal it will be typed into.
 */
final class SendConfirmation extends Dialog<Boolean> {
    SendConfirmation(Step step, SendPlan plan, Confirmation confirmation, String terminalName) {
        boolean production = !confirmation.production().isEmpty();
        setTitle(plan.mustConfirm() ? "Destructive step" : production ? "Step for production" : "Check the step");
        setHeaderText((plan.mustConfirm() ? "Destructive: " : "") + "step " + step.number() + " → terminal “"
                + terminalName + "”" + (production ? " on PRODUCTION" : ""));
        VBox content = new VBox(8);
        for (StepWarning warning : confirmation.warnings()) {
            Label label = new Label("⚠ " + warning.kind().jsonName() + ": " + warning.detail());
            label.getStyleClass().add("warning-" + warning.kind().jsonName());
            content.getChildren().add(label);
        }
        if (!confirmation.production().isEmpty()) {
            content.getChildren().add(productionNote(confirmation));
        }
        javafx.scene.Node text = CommandText.of(plan.shownText());
        content.getChildren().add(text);
        content.getChildren().add(new Label(plan.submits()
                ? "It will be sent and run."
                : "It will be typed but not run: read it in the terminal, then press Enter yourself."));
        getDialogPane().setContent(content);
        ButtonType send = new ButtonType(plan.mustConfirm() ? "Type into “" + terminalName + "”" : "Send to “" + terminalName + "”",
                ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().setAll(send, ButtonType.CANCEL);
        getDialogPane().lookupButton(send).setId("confirm-send");
        // Enter must not confirm a destructive step by reflex: Cancel is the default there.
        if (confirmation.level() == Confirmation.Level.CONFIRM) {
            ((javafx.scene.control.Button) getDialogPane().lookupButton(send)).setDefaultButton(false);
            ((javafx.scene.control.Button) getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        }
        setResultConverter(button -> button == send);
    }

    /** Said in words and in the danger colour, inline: a dialog's scene has no Baton stylesheet. */
    static Label productionNote(Confirmation confirmation) {
        Label note = new Label("⚠ PRODUCTION: this goes to " + confirmation.productionWords());
        note.setId("confirm-production");
        note.setStyle("-fx-text-fill: -color-danger-fg; -fx-font-weight: bold;");
        return note;
    }
}
