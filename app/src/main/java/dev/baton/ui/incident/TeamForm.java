package dev.baton.ui.incident;

import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Control;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** A team dialog: labelled fields one under the other, and one action beside Cancel. */
final class TeamForm {
    private final Dialog<ButtonType> dialog = new Dialog<>();
    private final GridPane grid = new GridPane();
    private final ButtonType action;

    TeamForm(Window owner, String title, String header, String actionText, String actionId) {
        dialog.initOwner(owner);
        dialog.setTitle(title);
        dialog.setHeaderText(header);
        grid.setHgap(8);
        grid.setVgap(8);
        dialog.getDialogPane().setContent(grid);
        action = new ButtonType(actionText, ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(action, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(action).setId(actionId);
    }

    TeamForm row(String label, Control field) {
        grid.addRow(grid.getRowCount(), new Label(label), field);
        return this;
    }

    /** What leaves cannot be taken back: Enter cancels, and the action takes a click; the header says why. */
    void cancelByDefault(String why) {
        ((Button) dialog.getDialogPane().lookupButton(action)).setDefaultButton(false);
        ((Button) dialog.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        dialog.setHeaderText(dialog.getHeaderText() + ".\n" + why);
    }

    /** Shows the dialog and waits: whether the responder chose the action. */
    boolean confirmed() {
        return dialog.showAndWait().filter(action::equals).isPresent();
    }
}
