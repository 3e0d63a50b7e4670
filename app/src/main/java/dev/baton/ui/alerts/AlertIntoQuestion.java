package dev.baton.ui.alerts;

import dev.baton.session.AlertIncidents;
import dev.baton.session.FiringAlerts;
import dev.baton.session.IncidentSnapshot;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/**
 * Opening an alert while an incident for something else is open: add it to this incident, or start a new
 * one. Adding is the default (Enter): the open incident, its notes and timeline, stay in front, and an alert
 * added by mistake is one event in a timeline; a new incident started by mistake moves the responder off
 * the fire they were on, mid-step.
 */
public final class AlertIntoQuestion {
    private AlertIntoQuestion() {}

    /** Asks on the FX thread; empty when the responder cancelled. */
    public static Optional<AlertIncidents.Into> ask(Window owner, IncidentSnapshot open, FiringAlerts.Row row) {
        ButtonType add = new ButtonType("Add to this incident", ButtonBar.ButtonData.OK_DONE);
        ButtonType start = new ButtonType("Start a new one", ButtonBar.ButtonData.OTHER);
        ButtonType cancel = new ButtonType("Cancel", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert question = new Alert(Alert.AlertType.CONFIRMATION, "", add, start, cancel);
        question.setTitle("Open alert");
        question.setHeaderText("Incident \"" + open.info().title() + "\" is open. Add "
                + AlertIncidents.title(row.alert()) + " to it, or start a new incident?");
        question.setContentText("Added, the alert and its labels go into this incident's timeline. "
                + "A new incident is titled after the alert; this one stays as it is, to open again later.");
        question.getDialogPane().setId("alert-into");
        if (owner != null) {
            question.initOwner(owner);
        }
        ((Button) question.getDialogPane().lookupButton(add)).setId("alert-into-add");
        ((Button) question.getDialogPane().lookupButton(start)).setId("alert-into-new");
        ((Button) question.getDialogPane().lookupButton(cancel)).setId("alert-into-cancel");
        return question.showAndWait().flatMap(answer -> answer == add ? Optional.of(AlertIncidents.Into.THE_OPEN_ONE)
                : answer == start ? Optional.of(AlertIncidents.Into.A_NEW_ONE) : Optional.empty());
    }
}
