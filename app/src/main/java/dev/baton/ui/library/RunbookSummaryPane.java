package dev.baton.ui.library;

import dev.baton.runbook.Runbook;
import dev.baton.runbook.Step;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** What a runbook holds: title, severity, alerts and its steps. The rendered page replaces it in the console. */
public final class RunbookSummaryPane extends VBox {
    private final Label title = new Label("Choose a runbook");
    private final Label details = new Label();
    private final ListView<Step> steps = new ListView<>();

    public RunbookSummaryPane() {
        title.setId("runbook-title");
        title.getStyleClass().add("runbook-title");
        details.setWrapText(true);
        steps.setId("runbook-steps");
        steps.setCellFactory(view -> new StepCell());
        VBox.setVgrow(steps, Priority.ALWAYS);
        setPadding(new Insets(12));
        setSpacing(8);
        getChildren().addAll(title, details, steps);
    }

    public void show(Runbook runbook) {
        if (runbook == null) {
            title.setText("Choose a runbook");
            details.setText("");
            steps.getItems().clear();
            return;
        }
        title.setText(runbook.title());
        StringBuilder text = new StringBuilder(runbook.id());
        if (runbook.severity() != null) {
            text.append("  ·  severity ").append(runbook.severity());
        }
        if (!runbook.alerts().isEmpty()) {
            text.append("  ·  alerts ").append(String.join(", ", runbook.alerts()));
        }
        runbook.mttrTarget().ifPresent(mttr -> text.append("  ·  MTTR ").append(mttr.toMinutes()).append(" min"));
        details.setText(text.toString());
        steps.getItems().setAll(runbook.steps());
    }

    private static final class StepCell extends ListCell<Step> {
        @Override
        protected void updateItem(Step step, boolean empty) {
            super.updateItem(step, empty);
            if (empty || step == null) {
                setText(null);
                return;
            }
            List<String> path = step.sectionPath();
            String heading = !step.label().isEmpty() ? step.label() : path.isEmpty() ? "" : path.get(path.size() - 1);
            String flags = step.warnings().isEmpty() ? "" : "  ⚠ " + step.warnings().get(0).kind().jsonName();
            setText(step.number() + ". " + heading + " [" + (step.language().isEmpty() ? "text" : step.language()) + "]"
                    + flags + "\n" + step.command());
        }
    }
}
