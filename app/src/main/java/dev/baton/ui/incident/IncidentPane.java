package dev.baton.ui.incident;

import dev.baton.incident.IncidentInfo;
import dev.baton.incident.PhaseClock;
import dev.baton.incident.TimelineEvent;
import dev.baton.runbook.Runbook;
import dev.baton.session.IncidentSession;
import dev.baton.session.IncidentSnapshot;
import dev.baton.ui.Background;
import java.util.List;
import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The incident under the terminals: a header with its title, clock, phase and actions (New, Open, Hand off,
 * End) over its notes ({@link IncidentNotes}) and timeline ({@link IncidentTimeline}), following the open incident.
 */
public final class IncidentPane extends VBox {
    private final IncidentSession session;
    private final ReadOnlyObjectWrapper<IncidentSnapshot> current = new ReadOnlyObjectWrapper<>();
    private final Supplier<Runbook> shownRunbook;
    private final Label title = new Label("No incident: one starts with the first step you run");
    private final Label clock = new Label();
    private final Label phase = new Label();
    private final Label teamStatus = new Label();
    /** Runs until {@link #stop()}: a running animation is held by JavaFX, and with it this pane and its window. */
    private final Timeline clockTick = new Timeline(new KeyFrame(Duration.seconds(1), e -> updateClock()));
    private final IncidentNotes notes;
    private final IncidentTimeline timeline;
    private final IncidentOpening opening;

    /** @param onHandOff what the Hand off button does: the console's handoff, which needs more than this pane knows */
    public IncidentPane(IncidentSession session, Background background, Supplier<Runbook> shownRunbook,
            Runnable onHandOff) {
        this.session = session;
        this.shownRunbook = shownRunbook;
        this.notes = new IncidentNotes(session, background, current);
        this.timeline = new IncidentTimeline(session, background, current::get);
        this.opening = new IncidentOpening(session, background, title::setText);
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
        Button open = button("Open…", "incident-open", opening::ask);
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

        // Notes above the timeline, each as wide as the pane: side by side, at 1280×720, neither read well.
        SplitPane body = new SplitPane(notes, timeline);
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
                Platform.runLater(() -> timeline.added(event));
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
        notes.load(incident == null ? "" : incident.notes());
        timeline.show(incident);
        teamStatus.setText("");
        if (incident == null) {
            title.setText("No incident: one starts with the first step you run");
        } else {
            IncidentInfo info = incident.info();
            title.setText((info.severity().isEmpty() ? "" : "[" + info.severity() + "] ") + info.title());
        }
        updateClock();
    }

    /** Teammates' events of a shared incident, each put in its place by time; their {@code by} says whose. */
    public void addTeamEvents(List<TimelineEvent> arrived) {
        timeline.addTeamEvents(arrived);
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
        notes.append(block);
    }

    /** The window is closing: the clock stops, so nothing keeps the pane alive. */
    public void stop() {
        clockTick.stop();
    }

    /** A copy handed off to someone else: its notes can be read and copied, not edited, until it is taken back. */
    public void setReadOnly(boolean readOnly) {
        notes.setReadOnly(readOnly);
    }

    /** Ctrl+S: the notes saved now and noted in the timeline. */
    public void saveNotes() {
        notes.save();
    }

    public String notesText() {
        return notes.text();
    }

    /** Every row of the timeline as the list words it, filter aside: a fork's rows with their copies. */
    public List<String> rows() {
        return timeline.rows();
    }

    public List<TimelineEvent> events() {
        return timeline.events();
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
        opening.listTeamIncidents(source);
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
        return notes.editor();
    }
}
