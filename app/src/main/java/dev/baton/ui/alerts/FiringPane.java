package dev.baton.ui.alerts;

import dev.baton.alerts.AlertJsonException;
import dev.baton.runbook.RunbookLibrary;
import dev.baton.session.AlertIncidents;
import dev.baton.session.FiringAlerts;
import dev.baton.sources.SourcesConfig;
import dev.baton.ui.Background;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Firing list: what the configured Alertmanagers say is firing, grouped as they group it, each alert
 * with its state and the runbook Baton has for it. Refreshed every 30 s and on demand, off the FX thread;
 * one click (or Enter) opens the alert: its runbook, and the incident for it with its labels filled in.
 */
public final class FiringPane extends VBox {
    public static final Duration REFRESH = Duration.ofSeconds(30);

    /** A row of the tree: a group's header (alert null) or one alert. */
    record Item(FiringAlerts.Group group, FiringAlerts.Row row) {}

    private final Background background;
    private final AlertIncidents incidents;
    private final Consumer<AlertIncidents.Opened> opened;
    /** Asks, when another incident is open, whether the alert joins it or starts its own; empty means cancelled. */
    private java.util.function.Function<FiringAlerts.Row, java.util.Optional<AlertIncidents.Into>> where =
            row -> java.util.Optional.of(AlertIncidents.Into.ITS_OWN);
    private final Consumer<String> status;
    private final Function<List<java.nio.file.Path>, SourcesConfig> config;
    private final TreeView<Item> table = new TreeView<>(new TreeItem<>());
    private final Label state = new Label("Not read yet");
    private final Label problems = new Label();
    /** Ticks every 30 s on a thread of its own and hands the refresh to the FX thread. */
    private final java.util.concurrent.ScheduledExecutorService clock =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "baton-firing-refresh");
                thread.setDaemon(true);
                return thread;
            });
    private boolean ticking;
    private volatile RunbookLibrary library;
    private volatile FiringAlerts firing = new FiringAlerts(List.of(), System::getenv, Duration.ofSeconds(15));
    private boolean refreshing;
    private final javafx.beans.property.ReadOnlyIntegerWrapper firingCount = new javafx.beans.property.ReadOnlyIntegerWrapper();
    private final dev.baton.session.FiringBoard board = new dev.baton.session.FiringBoard(java.time.ZoneId.systemDefault());

    /**
     * @param config  the data sources for the library's folders (read on the background thread at each refresh)
     * @param opened  told on the FX thread when an alert has been opened into the incident
     */
    public FiringPane(Background background, AlertIncidents incidents,
            Function<List<java.nio.file.Path>, SourcesConfig> config, Consumer<AlertIncidents.Opened> opened,
            Consumer<String> status) {
        this.background = background;
        this.incidents = incidents;
        this.config = config;
        this.opened = opened;
        this.status = status;
        setId("firing-pane");
        // As narrow as the runbook library may be and no narrower: the left pane keeps its tab headers.
        setMinWidth(180);
        getStyleClass().add("firing-pane");
        setSpacing(4);
        // An arrow for Refresh, and no label ever cut short: the three fit the side pane's 240 pixels.
        Button refresh = new Button("↻");
        refresh.setTooltip(new javafx.scene.control.Tooltip("Refresh (Ctrl+F5)"));
        refresh.setId("firing-refresh");
        refresh.setOnAction(e -> refresh());
        Button paste = new Button("Paste…");
        paste.setId("firing-paste");
        paste.setTooltip(new javafx.scene.control.Tooltip("Open an alert from its JSON (Ctrl+Shift+J)"));
        paste.setOnAction(e -> paste());
        Button silence = new Button("Silence…");
        silence.setId("firing-silence");
        silence.setTooltip(new javafx.scene.control.Tooltip("Silence the selected alert (Ctrl+Shift+M)"));
        for (Button button : List.of(refresh, paste, silence)) {
            button.setMinWidth(Region.USE_PREF_SIZE);
        }
        silence.setOnAction(e -> silenceSelected());
        silence.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(4, refresh, paste, gap, silence);
        state.setId("firing-state");
        state.getStyleClass().add("firing-state");
        state.setWrapText(true);
        problems.setId("firing-problems");
        problems.getStyleClass().add("firing-problems");
        problems.setWrapText(true);
        problems.setManaged(false);
        problems.setVisible(false);
        table.setId("firing-table");
        table.setShowRoot(false);
        table.setCellFactory(view -> {
            AlertCell cell = new AlertCell();
            cell.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && !cell.isEmpty() && cell.getItem().row() != null) {
                    open(cell.getItem().row());
                }
            });
            return cell;
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                selected().ifPresent(this::open);
                e.consume();
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(bar, state, problems, table);
    }

    static String since(Instant startsAt) {
        if (startsAt == null) {
            return "";
        }
        long minutes = Math.max(0, Duration.between(startsAt, Instant.now()).toMinutes());
        return minutes < 60 ? minutes + " min" : minutes < 48 * 60 ? minutes / 60 + " h " + minutes % 60 + " min"
                : minutes / (24 * 60) + " d";
    }

    /** The library whose runbooks answer the alerts, and whose folder's baton.yaml may name Alertmanagers. */
    public void setLibrary(RunbookLibrary library) {
        this.library = library;
        refresh();
        if (!ticking && !clock.isShutdown()) {
            ticking = true;
            clock.scheduleWithFixedDelay(() -> javafx.application.Platform.runLater(this::refresh),
                    REFRESH.toSeconds(), REFRESH.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /** How many alerts of the last list are firing (not silenced or inhibited), for the tab's badge. */
    public javafx.beans.property.ReadOnlyIntegerProperty firingCountProperty() {
        return firingCount.getReadOnlyProperty();
    }

    public void stop() {
        clock.shutdownNow();
    }

    public void focusList() {
        table.requestFocus();
        if (table.getSelectionModel().isEmpty() && table.getExpandedItemCount() > 0) {
            table.getSelectionModel().select(Math.min(1, table.getExpandedItemCount() - 1));
        }
    }

    /** Asks the Alertmanagers again, off the FX thread; a refresh already under way is not doubled. */
    public void refresh() {
        RunbookLibrary current = library;
        if (current == null || refreshing) {
            return;
        }
        refreshing = true;
        state.setText("Reading alerts…");
        background.run("Could not read the firing alerts", () -> {
            try {
                SourcesConfig sources = config.apply(current.folders());
                firing = FiringAlerts.of(sources);
                FiringAlerts.Listing listing = firing.list(current);
                List<String> all = new java.util.ArrayList<>(sources.problems());
                all.addAll(listing.problems());
                return new FiringAlerts.Listing(listing.groups(), all, listing.at(), listing.unreachable());
            } catch (RuntimeException e) {
                // Said in the pane in words (never an exception's class name), and the next refresh may still run.
                String why = e.getMessage() == null || e.getMessage().isBlank() ? "an internal error" : e.getMessage();
                List<String> names = firing.alertmanagers().stream().map(s -> s.name()).toList();
                return new FiringAlerts.Listing(List.of(), List.of("Could not read the firing alerts: " + why),
                        Instant.now(), names.isEmpty() ? List.of("(all)") : names);
            }
        }, listing -> {
            refreshing = false;
            show(listing);
        });
    }

    void show(FiringAlerts.Listing listing) {
        dev.baton.session.FiringBoard.Shown shown = board.next(listing);
        Optional<String> wasSelected = selected().map(row -> row.alert().fingerprint());
        TreeItem<Item> root = table.getRoot();
        root.getChildren().clear();
        for (FiringAlerts.Group group : shown.groups()) {
            TreeItem<Item> header = new TreeItem<>(new Item(group, null));
            header.setExpanded(true);
            group.rows().forEach(row -> header.getChildren().add(new TreeItem<>(new Item(group, row))));
            root.getChildren().add(header);
        }
        firingCount.set((int) shown.groups().stream().flatMap(group -> group.rows().stream())
                .filter(row -> row.alert().status().equals("firing")).count());
        state.setText(shown.headline());
        // A stale list is marked as such: greyed and italic (baton.css), and the headline says how old.
        for (javafx.scene.Node node : List.of(state, table)) {
            node.getStyleClass().remove("stale");
            if (shown.stale()) {
                node.getStyleClass().add("stale");
            }
        }
        problems.setText(String.join("\n", shown.problems()));
        problems.setVisible(!shown.problems().isEmpty());
        problems.setManaged(!shown.problems().isEmpty());
        wasSelected.ifPresent(fingerprint -> {
            for (int i = 0; i < table.getExpandedItemCount(); i++) {
                Item item = table.getTreeItem(i).getValue();
                if (item.row() != null && item.row().alert().fingerprint().equals(fingerprint)) {
                    table.getSelectionModel().select(i);
                }
            }
        });
    }

    private Optional<FiringAlerts.Row> selected() {
        TreeItem<Item> item = table.getSelectionModel().getSelectedItem();
        return item == null || item.getValue() == null ? Optional.empty() : Optional.ofNullable(item.getValue().row());
    }

    /** What decides the incident an opened alert goes into (the window asks the responder). */
    public void setWhere(java.util.function.Function<FiringAlerts.Row, java.util.Optional<AlertIncidents.Into>> where) {
        this.where = where;
    }

    /** Opens the alert: the incident for it (with its labels), then its runbook. */
    public void open(FiringAlerts.Row row) {
        java.util.Optional<AlertIncidents.Into> into = where.apply(row);
        if (into.isEmpty()) {
            status.accept(row.alert().alertname() + " not opened");
            return;
        }
        status.accept("Opening " + row.alert().alertname() + "…");
        background.onFx(incidents.open(row, into.get()), "Could not open " + row.alert().alertname(), opened);
    }

    /** Paste an alert's JSON when no Alertmanager is reachable. */
    public void paste() {
        RunbookLibrary current = library;
        if (current == null) {
            status.accept("The runbooks are still loading");
            return;
        }
        new PasteAlertDialog(text -> {
            try {
                return AlertIncidents.pasted(text, "pasted", current);
            } catch (AlertJsonException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }).showAndWait().ifPresent(this::open);
    }

    /** Silences the selected alert in its Alertmanager, after the responder has confirmed what and how long. */
    public void silenceSelected() {
        Optional<FiringAlerts.Row> row = selected();
        if (row.isEmpty()) {
            status.accept("Select a firing alert to silence");
            return;
        }
        FiringAlerts in = firing;
        String by = System.getProperty("baton.responder", System.getProperty("user.name", "responder"));
        new SilenceDialog(row.get(), by).showAndWait().ifPresent(request -> {
            Instant now = Instant.now();
            background.run("Could not silence " + row.get().alert().alertname(), () -> in.silence(request, now), id -> {
                background.onFx(incidents.silenced(request, id, now.plus(request.duration())),
                        "The silence was created but not recorded", done -> { });
                status.accept("Silenced " + row.get().alert().alertname() + " (silence " + id + ")");
                refresh();
            });
        });
    }
}
