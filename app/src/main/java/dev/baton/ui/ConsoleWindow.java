package dev.baton.ui;

import dev.baton.runbook.RunbookLibrary;
import dev.baton.ui.library.LibraryPane;
import dev.baton.ui.runbook.RunbookView;
import dev.baton.session.QueryRunning;
import dev.baton.ui.query.QueryActions;
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
import java.util.function.Consumer;
import java.util.prefs.Preferences;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;

/**
 * The responder's screen: runbook library, rendered runbook, terminal tabs, incident, status bar. It builds
 * the panes and wires them together; what happens between them lives in the small classes it wires.
 */
public final class ConsoleWindow extends BorderPane {
    private final RememberedLayout layout = new RememberedLayout(this::rememberedPanes);

    private final StatusBar status = new StatusBar("Loading runbooks…", this);
    private final LibraryPane library;
    private final ShownLibrary libraryShown;
    private final RunbookView runbook;
    private final TerminalTabs terminals;
    private final NodeTerminals nodeTerminals;
    private final StepActions steps;
    private final StepSending sending;
    private final SplitPane split = new SplitPane();
    private final SideTabs tabs;
    private final NodeSessions sessions;
    private final NodesPane nodes;
    private final InventoryWithHandoff inventories = new InventoryWithHandoff();
    private final RunOnNode runOnNode;
    private final IncidentSession session;
    private final IncidentPane incident;
    private final SideColumn side;
    private final Background background;
    private final HandoffActions handoff;
    private final dev.baton.ui.incident.TeamActions team;
    private final QueryActions queries;
    private final dev.baton.ui.alerts.FiringPane firing;
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
                new dev.baton.ui.results.ResultsPane(this::placeOverSide));
        sending = new StepSending(session, executor);
        dev.baton.session.IncidentVariables incidentVariables = new dev.baton.session.IncidentVariables();
        session.addListener(incidentVariables);
        steps = new StepActions(runbook, this::terminals, sending,
                (step, values, literal) -> runOnNode.run(step, values, literal, nodes.selected()), session,
                incidentVariables, background, say, openExternal);
        terminals = new TerminalTabs(executor, say, steps::confirmExternal);
        nodeTerminals = new NodeTerminals(terminals, sessions, say);
        queries = new QueryActions(new QueryRunning(Optional.of(session), executor), session, incidentVariables,
                () -> runbook.shownRunbookProperty().get(), runbook::library, background, say, steps::confirmExternal,
                incident::appendToNotes, this::placeOverSide);
        firing = new dev.baton.ui.alerts.FiringPane(background, new dev.baton.session.AlertIncidents(session),
                folders -> dev.baton.sources.SourcesConfig.load(System.getenv(), folders.isEmpty() ? null : folders.get(0)),
                this::alertOpened, say);
        libraryShown = new ShownLibrary(background, library, firing, runbook, this::owner, say, layout::lastRunbook);
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
        RunTargetName.follow(terminals, runbook);
        runbook.shownRunbookProperty().addListener((obs, old, shown) -> layout.runbookShown(shown == null ? null : shown.id()));
        alerts = new AlertOpening(runbook, steps, queries, history.lastTime(), say);
        library.setOnAlertFound(alerts::found);
        library.selectedRunbookProperty().addListener((obs, old, selected) -> {
            if (selected != null) {
                runbook.show(selected);
            }
        });

        tabs = new SideTabs(split, library, firing);
        side = new SideColumn(terminals);
        // The runbook's column: Last time above the page when the runbook was opened from an alert.
        javafx.scene.layout.VBox runbookColumn = new javafx.scene.layout.VBox(history.lastTime(), runbook);
        javafx.scene.layout.VBox.setVgrow(runbook, javafx.scene.layout.Priority.ALWAYS);
        runbookColumn.setMinWidth(240);
        split.getItems().setAll(tabs.pane(), runbookColumn, side);
        split.setId("main-split");
        split.setDividerPositions(0.19, 0.52);
        // The dividers go where the responder puts them: without these, the terminal's 120 columns and the
        // incident's buttons made the side pane's minimum most of a 1280-pixel window.
        runbook.setMinWidth(240);
        side.setMinWidth(420);
        terminals.setMinSize(240, 100);
        // Room for the incident's buttons (New, Open, Hand off, End) beside a shortened title.
        incident.setMinWidth(420);
        layout.restore();
        side.closeOnEscFrom(this, runbook);
        menus = new ConsoleMenus(this, steps, active, this::showPalette);
        palette = new dev.baton.ui.palette.CommandPalette(background,
                listed -> new dev.baton.session.PaletteSearch.Sources(runbook.library(), nodes.inventory(), listed,
                        menus.actionNames()),
                () -> session.store().listings(),
                new PaletteOpening(library, runbook, nodes, tabs::showNodes, session::open, menus::fire));
        menus.fireShortcutsFrom(this);
        // A divider is let go with the mouse: the snapshot follows it, ready for a SIGTERM.
        addEventFilter(javafx.scene.input.MouseEvent.MOUSE_RELEASED, e -> layout.remember());
        setTop(new javafx.scene.layout.VBox(menus.bar(), handoffBanner));
        setCenter(split);
        setBottom(status);
        Theme theme = new Theme(this, terminals, runbook);
        menus.darkTheme().addListener((obs, old, on) -> theme.set(on));
        menus.darkTheme().set(RememberedLayout.dark());
        theme.set(menus.darkTheme().get());
    }

    /**
     * Puts the incident, nodes and firing panes in place. The window's first frame goes out without them:
     * they hold more than half of its controls, and the first styling pass of a cold start is the slowest.
     */
    public void addDeferredPanes() {
        if (!side.addIncident(incident)) {
            return;
        }
        tabs.setNodes(nodes);
        tabs.setFiring(firing);
        layout.remember();
    }

    /** The snapshot written at close and by the shutdown hook; filled on the FX thread only. */
    LayoutSnapshot snapshot() {
        return layout.snapshot();
    }

    /** Asked before the window closes: live SSH sessions and a note not yet saved would be lost. */
    boolean mayClose() {
        return CloseDialog.mayClose(terminals, session.notesUnsaved(), owner());
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
        tabs.showRunbooks();
    }

    void showNodesTab() {
        tabs.showNodes();
    }

    void showFiringTab() {
        tabs.showFiring();
    }

    /**
     * Folds the runbooks, nodes and firing pane into a strip at the window's edge (its room goes to the
     * runbook and the terminals) or opens it again where its divider was.
     */
    void showLeftPane(boolean shown) {
        tabs.show(shown);
    }

    boolean leftPaneShown() {
        return tabs.shown();
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
        Theme.useStylesheet(RememberedLayout.dark());
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
        nodeTerminals.open(node);
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
     * Results of runs on nodes, a query's answer and a past incident open large, over the terminals and the
     * incident, beside the runbook whose step ran: a grid of twenty nodes needs the column's height. Esc closes
     * the one in front, and the terminals are back when the last one closes.
     */
    private void placeOverSide(javafx.scene.layout.Region pane, Boolean shown) {
        side.place(pane, shown);
    }

    private javafx.stage.Window owner() {
        return getScene() == null ? null : getScene().getWindow();
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
        closed = true;
        layout.write(menus.darkTheme().get());
        libraryShown.stop();
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
        side.split().ifPresent(all::add);
        incident.lookupAll(".split-pane").stream()
                .filter(n -> n instanceof SplitPane && n.getId() != null).map(SplitPane.class::cast).forEach(all::add);
        return all;
    }

    static Preferences layoutPreferences() {
        return RememberedLayout.PREFERENCES;
    }
}
