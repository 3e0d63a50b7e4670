package dev.baton.ui.incident;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/** Asks the sender before they take back an incident they handed off: the receiver may be on it already. */
final class TakeBackConfirmation {
    private TakeBackConfirmation() {}

    /** @param header names the receiver and when it went ("Take back the incident you handed to bob at 02:51?") */
    static boolean ask(Window owner, String header, String question) {
        ButtonType takeBack = new ButtonType("Take back", ButtonBar.ButtonData.OK_DONE);
        ButtonType keep = new ButtonType("Leave it handed off", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.WARNING, question, takeBack, keep);
        alert.initOwner(owner);
        alert.setTitle("Take back the incident?");
        alert.setHeaderText(header);
        alert.getDialogPane().setId("handoff-take-back-confirm");
        alert.getDialogPane().setMinWidth(520);
        alert.getDialogPane().lookupButton(takeBack).setId("handoff-take-back-ok");
        alert.getDialogPane().lookupButton(keep).setId("handoff-take-back-cancel");
        // Leaving it handed off is the safe answer, so it is the one Enter gives.
        ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(takeBack)).setDefaultButton(false);
        ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(keep)).setDefaultButton(true);
        return alert.showAndWait().orElse(keep) == takeBack;
    }
}
