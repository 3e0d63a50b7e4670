package dev.baton.ui;

import dev.baton.runbook.RunbookLibrary;
import dev.baton.ui.library.LibraryPane;
import dev.baton.ui.runbook.RunbookView;
import dev.baton.session.QueryRunning;
import dev.baton.ui.query.QueryActions;
import dev.baton.ui.query.QueryResultPane;
import dev.baton.ui.runbook.StepActions;
import dev.baton.ui.terminal.TerminalTabs;
import dev.baton.inventory.Inventory;
import dev.baton.inventory.Node;
import dev.baton.ssh.NodeSessions;
import dev.baton.ssh.SshConnector;
import dev.baton.ssh.SshSettings;
import dev.baton.ui.nodes.FxSshPrompts;
import dev.baton.ui.nodes.NodesPane;
import dev.baton.ui.nodes.RunOnNode;
import dev.baton.handoff.HandoffState;
import dev.baton.ui.incident.HandoffActions;
import dev.baton.ui.incident.HandoffBanner;
import dev.baton.ui.incident.IncidentPane;
import dev.baton.session.IncidentSession;
import dev.baton.session.FanOut;
import dev.baton.session.NodeRunning;
import dev.baton.ssh.SshPrompts;
import dev.baton.session.StepSending;
import java.util.Optional;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import javafx.application.Platform;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import java.util.function.Consumer;
import java.util.prefs.Preferences;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;

/**
 * The responder's screen: runbook library, rendered runbook, terminal tabs, status bar. It wires the
 * panes together and holds no logic of its own.
 */
public final class ConsoleWindow extends BorderPane {
    private static final String OPEN_RUNBOOK = "runbook";
    private static final Preferences LAYOUT = Preferences.userRoot().node("dev/baton/layout");
    private final PaneLayout panes = new PaneLayout(LAYOUT);
    /** The layout and open runbook as they are now, kept for the close and for a JVM stopped by a signal. */
    private final LayoutSnapshot snapshot = new LayoutSnapshot();

    private final Label status = new Label("Loading runbooks…");
    private final LibraryPane library;
    private final ShownLibrary libraryShown;
    private final RunbookView runbook;
    private final TerminalTabs terminals;
    private final StepActions steps;
    private final StepSending sending;
    private final SplitPane split;
    private final TabPane left = new TabPane();
    private final NodeSessions sessions;
    private final NodesPane nodes;
    private final InventoryWithHandoff inventories = new InventoryWithHandoff();
    private final RunOnNode runOnNode;
    private final IncidentSession session;
    private final IncidentPane incident;
    private final SplitPane right;
    /** The terminals and the incident, with a run's results or a query's answer laid over both while open. */
    private final StackPane side;
    /** What the runbook library's pane folds into: a strip with one button that opens it again. */
    private final javafx.scene.layout.VBox leftStrip;
    private double[] dividersBeforeFolding;
    private final Tab nodesTab = new Tab("Nodes");
    private final Background background;
    private final HandoffActions handoff;
    private final dev.baton.ui.incident.TeamActions team;
    private final QueryActions queries;
    private final dev.baton.ui.alerts.FiringPane firing;
    private final Tab firingTab = new Tab("Firing");
    private final dev.baton.ui.palette.CommandPalette palette;
    private final ConsoleMenus menus;
    private final dev.baton.ui.incident.ReportActions reports;
    private final RunsBesideSteps runs;
    private final ActiveTerminal active;
    private boolean closed;
    private final HandoffBanner handoffBanner;
    private final dev.baton.ui.history.HistoryActions history;
    private final AlertOpening alerts;

    /**
     * @param executor the app's one executor for blocking work; the window stops using it in {@link #close()}
     * @param session  the incident the responder works on, shared with nothing else in this process
     */
    public ConsoleWindow(ExecutorService executor, IncidentSession session, SshSettings ssh, Path spoolDirectory,
            Consumer<String> openExternal) {
        this.session = session;
        Consumer<String> say = status::setText;
        this.background = new Background(executor, new ErrorReporter(say));
        library = new LibraryPane(executor, say);
        runbook = new RunbookView(executor, this::onRunbookAction, say);
        SshConnector connector = new SshConnector(ssh, new FxSshPrompts(inventories::senderSaw), this::findNode);
        sessions = new NodeSessions(connector, executor);
        nodes = new NodesPane(sessions, this::openSshTerminal);
        handoff = new HandoffActions(session, background, say, nodes::inventory, this::openTerminals,
                runbook::library, this::addHandedOffNodes, ssh.knownHosts(), this::owner);
        reports = new dev.baton.ui.incident.ReportActions(session, background, say, runbook::library,
                this::owner);
        incident = new IncidentPane(session, background, () -> runbook.shownRunbookProperty().get(), handoff::handOff);
        team = new dev.baton.ui.incident.TeamActions(session, background, say, incident,
                this::owner);
        NodeRunning running = new NodeRunning(node -> join(sessions.connection(node)), spoolDirectory,
                Optional.of(session));
        SshConnector unattended = new SshConnector(ssh, SshPrompts.NONE, this::findNode);
        FanOut fanOut = new FanOut(FanOut.Connections.reusing(sessions::live, unattended), spoolDirectory,
                Optional.of(session));
        runOnNode = new RunOnNode(nodes::inventory, running, fanOut, background, say,
                () -> runbook.shownRunbookProperty().get(), incident::appendToNotes,
                new dev.baton.ui.results.ResultsPane(this::placeResultsPane));
        sending = new StepSending(session, executor);
        dev.baton.session.IncidentVariables incidentVariables = new dev.baton.session.IncidentVariables();
        session.addListener(incidentVariables);
        steps = new StepActions(runbook, this::terminals, sending,
                (step, values, literal) -> runOnNode.run(step, values, literal, nodes.selected()), session,
                incidentVariables, background, say, openExternal);
        terminals = new TerminalTabs(executor, say, steps::confirmExternal);
        queries = new QueryActions(new QueryRunning(Optional.of(session), executor), session, incidentVariables,
                () -> runbook.shownRunbookProperty().get(), runbook::library, background, say, steps::confirmExternal,
                incident::appendToNotes, this::placeQueryPane);
        firing = new dev.baton.ui.alerts.FiringPane(background, new dev.baton.session.AlertIncidents(session),
                folders -> dev.baton.sources.SourcesConfig.load(System.getenv(), folders.isEmpty() ? null : folders.get(0)),
                this::alertOpened, say);
        libraryShown = new ShownLibrary(background, library, firing, runbook, this::owner, say, () -> LAYOUT.get(OPEN_RUNBOOK, null));
        firing.setWhere(row -> AlertOpening.where(row, incident.currentProperty().get(), this::owner));
        handoffBanner = new HandoffBanner(() -> team.takeBack(handoff::takeBack), team::takeOver);
        team.attach(handoffBanner, nodes::inventory, runbook::open, this::addHandedOffNodes);
        sessions.addListener(new ConnectionListener(session, say));
        session.addListener(new OpenIncidentListener(session, runbook, handoffBanner, incident,
                background.errors()::say, this::addHandedOffNodes, new HandedOffTerminals(terminals, sending, say),
                libraryShown::setSnapshots));
        runs = new RunsBesideSteps(session, runbook, steps, nodes, runOnNode.results(), background, say);
        history = new PastIncidents(session, team, runbook, background, this::owner, this::placeOverSide, say).actions();
        active = new ActiveTerminal(terminals, session, sending, background, say,
                incident::appendToNotes, () -> runbook.shownRunbookProperty().get());
        nameRunTarget();
        runbook.shownRunbookProperty().addListener((obs, old, shown) ->
                snapshot.put(OPEN_RUNBOOK, shown == null ? null : shown.id()));
        alerts = new AlertOpening(runbook, steps, queries, history.lastTime(), say);
        library.setOnAlertFound(alerts::found);
        library.selectedRunbookProperty().addListener((obs, old, selected) -> {
            if (selected != null) {
                runbook.show(selected);
            }
        });

        Tab runbooksTab = new Tab("Runbooks", library);
        nodesTab.setId("nodes-tab");
        firingTab.setId("firing-tab");
        firingTab.setContent(firing);
        showFiringCount();
        left.getTabs().setAll(runbooksTab, nodesTab, firingTab);
        left.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        left.setId("side-tabs");
        right = new SplitPane(terminals, new StackPane());
        right.setOrientation(javafx.geometry.Orientation.VERTICAL);
        right.setId("side-split");
        // Terminal and incident share the height: at 1280×720 the timeline needs more than two rows.
        right.setDividerPositions(0.5);
        side = new StackPane(right);
        side.setId("side-column");
        Button unfold = new Button("»");
        unfold.setId("side-pane-unfold");
        unfold.setTooltip(new javafx.scene.control.Tooltip("Show runbooks, nodes and firing alerts (F9)"));
        unfold.setOnAction(e -> showLeftPane(true));
        leftStrip = new javafx.scene.layout.VBox(unfold);
        leftStrip.setId("side-pane-strip");
        leftStrip.setMinWidth(32);
        leftStrip.setMaxWidth(32);
        leftStrip.setPadding(new javafx.geometry.Insets(4, 2, 4, 2));
        // The runbook's column: Last time above the page when the runbook was opened from an alert.
        javafx.scene.layout.VBox runbookColumn = new javafx.scene.layout.VBox(history.lastTime(), runbook);
        javafx.scene.layout.VBox.setVgrow(runbook, javafx.scene.layout.Priority.ALWAYS);
        runbookColumn.setMinWidth(240);
        split = new SplitPane(left, runbookColumn, side);
        // A terminal taking the keys (a step sent to it, a new one) comes out from under a result laid over it.
        terminals.focusWithinProperty().addListener((obs, was, within) -> {
            if (within) {
                right.toFront();
            }
        });
        split.setId("main-split");
        split.setDividerPositions(0.19, 0.52);
        // The dividers go where the responder puts them: without these, the terminal's 120 columns and the
        // incident's buttons made the side pane's minimum most of a 1280-pixel window.
        left.setMinWidth(160);
        runbook.setMinWidth(240);
        side.setMinWidth(420);
        terminals.setMinSize(240, 100);
        // Room for the incident's buttons (New, Open, Hand off, End) beside a shortened title.
        incident.setMinWidth(420);
        panes.restore(rememberedPanes());
        status.setId("status");
        status.getStyleClass().add("status-bar");
        status.setMaxWidth(Double.MAX_VALUE);
        keepStatusFresh();
        escFromThePageClosesTheOverlay();
        menus = new ConsoleMenus(this, steps, active, this::showPalette);
        palette = new dev.baton.ui.palette.CommandPalette(background,
                listed -> new dev.baton.session.PaletteSearch.Sources(runbook.library(), nodes.inventory(), listed,
                        menus.actionNames()),
                () -> session.store().listings(), this::openFromPalette);
        // Every shortcut from any pane, a terminal too: tried before the focused control sees the key.
        javafx.event.EventHandler<javafx.scene.input.KeyEvent> shortcuts = menus::fireShortcut;
        sceneProperty().addListener((obs, old, scene) -> {
            if (old != null) {
                old.removeEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, shortcuts);
            }
            if (scene != null) {
                scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, shortcuts);
            }
        });
        // A divider is let go with the mouse: the snapshot follows it, ready for a SIGTERM.
        addEventFilter(javafx.scene.input.MouseEvent.MOUSE_RELEASED, e -> rememberPanes());
        setTop(new javafx.scene.layout.VBox(menus.bar(), handoffBanner));
        setCenter(split);
        setBottom(status);
        Theme theme = new Theme(this, terminals, runbook);
        menus.darkTheme().addListener((obs, old, on) -> theme.set(on));
        menus.darkTheme().set(LAYOUT.getBoolean("dark", false));
        theme.set(menus.darkTheme().get());
    }

    /**
     * The status bar says what just happened, never what happened a while ago: a message goes after a
     * minute, or at the responder's next click or key once it has been read for a few seconds ("press
     * Enter to run it" is not left standing after they did).
     */
    private void keepStatusFresh() {
        javafx.animation.PauseTransition expiry = new javafx.animation.PauseTransition(javafx.util.Duration.seconds(60));
        expiry.setOnFinished(e -> status.setText(""));
        long[] shownAt = {System.nanoTime()};
        status.textProperty().addListener((obs, old, text) -> {
            shownAt[0] = System.nanoTime();
            expiry.playFromStart();
        });
        javafx.event.EventHandler<javafx.event.Event> nextAction = e -> {
            if (!status.getText().isEmpty() && System.nanoTime() - shownAt[0] > java.util.concurrent.TimeUnit.SECONDS.toNanos(4)) {
                status.setText("");
            }
        };
        addEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED, nextAction);
        addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, nextAction);
    }

    /**
     * Esc takes away the result or answer lying over the terminals from the runbook page too, where the click on
     * Query or Run on nodes left the keys: one key back, not a click into the result first. It is handed to the
     * result in front, whose own Esc closes it; elsewhere (a terminal, a field) Esc stays theirs.
     */
    private void escFromThePageClosesTheOverlay() {
        addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            javafx.scene.Node front = side.getChildren().get(side.getChildren().size() - 1);
            // The copy handed on passes through here again on its way to the result: it is let through.
            if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE && front != right && e.getTarget() != front
                    && runbook.isFocusWithin()) {
                e.consume();
                front.fireEvent(e.copyFor(front, front));
            }
        });
    }

    /** The Firing tab wears the number of alerts firing, so it is seen from the Runbooks or Nodes tab. */
    private void showFiringCount() {
        Label name = new Label("Firing");
        Label count = new Label();
        count.setId("firing-count");
        count.getStyleClass().add("count-badge");
        count.textProperty().bind(firing.firingCountProperty().asString());
        count.visibleProperty().bind(firing.firingCountProperty().greaterThan(0));
        count.managedProperty().bind(count.visibleProperty());
        javafx.scene.layout.HBox label = new javafx.scene.layout.HBox(5, name, count);
        label.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        firingTab.setText(null);
        firingTab.setGraphic(label);
    }

    /** The Run buttons name the active terminal, and follow it when another tab is chosen or it is renamed. */
    private void nameRunTarget() {
        javafx.beans.InvalidationListener name = o -> runbook.setRunTarget(
                terminals.active().map(dev.baton.ui.terminal.TerminalTab::name).orElse(""));
        terminals.getSelectionModel().selectedItemProperty().addListener((obs, old, tab) -> {
            if (old != null) {
                old.textProperty().removeListener(name);
            }
            if (tab != null) {
                tab.textProperty().addListener(name);
            }
            name.invalidated(null);
        });
    }

    /**
     * Puts the incident and nodes panes in place. The window's first frame goes out without them: they
     * hold more than half of its controls, and the first styling pass of a cold start is the slowest.
     */
    public void addDeferredPanes() {
        if (incident.getParent() != null) {
            return;
        }
        right.getItems().set(1, incident); // replacing an item keeps the divider where it was
        nodesTab.setContent(nodes);
        rememberPanes();
    }

    /** The snapshot written at close and by the shutdown hook; filled on the FX thread only. */
    LayoutSnapshot snapshot() {
        return snapshot;
    }

    private void rememberPanes() {
        if (!closed) {
            panes.remember(rememberedPanes(), snapshot);
        }
    }

    /**
     * Asked before the window closes, a close from the window manager included: live SSH sessions would end
     * mid-command and a note not yet saved would be lost, so the responder confirms. Don't close is the default.
     */
    boolean mayClose() {
        List<String> ssh = terminals.all().stream()
                .filter(tab -> tab.session() instanceof dev.baton.ssh.SshShellSession)
                .map(dev.baton.ui.terminal.TerminalTab::name).toList();
        Optional<String> question = new CloseConfirmation(ssh, session.notesUnsaved()).question();
        if (question.isEmpty()) {
            return true;
        }
        javafx.scene.control.ButtonType close = new javafx.scene.control.ButtonType("Close anyway",
                javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        javafx.scene.control.ButtonType stay = new javafx.scene.control.ButtonType("Don't close",
                javafx.scene.control.ButtonBar.ButtonData.CANCEL_CLOSE);
        javafx.scene.control.Alert ask = new javafx.scene.control.Alert(
                javafx.scene.control.Alert.AlertType.CONFIRMATION, "", stay, close);
        ask.setTitle("Close Baton");
        ask.setHeaderText(question.get());
        ask.setContentText(ssh.isEmpty() ? "Closing now loses the note typed last."
                : "Closing ends the SSH sessions and any command still running in them.");
        ask.getDialogPane().setId("close-confirm");
        if (getScene() != null) {
            ask.initOwner(getScene().getWindow());
        }
        javafx.scene.control.Button closeButton = (javafx.scene.control.Button) ask.getDialogPane().lookupButton(close);
        closeButton.setId("close-confirm-close");
        closeButton.setDefaultButton(false);
        javafx.scene.control.Button stayButton = (javafx.scene.control.Button) ask.getDialogPane().lookupButton(stay);
        stayButton.setId("close-confirm-stay");
        stayButton.setDefaultButton(true);
        return ask.showAndWait().filter(close::equals).isPresent();
    }

    /** What Enter on a palette entry does: each kind opens the way its own pane would. */
    private void openFromPalette(dev.baton.session.PaletteSearch.Entry entry) {
        switch (entry.kind()) {
            case ALERT -> library.findAlert(entry.key());
            case RUNBOOK -> runbook.open(entry.key());
            case STEP -> runbook.library().find(entry.key()).ifPresent(found -> runbook.showStep(found, entry.step()));
            case NODE -> nodes.inventory().find(entry.key()).ifPresent(node -> {
                showNodesTab();
                nodes.select(node);
            });
            case INCIDENT -> session.open(entry.key());
            case ACTION -> menus.fire(entry.key());
        }
    }

    private void showPalette() {
        palette.show(getScene().getWindow());
    }

    /** Ctrl+Shift+F: search every past incident. */
    void showHistorySearch() {
        history.showSearch();
    }

    public dev.baton.ui.history.HistoryActions history() {
        return history;
    }

    void showRunbooksTab() {
        showLeftPane(true);
        left.getSelectionModel().select(0);
    }

    void showNodesTab() {
        showLeftPane(true);
        left.getSelectionModel().select(nodesTab);
    }

    void showFiringTab() {
        showLeftPane(true);
        left.getSelectionModel().select(firingTab);
    }

    /**
     * Folds the runbooks, nodes and firing pane into a strip at the window's edge (its room goes to the
     * runbook and the terminals) or opens it again where its divider was.
     */
    void showLeftPane(boolean shown) {
        if (shown == split.getItems().contains(left)) {
            return;
        }
        if (shown) {
            split.getItems().set(0, left);
            if (dividersBeforeFolding != null) {
                split.setDividerPositions(dividersBeforeFolding);
            }
        } else {
            dividersBeforeFolding = split.getDividerPositions();
            double[] folded = dividersBeforeFolding.clone();
            split.getItems().set(0, leftStrip);
            // The runbook keeps its share of what the library gave up.
            double width = Math.max(1, split.getWidth());
            folded[0] = 32 / width;
            split.setDividerPositions(folded);
        }
    }

    boolean leftPaneShown() {
        return split.getItems().contains(left);
    }

    /** Capture, record and zoom of the active terminal, as the menus do them. */
    public ActiveTerminal activeTerminal() {
        return active;
    }

    public HandoffBanner handoffBanner() {
        return handoffBanner;
    }

    private List<HandoffState.Terminal> openTerminals() {
        return terminals.all().stream().map(tab -> tab.session() instanceof dev.baton.ssh.SshShellSession
                ? new HandoffState.Terminal(tab.name(), "ssh", tab.name())
                : new HandoffState.Terminal(tab.name(), "local", "")).toList();
    }

    /**
     * The nodes a handoff names, kept beside the responder's own inventory (which may load after them): a node
     * the inventory lacks is added in its groups, one it has stays production if the sender's said so.
     */
    private void addHandedOffNodes(dev.baton.session.Handoffs.HandedOffNodes handed) {
        nodes.setInventory(inventories.withHandedOff(handed));
    }

    /** Share this incident and Join…, and the open incident's live sync. */
    public dev.baton.ui.incident.TeamActions team() {
        return team;
    }

    public HandoffActions handoff() {
        return handoff;
    }

    public dev.baton.ui.incident.ReportActions reports() {
        return reports;
    }

    public IncidentPane incident() {
        return incident;
    }

    /**
     * Sets the saved theme. Called before the first control is built: any control built earlier makes
     * JavaFX parse its own default stylesheet (Modena, 138 KB), only for the theme to replace it.
     */
    public static void useSavedTheme() {
        Theme.useStylesheet(LAYOUT.getBoolean("dark", false));
    }

    /** Continues the incident the responder was on when Baton last stopped, if any. */
    public void resumeIncident() {
        session.resumeCurrent();
    }

    public void setLibrary(RunbookLibrary loaded, String summary) {
        status.setText(summary);
        libraryShown.setOwn(loaded);
    }

    /** Opens a terminal tab on the node, connecting first if needed; the UI never waits for it. */
    public void openSshTerminal(Node node) {
        status.setText("Connecting to " + node.name() + "…");
        terminals.open(() -> {
            try {
                var shell = sessions.connection(node).join().openShell(120, 32);
                Platform.runLater(() -> status.setText("Terminal on " + node.name() + " (" + node.address() + ")"));
                return shell;
            } catch (CompletionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause().getMessage(), e);
            }
        }, node.name(), dev.baton.terminal.TerminalTarget.of(node));
    }

    private static <T> T join(java.util.concurrent.CompletableFuture<T> future) throws IOException {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause().getMessage(), e.getCause());
        }
    }

    /** Where failures are reported; also the handler for uncaught exceptions. */
    public ErrorReporter errors() {
        return background.errors();
    }

    private java.util.Optional<Node> findNode(String name) {
        return nodes.inventory().find(name);
    }

    public void setInventory(Inventory inventory) {
        nodes.setInventory(inventories.withOwn(inventory));
    }

    public NodesPane nodes() {
        return nodes;
    }

    public NodeSessions sessions() {
        return sessions;
    }

    public RunOnNode runOnNode() {
        return runOnNode;
    }

    public void setStatus(String text) {
        status.setText(text);
    }

    public LibraryPane library() {
        return library;
    }

    public RunbookView runbook() {
        return runbook;
    }

    public TerminalTabs terminals() {
        return terminals;
    }

    /** An alert opened into the incident: its runbook shown, its labels ready for the steps' placeholders. */
    private void alertOpened(dev.baton.session.AlertIncidents.Opened opened) {
        alerts.opened(opened);
    }

    public dev.baton.ui.alerts.FiringPane firing() {
        return firing;
    }

    /** A click in the runbook page: the view is built before the actions it leads to. */
    private void onRunbookAction(dev.baton.render.BatonUrls.Parsed action) {
        switch (action.action()) {
            case QUERY -> queries.query(action.number());
            case OUTPUT -> runs.showOutput(action.number());
            case RERUN -> runs.rerun(action.number());
            default -> steps.handle(action);
        }
    }

    /**
     * Results of runs on nodes open large, over the terminals and the incident, beside the runbook whose
     * step ran: a grid of twenty nodes needs the column's height. Esc closes the tab in front, and the
     * terminals are back when the last one closes.
     */
    private void placeResultsPane(dev.baton.ui.results.ResultsPane pane, boolean shown) {
        placeOverSide(pane, shown);
    }

    /** A query's answer opens over the terminals and the incident too, beside the runbook; Esc goes back. */
    private void placeQueryPane(QueryResultPane pane, boolean shown) {
        placeOverSide(pane, shown);
    }

    private javafx.stage.Window owner() {
        return getScene() == null ? null : getScene().getWindow();
    }

    private void placeOverSide(javafx.scene.layout.Region pane, Boolean shown) {
        if (shown) {
            if (!side.getChildren().contains(pane)) {
                pane.getStyleClass().add("over-side");
                side.getChildren().add(pane);
            }
            pane.toFront();
        } else {
            side.getChildren().remove(pane);
        }
    }

    /**
     * Remembers the layout, then closes in one order: result windows, terminals (waiting for their
     * sessions to end), SSH connections, and last the incident, whose pending writes are flushed. The
     * executor is still running throughout; its owner stops it after this returns.
     */
    public void close() {
        if (closed) {
            return;
        }
        panes.remember(rememberedPanes(), snapshot);
        closed = true;
        libraryShown.stop();
        snapshot.writeTo(LAYOUT);
        LAYOUT.putBoolean("dark", menus.darkTheme().get());
        runs.stop();
        team.stop();
        history.history().close();
        incident.stop();
        firing.stop();
        runOnNode.closeWindows();
        terminals.closeAll();
        sessions.close();
        session.close();
    }

    /**
     * The dividers kept between runs: the window's and the incident pane's. The side pane is left out
     * while a query answer sits in it, so its three-way split is not restored into two.
     */
    private List<SplitPane> rememberedPanes() {
        List<SplitPane> all = new java.util.ArrayList<>();
        if (leftPaneShown()) {
            all.add(split);
        }
        if (right.getItems().size() == 2) {
            all.add(right);
        }
        incident.lookupAll(".split-pane").stream()
                .filter(n -> n instanceof SplitPane && n.getId() != null).map(SplitPane.class::cast).forEach(all::add);
        return all;
    }

    static Preferences layoutPreferences() {
        return LAYOUT;
    }
}
