package dev.baton.ui.history;

import dev.baton.history.PastIncident;
import dev.baton.session.IncidentHistory;
import dev.baton.session.RunComparison;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * A step's output last time beside today's run of it: the two side by side, their diff under them; or, when
 * today's incident has not run the step, last time's output alone with a note saying so. Read-only.
 */
final class RunsBesideWindow {
    private RunsBesideWindow() {
    }

    static Stage show(Window owner, PastIncident past, PastIncident.StepOutcome step, IncidentHistory.Beside beside) {
        Label title = new Label("Step " + step.step() + " of " + step.runbook() + ": last time beside today");
        title.getStyleClass().add("pane-title");
        Label note = new Label(beside.note());
        note.setId("beside-note");
        note.setWrapText(true);
        note.setVisible(!beside.note().isEmpty());
        note.setManaged(!beside.note().isEmpty());
        SplitPane sides = new SplitPane(side("beside-past", "Last time: " + past.title(), beside.past()));
        if (beside.today() != null) {
            sides.getItems().add(side("beside-today", "Today", beside.today()));
        }
        VBox.setVgrow(sides, Priority.ALWAYS);
        VBox root = new VBox(6, title, note, sides);
        if (beside.today() != null) {
            TextArea diff = text("beside-diff", beside.diff());
            diff.setPrefRowCount(8);
            root.getChildren().addAll(new Label("Diff"), diff);
        }
        root.setPadding(new Insets(8));
        return ChildWindow.show(owner, "Step " + step.step() + ": last time beside today", root, 900, 560);
    }

    private static VBox side(String id, String heading, RunComparison.RunOutput run) {
        Label head = new Label(heading + " — " + run.label() + ", " + run.outcome());
        head.setWrapText(true);
        Label command = new Label("$ " + run.command());
        TextArea output = text(id, run.text());
        VBox.setVgrow(output, Priority.ALWAYS);
        return new VBox(4, head, command, output);
    }

    private static TextArea text(String id, String text) {
        TextArea area = new TextArea(text);
        area.setId(id);
        area.setEditable(false);
        area.setStyle("-fx-font-family: monospace;");
        return area;
    }
}
