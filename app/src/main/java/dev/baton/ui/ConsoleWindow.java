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
import dev.baton.ssh.ConnectionState;
import dev.baton.ssh.NodeSessions;
import dev.baton.ssh.SshConnector;
import dev.baton.ssh.SshSettings;
import dev.baton.ui.nodes.FxSshPrompts;
import dev.baton.ui.nodes.NodesPane;
import dev.baton.ui.nodes.RunOnNode;
import dev.baton.terminal.AsciicastRecorder;
import dev.baton.handoff.HandoffState;
import dev.baton.ui.incident.HandoffActions;
import dev.baton.ui.incident.IncidentPane;
import dev.baton.session.IncidentSession;
import dev.baton.session.IncidentSnapshot;
import dev.baton.session.FanOut;
import dev.baton.session.NodeRunning;
import dev.baton.ssh.SshPrompts;
import dev.baton.session.StepSending;
import java.util.Optional;
import java.io.IOException;
import java.time.Instant;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import javafx.application.Platform;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import java.util.function.Consumer;
import java.util.prefs.Preferences;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;

/**
 * The responder's screen: runbook library, rendered runbook, terminal tabs, status bar. It wires the
 * panes together and holds no logic of its own.
 */
public final class ConsoleWindow extends BorderPane {
    private static final Preferences LAYOUT = Preferences.userRoot().node("dev/baton/layout");
    private final PaneLayout panes = new PaneLayout(LAYOUT);

    private final Label status = new Label("Loading runbooks…");
    private final LibraryPane library;
    private final RunbookView runbook;
    private final TerminalTabs terminals;
    private final StepActions steps;
    private final StepSending sending;
    private final SplitPane split;
    private final CheckMenuItem dark = new CheckMenuItem("Dark theme");
    private final TabPane left = new TabPane();
    private final NodeSessions sessions;
    private final NodesPane nodes;
    private final RunOnNode runOnNode;
    private final IncidentSession session;
    private final IncidentPane incident;
    private final SplitPane right;
    private final Tab nodesTab = new Tab("Nodes");
    private final Background background;
    private final HandoffActions handoff;
    private final QueryActions queries;
    private final dev.baton.ui.alerts.FiringPane firing;
    private final Tab firingTab = new Tab("Firing");
    private final dev.baton.ui.palette.CommandPalette palette;
    /** Each step's last runs, beside it on the page. */
    private final dev.baton.ui.runbook.RunHistory runHistory = new dev.baton.ui.runbook.RunHistory(this::refreshRunbook);
    private boolean closed;
    private final dev.baton.ui.incident.HandoffBanner handoffBanner = new dev.baton.ui.incident.HandoffBanner(this::takeBack);

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
        SshConnector connector = new SshConnector(ssh, new FxSshPrompts(), this::findNode);
        sessions = new NodeSessions(connector, executor);
        nodes = new NodesPane(sessions, this::openSshTerminal);
        handoff = new HandoffActions(session, background, say, nodes::inventory, this::openTerminals,
                runbook::library, this::addHandedOffNodes, () -> getScene() == null ? null : getScene().getWindow());
        incident = new IncidentPane(session, background, () -> runbook.shownRunbookProperty().get(), handoff::handOff);
        NodeRunning running = new NodeRunning(node -> join(sessions.connection(node)), spoolDirectory,
                Optional.of(session));
        SshConnector unattended = new SshConnector(ssh, SshPrompts.NONE, this::findNode);
        FanOut fanOut = new FanOut(FanOut.Connections.reusing(sessions::live, unattended), spoolDirectory,
                Optional.of(session));
        runOnNode = new RunOnNode(nodes::inventory, running, fanOut, background, say,
                () -> runbook.shownRunbookProperty().get(), incident::appendToNotes,
                new dev.baton.ui.results.ResultsPane(this::placeResultsPane));
        sending = new StepSending(session, executor);
        steps = new StepActions(runbook, this::terminals, sending,
                (step, values) -> runOnNode.run(step, values, nodes.selected()), session, background, say,
                openExternal);
        terminals = new TerminalTabs(executor, say, steps::confirmExternal);
        queries = new QueryActions(new QueryRunning(Optional.of(session), executor), session,
                () -> runbook.shownRunbookProperty().get(), runbook::library, background, say, steps::confirmExternal,
                incident::appendToNotes, this::placeQueryPane);
        firing = new dev.baton.ui.alerts.FiringPane(background, new dev.baton.session.AlertIncidents(session),
                folders -> dev.baton.sources.SourcesConfig.load(System.getenv(), folders.isEmpty() ? null : folders.get(0)),
                this::alertOpened, say);
        sessions.addListener((node, state, detail) -> Platform.runLater(() -> {
            if (state != ConnectionState.CONNECTING && state != ConnectionState.CONNECTED) {
                say.accept(node.name() + ": " + state.label() + " — " + detail);
            }
        }));
        sessions.addListener((node, state, detail) -> {
            if (state == ConnectionState.CONNECTED) {
                session.connection(node.name(), true, node.address());
            } else if (state == ConnectionState.LOST) {
                session.connection(node.name(), false, detail);
            }
        });
        session.addListener(new IncidentSession.Listener() {
            @Override
            public void reopened(IncidentSnapshot now) {
                Platform.runLater(() -> {
                    runbook.setTicked(now.ticked());
                    handoffChanged(now.events(), true);
                });
            }

            @Override
            public void switched(IncidentSnapshot now) {
                List<dev.baton.incident.TimelineEvent> events = now == null ? List.of() : now.events();
                Platform.runLater(() -> handoffChanged(events, false));
            }

            @Override
            public void recorded(dev.baton.incident.TimelineEvent event) {
                if (event.type().startsWith("handoff.")) {
                    session.snapshot().thenAccept(now -> Platform.runLater(() -> handoffChanged(
                            now.map(IncidentSnapshot::events).orElse(List.of()), false)));
                }
            }

            @Override
            public void told(String message) {
                background.errors().say(message);
            }
        });
        nameRunTarget();
        session.addListener(runHistory);
        runbook.setRuns(runHistory::of);
        library.selectedRunbookProperty().addListener((obs, old, selected) -> {
            if (selected != null) {
                runbook.show(selected);
            }
        });

        Tab runbooksTab = new Tab("Runbooks", library);
        nodesTab.setId("nodes-tab");
        firingTab.setId("firing-tab");
        firingTab.setContent(firing);
        left.getTabs().setAll(runbooksTab, nodesTab, firingTab);
        left.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        right = new SplitPane(terminals, new StackPane());
        right.setOrientation(javafx.geometry.Orientation.VERTICAL);
        right.setId("side-split");
        // Terminal and incident share the height: at 1280×720 the timeline needs more than two rows.
        right.setDividerPositions(0.5);
        split = new SplitPane(left, runbook, right);
        split.setId("main-split");
        split.setDividerPositions(0.19, 0.52);
        // The dividers go where the responder puts them: without these, the terminal's 120 columns and the
        // incident's buttons made the side pane's minimum most of a 1280-pixel window.
        left.setMinWidth(160);
        runbook.setMinWidth(240);
        right.setMinWidth(420);
        terminals.setMinSize(240, 100);
        // Room for the incident's buttons (New, Open, Hand off, End) beside a shortened title.
        incident.setMinWidth(420);
        panes.restore(rememberedPanes());
        status.setId("status");
        status.getStyleClass().add("status-bar");
        status.setMaxWidth(Double.MAX_VALUE);
        MenuBar menuBar = menus();
        palette = new dev.baton.ui.palette.CommandPalette(background,
                listed -> new dev.baton.session.PaletteSearch.Sources(runbook.library(), nodes.inventory(), listed,
                        actionNames(menuBar)),
                () -> session.store().listings(), entry -> openFromPalette(entry, menuBar));
        setTop(new javafx.scene.layout.VBox(menuBar, handoffBanner));
        setCenter(split);
        setBottom(status);
        dark.selectedProperty().addListener((obs, old, on) -> setDark(on));
        dark.setSelected(LAYOUT.getBoolean("dark", false));
        setDark(dark.isSelected());
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
    }

    private MenuBar menus() {
        MenuItem newTerminal = item("New local terminal", "Shortcut+T", terminals::openLocalShell);
        MenuItem closeTab = item("Close terminal", "Shortcut+W", terminals::closeActive);
        MenuItem zoomIn = item("Larger text", "Shortcut+EQUALS", () -> zoom(1));
        MenuItem zoomOut = item("Smaller text", "Shortcut+MINUS", () -> zoom(-1));
        MenuItem zoomReset = item("Default text size", "Shortcut+0", () -> zoom(0));
        MenuItem search = item("Search runbooks", "Shortcut+K", library::focusSearch);
        MenuItem alert = item("Find runbook for alert", "Shortcut+L", library::focusAlert);
        MenuItem goTo = item("Go to anything…", "Shortcut+P", () -> palette.show(getScene().getWindow()));
        MenuItem back = item("Back", "Alt+Left", runbook::goBack);
        MenuItem forward = item("Forward", "Alt+Right", runbook::goForward);
        MenuItem runStep = item("Run current step", "Shortcut+Enter", steps::runCurrent);
        MenuItem runOnNodes = item("Run current step on node…", "Shortcut+Shift+Enter", steps::runCurrentOnNode);
        MenuItem showFiring = item("Firing alerts", "Shortcut+Shift+F", () -> {
            left.getSelectionModel().select(firingTab);
            firing.focusList();
        });
        MenuItem refreshFiring = item("Refresh firing alerts", "Shortcut+F5", firing::refresh);
        MenuItem pasteAlert = item("Open alert from JSON…", "Shortcut+Shift+J", firing::paste);
        MenuItem silence = item("Silence selected alert…", "Shortcut+Shift+M", firing::silenceSelected);
        MenuItem findNode = item("Find node", "Shortcut+Shift+N", () -> {
            left.getSelectionModel().select(nodesTab);
            nodes.focusFilter();
        });
        MenuItem nodeTerminal = item("Open terminal on selected node", "Shortcut+Shift+T",
                () -> nodes.selected().ifPresent(this::openSshTerminal));
        MenuItem reconnect = item("Reconnect selected node", "Shortcut+Shift+R",
                () -> nodes.selected().ifPresent(sessions::reconnect));
        MenuItem newIncident = item("New incident…", "Shortcut+I", () -> incident.lookupAll("#incident-new")
                .forEach(button -> ((javafx.scene.control.Button) button).fire()));
        MenuItem saveNotes = item("Save notes", "Shortcut+S", incident::saveNotes);
        MenuItem captureSelection = item("Capture terminal selection", "Shortcut+Shift+S", this::captureSelection);
        MenuItem captureLast = item("Capture last command's output", "Shortcut+Shift+L", this::captureLastCommand);
        MenuItem handOff = item("Hand off…", "Shortcut+Shift+H", handoff::handOff);
        MenuItem openHandoff = item("Open handoff bundle…", "Shortcut+Shift+O", handoff::chooseAndOpen);
        MenuItem takeBack = item("Take back handed-off incident", "Shortcut+Shift+B", this::takeBack);
        MenuItem record = item("Record this terminal (asciicast) on/off", "Shortcut+Shift+E", this::toggleRecording);
        dark.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+D"));
        return new MenuBar(
                new Menu("Terminal", null, newTerminal, closeTab, zoomIn, zoomOut, zoomReset),
                new Menu("Runbook", null, goTo, search, alert, back, forward, runStep, runOnNodes),
                new Menu("Alerts", null, showFiring, refreshFiring, pasteAlert, silence),
                new Menu("Nodes", null, findNode, nodeTerminal, reconnect),
                new Menu("Incident", null, newIncident, saveNotes, captureSelection, captureLast, record, handOff,
                        openHandoff, takeBack),
                new Menu("View", null, dark));
    }

    /** The menu actions the palette offers, by their menu text. */
    private static List<String> actionNames(MenuBar bar) {
        return bar.getMenus().stream().flatMap(menu -> menu.getItems().stream())
                .filter(item -> item.getText() != null && !item.getText().startsWith("Go to anything"))
                .map(MenuItem::getText).toList();
    }

    /** What Enter on a palette entry does: each kind opens the way its own pane would. */
    private void openFromPalette(dev.baton.session.PaletteSearch.Entry entry, MenuBar bar) {
        switch (entry.kind()) {
            case ALERT -> library.findAlert(entry.key());
            case RUNBOOK -> runbook.open(entry.key());
            case STEP -> runbook.library().find(entry.key()).ifPresent(found -> runbook.showStep(found, entry.step()));
            case NODE -> nodes.inventory().find(entry.key()).ifPresent(node -> {
                left.getSelectionModel().select(nodesTab);
                nodes.select(node);
            });
            case INCIDENT -> session.open(entry.key());
            case ACTION -> bar.getMenus().stream().flatMap(menu -> menu.getItems().stream())
                    .filter(item -> entry.key().equals(item.getText())).findFirst().ifPresent(item -> {
                        if (item instanceof CheckMenuItem check) {
                            check.setSelected(!check.isSelected());
                        }
                        item.fire();
                    });
        }
    }

    private static MenuItem item(String text, String shortcut, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setAccelerator(KeyCombination.keyCombination(shortcut));
        item.setOnAction(e -> action.run());
        return item;
    }

    /** The terminal's selected text into the notes, as a capture. */
    public void captureSelection() {
        terminals.active().ifPresent(tab -> {
            String selected = tab.widget().selectedText();
            if (selected.isBlank()) {
                status.setText("Select text in " + tab.name() + " first, then capture it");
                return;
            }
            background.onFx(session.capture("selection", tab.name(), "", "", Instant.now(), selected, null),
                    "Not captured", incident::appendToNotes);
        });
    }

    /** The last command in the active terminal (the step Baton sent, if it was the last), with its output, into the notes. */
    public void captureLastCommand() {
        terminals.active().ifPresent(tab -> sending.lastCommand(tab.keyboard(), tab.widget().screen()).ifPresentOrElse(
                last -> background.onFx(session.capture("last-command", tab.name(), last.command(), "", Instant.now(),
                        last.output(), null), "Not captured", incident::appendToNotes),
                () -> status.setText("No finished command found above the prompt in " + tab.name())));
    }

    /**
     * The handoff notice over the panes. A continued incident (its last event the handover) also reopens the
     * runbooks the sender used, the last one shown.
     */
    private void handoffChanged(List<dev.baton.incident.TimelineEvent> events, boolean reopened) {
        handoffBanner.show(dev.baton.session.Handoffs.notice(events));
        if (reopened && !events.isEmpty() && events.get(events.size() - 1).typed()
                instanceof dev.baton.incident.IncidentEvent.HandoffImported) {
            dev.baton.handoff.BundleWriter.runbooksUsed(events).forEach(runbook::open);
        }
    }

    /** The sender takes back the incident they handed off. */
    public void takeBack() {
        background.onFx(session.takeBack(), "Not taken back", done -> status.setText(
                "Taken back: the incident is yours to record into again"));
    }

    public dev.baton.ui.incident.HandoffBanner handoffBanner() {
        return handoffBanner;
    }

    /** Starts or stops an asciicast recording of the active terminal, kept in the incident folder. */
    public void toggleRecording() {
        terminals.active().ifPresent(tab -> {
            if (tab.isRecording()) {
                tab.record(null);
                status.setText("Stopped recording " + tab.name());
                return;
            }
            String name = tab.name();
            int columns = tab.widget().columns();
            int rows = tab.widget().rows();
            var recording = session.record(runbook.shownRunbookProperty().get(), open -> new AsciicastRecorder(
                    open.folder().resolve("recordings").resolve(java.time.format.DateTimeFormatter
                            .ofPattern("yyyyMMdd-HHmmss").withZone(java.time.ZoneOffset.UTC).format(Instant.now())
                            + "-" + name.replaceAll("[^A-Za-z0-9._-]+", "-") + ".cast"), columns, rows, name));
            background.onFx(recording, "Could not record " + name, recorder -> {
                tab.record(recorder);
                status.setText("Recording " + name + " (what it shows, not what you type)");
            });
        });
    }

    private List<HandoffState.Terminal> openTerminals() {
        return terminals.all().stream().map(tab -> tab.session() instanceof dev.baton.ssh.SshShellSession
                ? new HandoffState.Terminal(tab.name(), "ssh", tab.name())
                : new HandoffState.Terminal(tab.name(), "local", "")).toList();
    }

    /** Nodes a handoff names that this responder's inventory lacks, listed under "handed off". */
    private void addHandedOffNodes(List<Node> handedOff) {
        List<Node> missing = handedOff.stream().filter(node -> nodes.inventory().find(node.name()).isEmpty()).toList();
        if (!missing.isEmpty()) {
            nodes.setInventory(nodes.inventory().merge(new Inventory(missing, List.of())));
        }
    }

    public HandoffActions handoff() {
        return handoff;
    }

    public IncidentPane incident() {
        return incident;
    }

    private void zoom(int steps) {
        terminals.active().ifPresent(tab -> tab.widget().zoom(steps));
    }

    /**
     * Sets the saved theme. Called before the first control is built: any control built earlier makes
     * JavaFX parse its own default stylesheet (Modena, 138 KB), only for the theme to replace it.
     */
    public static void useSavedTheme() {
        useTheme(LAYOUT.getBoolean("dark", false));
    }

    private static void useTheme(boolean dark) {
        // The user-agent stylesheet reaches every window: dialogs and run results follow the theme too.
        String stylesheet = dark ? new atlantafx.base.theme.PrimerDark().getUserAgentStylesheet()
                : new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet();
        if (!stylesheet.equals(javafx.application.Application.getUserAgentStylesheet())) {
            javafx.application.Application.setUserAgentStylesheet(stylesheet);
        }
    }

    private void setDark(boolean on) {
        useTheme(on);
        getStyleClass().removeAll("dark");
        if (on) {
            getStyleClass().add("dark");
        }
        dev.baton.ui.terminal.BatonTerminalWidget.setDarkTheme(on);
        terminals.all().forEach(tab -> tab.widget().applyTheme());
        runbook.setDark(on);
    }

    /** Continues the incident the responder was on when Baton last stopped, if any. */
    public void resumeIncident() {
        session.resumeCurrent();
    }

    public void setLibrary(RunbookLibrary loaded, String summary) {
        library.setLibrary(loaded);
        firing.setLibrary(loaded);
        runbook.setLibrary(loaded);
        status.setText(summary);
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
        nodes.setInventory(inventory);
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
        steps.useAlert(opened.variables());
        opened.runbook().ifPresent(runbook::show);
        status.setText("Incident \"" + opened.incident().info().title() + "\": " + opened.runbook().map(r -> r.title()
                + " open, placeholders filled from the alert's labels").orElse("no runbook answers "
                + opened.row().alert().alertname()));
    }

    public dev.baton.ui.alerts.FiringPane firing() {
        return firing;
    }

    /** A click in the runbook page: the view is built before the actions it leads to. */
    private void onRunbookAction(dev.baton.render.BatonUrls.Parsed action) {
        switch (action.action()) {
            case QUERY -> queries.query(action.number());
            case OUTPUT -> showRunOutput(action.number());
            case RERUN -> rerun(action.number());
            default -> steps.handle(action);
        }
    }

    private void refreshRunbook() {
        if (!closed && runbook.shownRunbookProperty().get() != null) {
            runbook.refresh();
        }
    }

    /** An earlier run's output, from the incident folder, as a tab of the results pane. */
    private void showRunOutput(long seq) {
        runHistory.output(seq).ifPresentOrElse(output -> background.run("Could not read the output",
                output::read, text -> {
                    javafx.scene.control.TextArea area = new javafx.scene.control.TextArea(text);
                    area.setId("run-output");
                    area.setEditable(false);
                    area.setStyle("-fx-font-family: monospace;");
                    runOnNode.results().dock(output.result().target() + ": " + output.result().command(),
                            output.result().command(), area, () -> { });
                }), () -> status.setText("That run's output is not in this incident"));
    }

    /** The same step again on the node it ran on (chosen, then confirmed as any run is). */
    private void rerun(long seq) {
        var shown = runbook.shownRunbookProperty().get();
        if (shown == null) {
            return;
        }
        runHistory.run(shown.id(), seq).ifPresent(run -> {
            var node = findNode(run.target());
            String step = String.valueOf(run.step());
            if (node.isPresent()) {
                nodes.select(node.get());
                steps.handle(new dev.baton.render.BatonUrls.Parsed(dev.baton.render.BatonUrls.Action.RUN_ON_NODE, step));
            } else {
                steps.handle(new dev.baton.render.BatonUrls.Parsed(dev.baton.render.BatonUrls.Action.RUN, step));
            }
        });
    }

    /** Results of runs on nodes dock under the terminals while any tab is open. */
    private void placeResultsPane(dev.baton.ui.results.ResultsPane pane, boolean shown) {
        if (shown && !right.getItems().contains(pane)) {
            right.getItems().add(1, pane);
            right.setDividerPositions(right.getItems().size() > 2 ? new double[] {0.35, 0.75} : new double[] {0.4});
        } else if (!shown) {
            right.getItems().remove(pane);
        }
    }

    /** A query's answer goes between the terminals and the incident, beside the runbook. */
    private void placeQueryPane(QueryResultPane pane, boolean shown) {
        if (shown && !right.getItems().contains(pane)) {
            right.getItems().add(1, pane);
            right.setDividerPositions(0.2, 0.85);
        } else if (!shown) {
            right.getItems().remove(pane);
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
        closed = true;
        panes.remember(rememberedPanes());
        LAYOUT.putBoolean("dark", dark.isSelected());
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
        List<SplitPane> all = new java.util.ArrayList<>(List.of(split));
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
