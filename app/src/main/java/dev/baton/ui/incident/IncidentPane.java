package dev.baton.ui.incident;

import dev.baton.incident.EventWords;
import dev.baton.incident.IncidentInfo;
import dev.baton.incident.PhaseClock;
import dev.baton.incident.TimelineEvent;
import dev.baton.render.RunbookHtmlRenderer;
import dev.baton.runbook.Runbook;
import dev.baton.session.IncidentSession;
import dev.baton.session.IncidentSnapshot;
import dev.baton.session.TeamIncidents;
import dev.baton.ui.Background;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.web.WebView;
import javafx.util.Duration;

/**
 * The incident under the terminals: its clock and phase, the responder's Markdown notes (edit and
 * preview), and the timeline as a filterable list with each event's details and output.
 */
public final class IncidentPane extends VBox {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final int DETAIL_CHARS = 64 * 1024;

    private final IncidentSession session;
    private final ReadOnlyObjectWrapper<IncidentSnapshot> current = new ReadOnlyObjectWrapper<>();
    private final Background background;
    private final Supplier<Runbook> shownRunbook;
    private final Label title = new Label("No incident: one starts with the first step you run");
    private final Label clock = new Label();
    private final Label phase = new Label();
    private final Label teamStatus = new Label();
    /** Set once the team actions exist; read on the FX thread. */
    private TeamIncidentSource teamIncidents;
    /**
     * The {@code seq} of the last of this responder's own events shown: teammates' events sit among them, and
     * rows of a fork do not count.
     */
    private long ownShown;
    private final TextArea notes = new TextArea();
    private final ToggleButton preview = new ToggleButton("Preview");
    private final StackPane notesArea = new StackPane(notes);
    private WebView previewView;
    /** Runs until {@link #stop()}: a running animation is held by JavaFX, and with it this pane and its window. */
    private final Timeline clockTick = new Timeline(new KeyFrame(Duration.seconds(1), e -> updateClock()));
    private final ObservableList<TimelineEvent> events = FXCollections.observableArrayList();
    private final FilteredList<TimelineEvent> shown = new FilteredList<>(events, e -> true);
    private final ListView<TimelineEvent> list = new ListView<>(shown);
    /** In a forked timeline: the copy each event after the fork comes from, by the event's identity. */
    private final java.util.Map<TimelineEvent, String> copies = new java.util.IdentityHashMap<>();
    private TimelineEvent forkRow;
    private String forkText = "";
    /** The open copy's mark, given to events it records while its fork is shown. */
    private String openCopy = "";
    private final TextField filter = new TextField();
    private final TextArea details = new TextArea();
    private boolean loadingNotes;

    /** @param onHandOff what the Hand off button does: the console's handoff, which needs more than this pane knows */
    public IncidentPane(IncidentSession session, Background background, Supplier<Runbook> shownRunbook,
            Runnable onHandOff) {
        this.session = session;
        this.background = background;
        this.shownRunbook = shownRunbook;
        setId("incident-pane");
        getStyleClass().add("incident-pane");
        title.setId("incident-title");
        title.getStyleClass().add("incident-title");
        clock.setId("incident-clock");
        clock.setMinWidth(Region.USE_PREF_SIZE);
        // A long title is shortened with "…" (whole in its tooltip), never pushing the actions out of the pane.
        title.setMinWidth(0);
        title.setTextOverrun(javafx.scene.control.OverrunStyle.ELLIPSIS);
        javafx.scene.control.Tooltip whole = new javafx.scene.control.Tooltip();
        whole.textProperty().bind(title.textProperty());
        title.setTooltip(whole);
        clock.getStyleClass().add("incident-clock");
        phase.setId("incident-phase");
        Button start = button("New…", "incident-new", this::askNew);
        Button open = button("Open…", "incident-open", this::askOpen);
        Button end = button("End", "incident-end", this::askEnd);
        end.disableProperty().bind(current.isNull());
        Button handOff = button("Hand off…", "incident-handoff", onHandOff);
        handOff.disableProperty().bind(current.isNull());
        phase.setMinWidth(0);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox.setHgrow(title, Priority.SOMETIMES);
        javafx.scene.control.MenuButton more = overflow(start, open, handOff, end);
        teamStatus.setId("incident-team-status");
        teamStatus.getStyleClass().add("incident-team-status");
        teamStatus.setMinWidth(0);
        teamStatus.managedProperty().bind(teamStatus.textProperty().isNotEmpty());
        teamStatus.visibleProperty().bind(teamStatus.textProperty().isNotEmpty());
        HBox header = new HBox(10, title, clock, phase, teamStatus, gap, start, open, handOff, end, more);
        header.setPadding(new Insets(4, 6, 4, 6));
        header.getStyleClass().add("incident-header");
        header.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        javafx.beans.InvalidationListener fit = o -> fitActions(header, more, List.of(start, open, handOff), end);
        header.widthProperty().addListener(fit);
        clock.widthProperty().addListener(fit);

        notes.setId("notes-editor");
        notes.setPromptText("Notes (Markdown). Captures land here; saved as you type.");
        // Wrapped to the pane: a long line reads without scrolling sideways. Monospace, so a captured df
        // or top table narrower than the pane keeps its columns.
        notes.setWrapText(true);
        notes.getStyleClass().add("notes-editor");
        notes.textProperty().addListener((obs, old, text) -> {
            if (!loadingNotes && current.get() != null) {
                session.notesChanged(text);
            }
        });
        notes.disableProperty().bind(current.isNull());
        preview.setId("notes-preview-toggle");
        preview.selectedProperty().addListener((obs, old, on) -> showPreview(on));
        Button save = button("Save", "notes-save", this::saveNotes);
        save.disableProperty().bind(current.isNull());
        HBox notesBar = new HBox(6, new Label("Notes"), preview, save);
        notesBar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox notesBox = new VBox(4, notesBar, notesArea);
        VBox.setVgrow(notesArea, Priority.ALWAYS);

        filter.setId("timeline-filter");
        filter.setPromptText("Filter timeline (type, node, text)");
        filter.textProperty().addListener((obs, old, text) -> {
            String needle = text.strip().toLowerCase(Locale.ROOT);
            shown.setPredicate(event -> needle.isEmpty() || rowText(event).toLowerCase(Locale.ROOT).contains(needle));
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
                line.setText(empty || event == null ? null : rowText(event));
                line.setStyle("-fx-max-height: 2.9em;" + (event != null && event == forkRow ? " -fx-font-weight: bold;" : ""));
                setGraphic(empty || event == null ? null : line);
                // The whole event on hover and in the details beside the list.
                setTooltip(empty || event == null ? null : new javafx.scene.control.Tooltip(rowText(event)));
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
        VBox timelineBox = new VBox(4, new Label("Timeline"), filter, timelineSplit);
        VBox.setVgrow(timelineSplit, Priority.ALWAYS);

        // Notes above the timeline, each as wide as the pane: side by side, at 1280×720, neither read well.
        SplitPane body = new SplitPane(notesBox, timelineBox);
        body.setId("incident-split");
        body.setOrientation(javafx.geometry.Orientation.VERTICAL);
        body.setDividerPositions(0.45);
        body.setPadding(new Insets(0, 4, 4, 4));
        VBox.setVgrow(body, Priority.ALWAYS);
        getChildren().setAll(header, body);

        session.addListener(new IncidentSession.Listener() {
            @Override
            public void switched(IncidentSnapshot now) {
                Platform.runLater(() -> current.set(now));
            }

            @Override
            public void recorded(TimelineEvent event) {
                Platform.runLater(() -> added(event));
            }
        });
        current.addListener((obs, old, incident) -> show(incident));
        clockTick.setCycleCount(Timeline.INDEFINITE);
        clockTick.play();
    }

    /** The actions as a menu, shown when the pane is too narrow for their buttons; each item does what its button does. */
    private static javafx.scene.control.MenuButton overflow(Button... buttons) {
        javafx.scene.control.MenuButton more = new javafx.scene.control.MenuButton("⋯");
        more.setId("incident-more");
        more.setTooltip(new javafx.scene.control.Tooltip("Incident actions: New, Open, Hand off, End"));
        more.setMinWidth(Region.USE_PREF_SIZE);
        for (Button button : buttons) {
            javafx.scene.control.MenuItem item = new javafx.scene.control.MenuItem(button.getText());
            item.setId(button.getId().replace("incident-", "incident-more-"));
            item.disableProperty().bind(button.disableProperty());
            item.setOnAction(e -> button.fire());
            more.getItems().add(item);
        }
        more.setVisible(false);
        more.setManaged(false);
        return more;
    }

    /** Title shortened to this much before any action leaves the bar for the overflow menu. */
    private static final double TITLE_ROOM = 140;

    /**
     * Keeps End reachable at any width: when the bar cannot hold the buttons beside a readable title, New,
     * Open and Hand off move into the overflow menu; narrower still, End moves there too.
     */
    private void fitActions(HBox header, javafx.scene.control.MenuButton more, List<Button> first, Button end) {
        double spacing = header.getSpacing();
        double room = header.getWidth() - header.getPadding().getLeft() - header.getPadding().getRight();
        double fixed = TITLE_ROOM + clock.prefWidth(-1) + spacing * 3;
        double menu = more.prefWidth(-1) + spacing;
        double all = fixed + end.prefWidth(-1) + spacing
                + first.stream().mapToDouble(b -> b.prefWidth(-1) + spacing).sum();
        boolean allFit = all <= room;
        boolean endFits = fixed + end.prefWidth(-1) + spacing + menu <= room;
        for (Button button : first) {
            button.setVisible(allFit);
            button.setManaged(allFit);
        }
        end.setVisible(allFit || endFits);
        end.setManaged(allFit || endFits);
        more.setVisible(!allFit);
        more.setManaged(!allFit);
    }

    private static Button button(String text, String id, Runnable action) {
        Button button = new Button(text);
        button.setId(id);
        button.setOnAction(e -> action.run());
        // A narrow pane shortens the title and clock, never the buttons' names.
        button.setMinWidth(Region.USE_PREF_SIZE);
        return button;
    }

    /** The open incident as last recorded, or null; changes on the FX thread. */
    public ReadOnlyObjectProperty<IncidentSnapshot> currentProperty() {
        return current.getReadOnlyProperty();
    }

    private void show(IncidentSnapshot incident) {
        loadingNotes = true;
        try {
            notes.setText(incident == null ? "" : incident.notes());
        } finally {
            loadingNotes = false;
        }
        copies.clear();
        forkRow = null;
        forkText = "";
        openCopy = "";
        events.setAll(incident == null ? List.of() : incident.events());
        ownShown = incident == null || incident.events().isEmpty() ? 0
                : incident.events().get(incident.events().size() - 1).seq();
        if (incident != null) {
            // Another copy of this incident in the store that went on apart after a handoff: shown as a fork.
            background.run("Could not compare with other copies of the incident",
                    () -> dev.baton.session.IncidentForks.of(session.store(), incident.info().id(), incident.events()),
                    fork -> fork.filter(f -> current.get() == incident).ifPresent(this::showFork));
        }
        teamStatus.setText("");
        details.clear();
        if (incident == null) {
            title.setText("No incident: one starts with the first step you run");
        } else {
            IncidentInfo info = incident.info();
            title.setText((info.severity().isEmpty() ? "" : "[" + info.severity() + "] ") + info.title());
        }
        updateClock();
    }

    /** The shared events, the row where the copies parted, then both copies' events, each marked with its copy. */
    private void showFork(dev.baton.session.IncidentForks.Fork fork) {
        List<TimelineEvent> rows = new java.util.ArrayList<>();
        copies.clear();
        for (dev.baton.session.IncidentForks.Row row : fork.rows()) {
            rows.add(row.event());
            if (row.fork()) {
                forkRow = row.event();
            } else if (!row.copy().isEmpty()) {
                copies.put(row.event(), row.copy());
            }
        }
        forkText = fork.text();
        openCopy = fork.openCopy();
        events.setAll(rows);
    }

    /** A timeline row in words: the fork row says where the copies parted; after it, each event names its copy. */
    private String rowText(TimelineEvent event) {
        if (event == forkRow) {
            return CLOCK.format(event.time()) + "  " + forkText;
        }
        String copy = copies.get(event);
        return copy == null ? describe(event) : "[" + copy + "] " + describe(event);
    }

    private void added(TimelineEvent event) {
        if (current.get() != null && ownShown < event.seq()) {
            ownShown = event.seq();
            if (!openCopy.isEmpty()) {
                copies.put(event, openCopy);
            }
            events.add(event);
            list.scrollTo(events.size() - 1);
        }
    }

    /** Teammates' events of a shared incident, each put in its place by time; their {@code by} says whose. */
    public void addTeamEvents(List<TimelineEvent> arrived) {
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

    /** Where the shared incident stands (in step, or how far behind and why); empty when it is not shared. */
    public void setTeamStatus(String words, String detail) {
        teamStatus.setText(words);
        teamStatus.setTooltip(detail.isEmpty() ? null : new javafx.scene.control.Tooltip(detail));
    }

    private void updateClock() {
        IncidentSnapshot incident = current.get();
        if (incident == null) {
            clock.setText("");
            phase.setText("");
            return;
        }
        java.time.Duration elapsed = incident.elapsed(java.time.Instant.now());
        clock.setText(PhaseClock.format(elapsed));
        Runbook runbook = shownRunbook.get();
        phase.setText(runbook == null ? "" : PhaseClock.status(runbook, elapsed).orElse(""));
    }

    /** Puts a capture block at the end of the notes, where the responder reads on. */
    public void appendToNotes(String block) {
        String text = notes.getText();
        String separator = text.isEmpty() || text.endsWith("\n\n") ? "" : text.endsWith("\n") ? "\n" : "\n\n";
        notes.appendText(separator + block);
        notes.positionCaret(notes.getLength());
    }

    /** The window is closing: the clock stops, so nothing keeps the pane alive. */
    public void stop() {
        clockTick.stop();
    }

    /** A copy handed off to someone else: its notes can be read and copied, not edited, until it is taken back. */
    public void setReadOnly(boolean readOnly) {
        notes.setEditable(!readOnly);
    }

    /** Ctrl+S: the notes saved now and noted in the timeline. */
    public void saveNotes() {
        session.saveNotes(notes.getText());
    }

    public String notesText() {
        return notes.getText();
    }

    /** Every row of the timeline as the list words it, filter aside: a fork's rows with their copies. */
    public List<String> rows() {
        return events.stream().map(this::rowText).toList();
    }

    public List<TimelineEvent> events() {
        return List.copyOf(events);
    }

    static String describe(TimelineEvent event) {
        String credit = EventWords.credit(event);
        return CLOCK.format(event.time()) + "  " + EventWords.describe(event) + (credit.isEmpty() ? "" : "  — " + credit);
    }

    private void showDetails(TimelineEvent event) {
        if (event == null) {
            details.clear();
            return;
        }
        StringBuilder text = new StringBuilder();
        text.append(EventWords.details(event));
        details.setText(text.toString());
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

    private void showPreview(boolean on) {
        if (!on) {
            notesArea.getChildren().setAll(notes);
            return;
        }
        if (previewView == null) {
            previewView = new WebView();
            previewView.setId("notes-preview");
            previewView.getEngine().setJavaScriptEnabled(false);
            previewView.setContextMenuEnabled(false);
        }
        String markdown = notes.getText();
        WebView view = previewView;
        background.run("Could not render the notes", () -> new RunbookHtmlRenderer().renderNotes(markdown, false),
                html -> view.getEngine().loadContent(html));
        notesArea.getChildren().setAll(previewView);
    }

    private void askNew() {
        Runbook runbook = shownRunbook.get();
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle("New incident");
        dialog.setHeaderText("Start an incident: everything you run from now on is recorded in it");
        TextField name = new TextField(runbook == null ? "" : runbook.title());
        name.setId("incident-title-field");
        TextField severity = new TextField(runbook == null || runbook.severity() == null ? "" : runbook.severity());
        TextField alert = new TextField(runbook == null || runbook.alerts().isEmpty() ? "" : runbook.alerts().get(0));
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label("Title"), name);
        grid.addRow(1, new Label("Severity"), severity);
        grid.addRow(2, new Label("Alert"), alert);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(ButtonType.OK).setId("incident-dialog-ok");
        dialog.getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(name.textProperty().isEmpty());
        Platform.runLater(name::requestFocus);
        if (dialog.showAndWait().orElse(ButtonType.CANCEL) == ButtonType.OK) {
            session.start(name.getText(), severity.getText(), alert.getText());
        }
    }

    /** Open… lists the team remote's incidents too, and joins through {@code source} the one chosen there. */
    void listTeamIncidents(TeamIncidentSource source) {
        this.teamIncidents = source;
    }

    /** This machine's incidents and the team remote config.yaml names, if any. */
    private record Openable(List<TeamIncidents.Row> local, java.util.Optional<String> remote) {}

    private void askOpen() {
        TeamIncidentSource team = teamIncidents;
        background.run("Could not list incidents", () -> new Openable(TeamIncidents.local(session.store()),
                team == null ? java.util.Optional.empty() : team.remote()), openable -> chooseIncident(openable, team));
    }

    private void chooseIncident(Openable openable, TeamIncidentSource team) {
        if (openable.local().isEmpty() && openable.remote().isEmpty()) {
            title.setText("No incidents yet in " + session.store().incidentsDirectory());
            return;
        }
        OpenIncidentDialog dialog = new OpenIncidentDialog(openable.local());
        String url = openable.remote().orElse(null);
        if (url == null) {
            dialog.noRemote();
        } else {
            dialog.looking(url);
            // The remote answers when it does: the local list is there meanwhile, and stays if it cannot.
            background.run("Could not list the team remote's incidents", () -> {
                try {
                    return team.list(url);
                } catch (IOException unreachable) {
                    return unreachable;
                }
            }, listed -> {
                if (listed instanceof TeamIncidents.Remote remote) {
                    dialog.showRemote(url, remote);
                } else {
                    dialog.showUnreachable(((IOException) listed).getMessage());
                }
            });
        }
        dialog.showAndWait().ifPresent(row -> {
            if (row.local()) {
                session.open(row.id());
            } else {
                team.joinAndOpen(row.id(), url);
            }
        });
    }

    private void askEnd() {
        javafx.scene.control.Alert confirm = new javafx.scene.control.Alert(
                javafx.scene.control.Alert.AlertType.CONFIRMATION,
                "The incident's folder, notes and timeline stay; Baton stops recording into it.",
                ButtonType.OK, ButtonType.CANCEL);
        confirm.setHeaderText("End this incident?");
        if (confirm.showAndWait().orElse(ButtonType.CANCEL) == ButtonType.OK) {
            session.end();
        }
    }

    /** For notes typed or pasted in tests and by the capture actions. */
    public TextArea notesEditor() {
        return notes;
    }

    Consumer<String> notesSink() {
        return this::appendToNotes;
    }
}
