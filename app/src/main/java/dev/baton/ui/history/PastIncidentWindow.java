package dev.baton.ui.history;

import dev.baton.incident.EventWords;
import dev.baton.incident.TimelineEvent;
import dev.baton.session.IncidentHistory;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * A past incident, read-only, in a window of its own: its timeline as the incident pane words it, opened at
 * one event (a search result, a Last time step). The incident is read, never taken: the responder's own
 * incident stays open and nothing is written. A timeline that does not verify says so above its events.
 */
public final class PastIncidentWindow {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private PastIncidentWindow() {}

    /** Shows {@code past} with the event at {@code seq} selected and in view (0: none). */
    public static Stage show(Window owner, IncidentHistory.PastTimeline past, long seq) {
        Label title = new Label(past.info().title() + (past.log().isEmpty() ? "" : ", " + past.log() + "'s log")
                + " — read-only");
        title.setId("past-incident-title");
        title.getStyleClass().add("pane-title");
        Label about = new Label("Started " + WHEN.format(past.info().startedAt()) + " by " + past.info().responder()
                + (past.info().alert().isBlank() ? "" : " · alert " + past.info().alert()) + " · " + past.info().id());
        Label problems = new Label(past.problems().isEmpty() ? ""
                : "This timeline does not verify: " + String.join("; ", past.problems())
                        + ". What it shows may have been changed.");
        problems.setId("past-incident-problems");
        problems.getStyleClass().add("warning");
        problems.setWrapText(true);
        problems.setVisible(!past.problems().isEmpty());
        problems.setManaged(!past.problems().isEmpty());
        ListView<TimelineEvent> events = new ListView<>();
        events.setId("past-incident-events");
        events.getItems().setAll(past.events());
        events.setCellFactory(list -> new EventCell());
        TextArea details = new TextArea();
        details.setId("past-incident-details");
        details.setEditable(false);
        details.setWrapText(true);
        details.setPrefRowCount(6);
        events.getSelectionModel().selectedItemProperty().addListener((obs, old, line) ->
                details.setText(line == null ? "" : EventWords.details(line)));
        VBox.setVgrow(events, Priority.ALWAYS);
        VBox root = new VBox(6, title, about, problems, events, details);
        root.setPadding(new Insets(8));
        Stage stage = ChildWindow.show(owner, "Past incident: " + past.info().title(), root, 820, 560);
        for (int i = 0; i < past.events().size(); i++) {
            if (past.events().get(i).seq() == seq) {
                events.getSelectionModel().select(i);
                events.scrollTo(Math.max(0, i - 3));
                break;
            }
        }
        events.requestFocus();
        return stage;
    }

    private static final class EventCell extends ListCell<TimelineEvent> {
        @Override
        protected void updateItem(TimelineEvent line, boolean empty) {
            super.updateItem(line, empty);
            if (empty || line == null) {
                setText(null);
                return;
            }
            String by = EventWords.credit(line);
            setText(WHEN.format(line.time()) + "  #" + line.seq() + "  " + EventWords.describe(line)
                    + (by.isEmpty() ? "" : "  (" + by + ")"));
        }
    }
}
