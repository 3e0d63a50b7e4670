package dev.baton.ui.incident;

import dev.baton.incident.EventWords;
import dev.baton.incident.TimelineEvent;
import dev.baton.session.IncidentForks;
import dev.baton.session.IncidentSession;
import dev.baton.session.IncidentSnapshot;
import dev.baton.ui.Background;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The incident's timeline: a filterable list of its events (a fork's and teammates' among them) with the chosen
 * event's details and output beside it. Output files are read off the FX thread.
 */
final class IncidentTimeline extends VBox {
    private static final int DETAIL_CHARS = 64 * 1024;

    private final IncidentSession session;
    private final Background background;
    /** The incident the pane shows, or null; read on the FX thread. */
    private final Supplier<IncidentSnapshot> current;
    private final ObservableList<TimelineEvent> events = FXCollections.observableArrayList();
    private final FilteredList<TimelineEvent> shown = new FilteredList<>(events, e -> true);
    private final ListView<TimelineEvent> list = new ListView<>(shown);
    private final ForkRows rows = new ForkRows();
    /**
     * The {@code seq} of the last of this responder's own events shown: teammates' events sit among them, and
     * rows of a fork do not count.
     */
    private long ownShown;
    private final TextField filter = new TextField();
    private final TextArea details = new TextArea();

    IncidentTimeline(IncidentSession session, Background background, Supplier<IncidentSnapshot> current) {
        super(4);
        this.session = session;
        this.background = background;
        this.current = current;
        filter.setId("timeline-filter");
        filter.setPromptText("Filter timeline (type, node, text)");
        filter.textProperty().addListener((obs, old, text) -> {
            String needle = text.strip().toLowerCase(Locale.ROOT);
            shown.setPredicate(event -> needle.isEmpty() || rows.text(event).toLowerCase(Locale.ROOT).contains(needle));
        });
        list.setId("timeline-list");
        // Dense rows as wide as the list (never a horizontal scrollbar): up to two lines each, then "…".
        list.getStyleClass().add("dense");
        list.setCellFactory(view -> new ListCell<>() {
            private final Label line = new Label();

            {
                setPrefWidth(0);
                line.setWrapText(true);
                line.setStyle("-fx-max-height: 2.9em;"); // two lines at most, the rest in the details
                // Its preferred width set too: a wrapping label otherwise asks for the height of one line.
                line.maxWidthProperty().bind(list.widthProperty().subtract(24));
                line.prefWidthProperty().bind(list.widthProperty().subtract(24));
            }

            @Override
            protected void updateItem(TimelineEvent event, boolean empty) {
                super.updateItem(event, empty);
                setText(null);
                line.setText(empty || event == null ? null : rows.text(event));
                line.setStyle("-fx-max-height: 2.9em;" + (rows.isForkRow(event) ? " -fx-font-weight: bold;" : ""));
                setGraphic(empty || event == null ? null : line);
                // The whole event on hover and in the details beside the list.
                setTooltip(empty || event == null ? null : new Tooltip(rows.text(event)));
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, event) -> showDetails(event));
        details.setId("timeline-details");
        details.setEditable(false);
        details.setWrapText(false);
        details.getStyleClass().add("monospace");
        SplitPane timelineSplit = new SplitPane(list, details);
        timelineSplit.setId("timeline-split");
        // The details beside the list: with the notes above, the timeline is wide and not tall.
        timelineSplit.setDividerPositions(0.66);
        getChildren().setAll(new Label("Timeline"), filter, timelineSplit);
        VBox.setVgrow(timelineSplit, Priority.ALWAYS);
    }

    /** Another incident is open (or none): its events, and a fork once one is found among the store's copies. */
    void show(IncidentSnapshot incident) {
        rows.clear();
        events.setAll(incident == null ? List.of() : incident.events());
        ownShown = incident == null || incident.events().isEmpty() ? 0
                : incident.events().get(incident.events().size() - 1).seq();
        if (incident != null) {
            // Another copy of this incident in the store that went on apart after a handoff: shown as a fork.
            background.run("Could not compare with other copies of the incident",
                    () -> IncidentForks.of(session.store(), incident.info().id(), incident.events()),
                    fork -> fork.filter(f -> current.get() == incident).ifPresent(f -> events.setAll(rows.show(f))));
        }
        details.clear();
    }

    /** An event this responder recorded, shown once: the open incident's snapshot may hold it already. */
    void added(TimelineEvent event) {
        if (current.get() != null && ownShown < event.seq()) {
            ownShown = event.seq();
            rows.recorded(event);
            events.add(event);
            list.scrollTo(events.size() - 1);
        }
    }

    /** Teammates' events of a shared incident, each put in its place by time; their {@code by} says whose. */
    void addTeamEvents(List<TimelineEvent> arrived) {
        if (current.get() == null) {
            return;
        }
        for (TimelineEvent event : arrived) {
            int at = events.size();
            while (at > 0 && events.get(at - 1).time().isAfter(event.time())) {
                at--;
            }
            events.add(at, event);
        }
        list.scrollTo(events.size() - 1);
    }

    /** Every row of the timeline as the list words it, filter aside: a fork's rows with their copies. */
    List<String> rows() {
        return events.stream().map(rows::text).toList();
    }

    List<TimelineEvent> events() {
        return List.copyOf(events);
    }

    private void showDetails(TimelineEvent event) {
        if (event == null) {
            details.clear();
            return;
        }
        details.setText(EventWords.details(event));
        IncidentSnapshot incident = current.get();
        List<String> files = java.util.stream.Stream.of("stdout", "stderr", "file").map(event::text)
                .filter(name -> !name.isEmpty()).toList();
        if (incident == null || files.isEmpty()) {
            return;
        }
        Path folder = incident.folder();
        background.executor().execute(() -> {
            StringBuilder output = new StringBuilder();
            for (String name : files) {
                output.append("\n── ").append(name).append(" ──\n").append(head(folder, name));
            }
            Platform.runLater(() -> {
                if (list.getSelectionModel().getSelectedItem() == event) {
                    details.appendText(output.toString());
                }
            });
        });
    }

    private static String head(Path folder, String name) {
        Path file = folder.resolve(name).normalize();
        if (!file.startsWith(folder)) {
            return "(outside the incident folder: not shown)";
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(DETAIL_CHARS);
            long size = Files.size(file);
            return new String(bytes, StandardCharsets.UTF_8)
                    + (size > bytes.length ? "\n… " + (size - bytes.length) + " more bytes in " + name : "");
        } catch (IOException e) {
            return "(" + e.getMessage() + ")";
        }
    }
}
