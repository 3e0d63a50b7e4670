package dev.baton.ui.history;

import dev.baton.history.PastIncident;
import dev.baton.session.IncidentHistory;
import dev.baton.ui.Background;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * "Last time": above a runbook opened from an alert, the past incidents of the same alert, those of the same
 * service, namespace or node first, then the newest: when, who, how long, how it ended and the steps run with
 * their exit status. A click opens one read-only; a step's output can be shown beside today's run of it.
 * Hidden when the alert never fired before.
 */
public final class LastTimePane extends VBox {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());
    private static final int SHOWN = 5;

    private final Label title = new Label();
    private final ListView<PastIncident> list = new ListView<>();
    /** The steps of the selected incident that kept an output, and the button that shows one beside today's. */
    private final ComboBox<PastIncident.StepOutcome> steps = new ComboBox<>();
    private final Button beside = new Button("Output beside today's");
    private final IncidentHistory history;
    private final Background background;
    /** Which alert the pane shows: an answer for an earlier one is dropped. */
    private long asked;

    /** @param open opens an incident read-only at an event (its id, the event's seq; 0: its start) */
    public LastTimePane(IncidentHistory history, Background background, BiConsumer<String, Long> open) {
        this.history = history;
        this.background = background;
        setId("last-time");
        getStyleClass().add("last-time");
        setPadding(new Insets(4, 6, 4, 6));
        setSpacing(2);
        title.setId("last-time-title");
        title.getStyleClass().add("pane-title");
        Button close = new Button("×");
        close.setId("last-time-close");
        close.setTooltip(new javafx.scene.control.Tooltip("Hide Last time"));
        close.setOnAction(e -> hide());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox head = new HBox(6, title, gap, close);
        head.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        list.setId("last-time-list");
        list.setCellFactory(view -> new PastCell());
        list.setFixedCellSize(44);
        list.setPrefHeight(44 * 3 + 4);
        list.setMaxHeight(44 * 3 + 4);
        list.setOnMouseClicked(e -> {
            PastIncident past = list.getSelectionModel().getSelectedItem();
            if (past != null) {
                open.accept(past.id(), past.steps().isEmpty() ? 0L : past.steps().get(0).seq());
            }
        });
        list.setOnKeyPressed(e -> {
            PastIncident past = list.getSelectionModel().getSelectedItem();
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER && past != null) {
                open.accept(past.id(), past.steps().isEmpty() ? 0L : past.steps().get(0).seq());
            }
        });
        steps.setId("last-time-step");
        steps.setPromptText("A step of the selected incident");
        steps.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(PastIncident.StepOutcome step) {
                return step == null ? "" : "Step " + step.step() + " on " + step.target() + ": " + step.outcome();
            }

            @Override
            public PastIncident.StepOutcome fromString(String text) {
                return null;
            }
        });
        beside.setId("last-time-beside");
        beside.disableProperty().bind(steps.valueProperty().isNull());
        beside.setOnAction(e -> showBeside());
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, past) -> {
            steps.getItems().setAll(past == null ? List.of()
                    : past.steps().stream().filter(step -> step.exit() != null).toList());
            if (!steps.getItems().isEmpty()) {
                steps.setValue(steps.getItems().get(0));
            }
        });
        HBox compare = new HBox(6, steps, beside);
        compare.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        getChildren().setAll(head, list, compare);
        hide();
    }

    /** The chosen step's output last time beside today's run of it (off the FX thread), in a window of its own. */
    private void showBeside() {
        PastIncident past = list.getSelectionModel().getSelectedItem();
        PastIncident.StepOutcome step = steps.getValue();
        if (past == null || step == null) {
            return;
        }
        background.run("Could not read step " + step.step() + "'s output in " + past.id(),
                () -> history.beside(past.id(), step.seq(), step.runbook(), step.step()),
                found -> RunsBesideWindow.show(getScene() == null ? null : getScene().getWindow(), past, step, found));
    }

    /** Asks the history for the alert's past incidents (off the FX thread) and shows them, or hides when none. */
    public void show(String alertname, Map<String, String> labels) {
        long mine = ++asked;
        background.run("Could not read the past incidents of " + alertname,
                () -> history.lastTime(alertname, labels, SHOWN), past -> {
                    if (mine != asked) {
                        return;
                    }
                    if (past.isEmpty()) {
                        hide();
                        return;
                    }
                    title.setText("Last time " + alertname + " fired (" + past.size()
                            + (past.size() == SHOWN ? "+" : "") + (past.size() == 1 ? " incident)" : " incidents)"));
                    list.getItems().setAll(past);
                    setVisible(true);
                    setManaged(true);
                });
    }

    public void hide() {
        asked++;
        setVisible(false);
        setManaged(false);
    }

    /** One past incident in two lines: when, who, how long, how it ended; then its steps and how each ended. */
    private static final class PastCell extends ListCell<PastIncident> {
        PastCell() {
            // As wide as the list, the rest cut with an ellipsis: no sideways scrolling in a narrow column.
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(PastIncident past, boolean empty) {
            super.updateItem(past, empty);
            if (empty || past == null) {
                setText(null);
                setTooltip(null);
                return;
            }
            String labels = past.labels().entrySet().stream()
                    .filter(e -> List.of("service", "namespace", "node").contains(e.getKey()))
                    .map(e -> e.getKey() + "=" + e.getValue()).sorted().collect(Collectors.joining(" "));
            String head = DAY.format(past.startedAt()) + " · " + String.join(", ", past.responders()) + " · "
                    + (past.mttrSeconds() == null ? past.state() : "MTTR " + took(past.mttrSeconds()) + ", " + past.state())
                    + (labels.isEmpty() ? "" : " · " + labels);
            String steps = past.steps().isEmpty() ? "no step run" : past.steps().stream()
                    .map(step -> step.step() + " " + (step.exit() == null ? step.outcome() : step.exit() == 0 ? "✓" : "✗ exit " + step.exit()))
                    .limit(12).collect(Collectors.joining(" · ", "Steps: ", past.steps().size() > 12 ? " …" : ""));
            setText(head + "\n" + steps);
            setTooltip(new javafx.scene.control.Tooltip(past.title() + "\n" + past.steps().stream()
                    .map(step -> "Step " + step.step() + " on " + step.target() + ": " + step.text() + " — " + step.outcome())
                    .collect(Collectors.joining("\n"))));
        }

        private static String took(long seconds) {
            Duration d = Duration.ofSeconds(seconds);
            if (d.toHours() >= 48) {
                return d.toDays() + " d " + d.toHoursPart() + " h";
            }
            return d.toHours() > 0 ? d.toHours() + " h " + d.toMinutesPart() + " min" : Math.max(1, d.toMinutes()) + " min";
        }
    }
}
