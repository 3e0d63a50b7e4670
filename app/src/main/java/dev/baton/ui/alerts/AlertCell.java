package dev.baton.ui.alerts;

import dev.baton.alerts.FiringAlert;
import dev.baton.incident.EventWords;
import javafx.scene.control.Label;
import javafx.scene.control.TreeCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One row of the Firing list, built to read in a narrow pane: the alert's name, severity, state and age
 * on the first line, the labels that tell it apart on the second, the runbook that answers it on the
 * third. A group's row is its shared labels and how many alerts it holds.
 */
final class AlertCell extends TreeCell<FiringPane.Item> {
    private final Label name = new Label();
    private final Label severity = new Label();
    private final Label state = new Label();
    private final Label since = new Label();
    private final Label labels = new Label();
    private final Label runbook = new Label();
    private final Region gap = new Region();
    private final VBox alert;
    private final Label group = new Label();

    AlertCell() {
        name.getStyleClass().add("firing-name");
        severity.getStyleClass().add("firing-severity");
        state.getStyleClass().add("firing-status");
        since.getStyleClass().add("firing-since");
        labels.getStyleClass().add("firing-labels");
        runbook.getStyleClass().add("firing-runbook");
        group.getStyleClass().add("firing-group-labels");
        HBox.setHgrow(gap, Priority.ALWAYS);
        name.setMinWidth(0);
        since.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        alert = new VBox(1, new HBox(6, name, gap, since), new HBox(6, severity, state), labels, runbook);
        // The cell is as wide as the list, not as its text: long labels end in "…" instead of scrolling sideways.
        setPrefWidth(0);
        alert.maxWidthProperty().bind(widthProperty().subtract(36));
        group.maxWidthProperty().bind(widthProperty().subtract(24));
    }

    @Override
    protected void updateItem(FiringPane.Item item, boolean empty) {
        super.updateItem(item, empty);
        getStyleClass().removeAll("firing-group", "firing-silenced", "firing-inhibited", "firing-critical");
        setText(null);
        if (empty || item == null) {
            setGraphic(null);
            return;
        }
        if (item.row() == null) {
            getStyleClass().add("firing-group");
            java.util.Map<String, String> shared = new java.util.TreeMap<>(item.group().labels());
            String alertname = shared.remove("alertname");
            String rest = EventWords.labels(shared).replace("\"", "");
            group.setText((alertname == null ? "" : alertname) + (rest.isEmpty() ? "" : "  " + rest)
                    + "  (" + item.group().rows().size() + ")");
            setGraphic(group);
            return;
        }
        FiringAlert a = item.row().alert();
        name.setText(a.alertname());
        severity.setText(a.severity());
        state.setText(a.status());
        since.setText(FiringPane.since(a.startsAt()));
        labels.setText(String.join("  ", a.keyLabels().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        runbook.setText(item.row().runbook().map(r -> "→ " + r.title()).orElse("no runbook"));
        runbook.getStyleClass().remove("firing-no-runbook");
        if (item.row().runbook().isEmpty()) {
            runbook.getStyleClass().add("firing-no-runbook");
        }
        if (!a.status().equals("firing")) {
            getStyleClass().add("firing-" + a.status());
        } else if (a.severity().equalsIgnoreCase("critical") || a.severity().equalsIgnoreCase("page")) {
            getStyleClass().add("firing-critical");
        }
        setGraphic(alert);
    }
}
