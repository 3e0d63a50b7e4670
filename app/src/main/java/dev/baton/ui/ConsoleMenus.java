package dev.baton.ui;

import dev.baton.ui.runbook.StepActions;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

/**
 * The window's menu bar: every action with its shortcut, each calling the pane that does it. The palette
 * offers the same actions by their menu text.
 */
final class ConsoleMenus {
    private final CheckMenuItem dark = new CheckMenuItem("Dark theme");
    private final MenuBar bar;

    /** @param goTo opens the palette (Ctrl+P) */
    ConsoleMenus(ConsoleWindow window, StepActions steps, ActiveTerminal active, Runnable goTo) {
        var terminals = window.terminals();
        var library = window.library();
        var runbook = window.runbook();
        var firing = window.firing();
        var nodes = window.nodes();
        var incident = window.incident();
        var handoff = window.handoff();
        Menu terminal = new Menu("Terminal", null,
                item("New local terminal", "Shortcut+T", terminals::openLocalShell),
                item("Close terminal", "Shortcut+W", terminals::closeActive),
                item("Larger text", "Shortcut+EQUALS", () -> active.zoom(1)),
                item("Smaller text", "Shortcut+MINUS", () -> active.zoom(-1)),
                item("Default text size", "Shortcut+0", () -> active.zoom(0)));
        Menu runbooks = new Menu("Runbook", null,
                item("Go to anything…", "Shortcut+P", goTo),
                item("Search runbooks", "Shortcut+K", () -> {
                    window.showRunbooksTab();
                    library.focusSearch();
                }),
                item("Find runbook for alert", "Shortcut+L", () -> {
                    window.showRunbooksTab();
                    library.focusAlert();
                }),
                item("Back", "Alt+Left", runbook::goBack),
                item("Forward", "Alt+Right", runbook::goForward),
                item("Run current step", "Shortcut+Enter", steps::runCurrent),
                item("Run current step on node…", "Shortcut+Shift+Enter", steps::runCurrentOnNode));
        Menu alerts = new Menu("Alerts", null,
                item("Firing alerts", "Shortcut+Shift+A", () -> {
                    window.showFiringTab();
                    firing.focusList();
                }),
                item("Refresh firing alerts", "Shortcut+F5", firing::refresh),
                item("Open alert from JSON…", "Shortcut+Shift+J", firing::paste),
                item("Silence selected alert…", "Shortcut+Shift+M", firing::silenceSelected));
        Menu nodeMenu = new Menu("Nodes", null,
                item("Find node", "Shortcut+Shift+N", () -> {
                    window.showNodesTab();
                    nodes.focusFilter();
                }),
                item("Open terminal on selected node", "Shortcut+Shift+T",
                        () -> nodes.selected().ifPresent(window::openSshTerminal)),
                item("Reconnect selected node", "Shortcut+Shift+R",
                        () -> nodes.selected().ifPresent(window.sessions()::reconnect)));
        Menu incidents = new Menu("Incident", null,
                item("Search past incidents…", "Shortcut+Shift+F", window::showHistorySearch),
                item("New incident…", "Shortcut+I", () -> incident.lookupAll("#incident-new")
                        .forEach(button -> ((Button) button).fire())),
                item("Save notes", "Shortcut+S", incident::saveNotes),
                item("Capture terminal selection", "Shortcut+Shift+S", active::captureSelection),
                item("Capture last command's output", "Shortcut+Shift+L", active::captureLastCommand),
                item("Record this terminal (asciicast) on/off", "Shortcut+Shift+E", active::toggleRecording),
                item("Hand off…", "Shortcut+Shift+H", handoff::handOff),
                item("Open handoff bundle…", "Shortcut+Shift+O", handoff::chooseAndOpen),
                item("Take back handed-off incident", "Shortcut+Shift+B", () -> window.team().takeBack(handoff::takeBack)),
                item("Export report…", "Shortcut+Shift+X", window.reports()::export),
                item("Share this incident…", "Shortcut+Shift+G", window.team()::share),
                item("Join shared incident…", "Shortcut+Shift+Y", window.team()::join),
                item("Hand off through the team's remote…", "Shortcut+Shift+U", window.team()::handOff),
                item("Take over handed-off incident", "Shortcut+Shift+I", window.team()::takeOver),
                // The incident bar's End can be squeezed off a narrow window; the menu and the palette keep it.
                item("End incident…", "Shortcut+Shift+K", () -> incident.lookupAll("#incident-end")
                        .forEach(button -> ((Button) button).fire())));
        dark.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+D"));
        bar = new MenuBar(terminal, runbooks, alerts, nodeMenu, incidents, new Menu("View", null, dark,
                item("Show or hide the side pane", "F9", () -> window.showLeftPane(!window.leftPaneShown()))));
    }

    private static MenuItem item(String text, String shortcut, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setAccelerator(KeyCombination.keyCombination(shortcut));
        item.setOnAction(e -> action.run());
        return item;
    }

    MenuBar bar() {
        return bar;
    }

    /** View ▸ Dark theme, checked or not. */
    BooleanProperty darkTheme() {
        return dark.selectedProperty();
    }

    /** The menu actions the palette offers, by their menu text. */
    List<String> actionNames() {
        return items().filter(item -> item.getText() != null && !item.getText().startsWith("Go to anything"))
                .map(MenuItem::getText).toList();
    }

    /** Does what the menu item of that text does, as a click on it would (a check item flips). */
    void fire(String text) {
        items().filter(item -> text.equals(item.getText())).findFirst().ifPresent(item -> {
            if (item instanceof CheckMenuItem check) {
                check.setSelected(!check.isSelected());
            }
            item.fire();
        });
    }

    /**
     * Does what the menu item with this shortcut does, and consumes the key. Meant as a filter on the
     * window's scene: a menu accelerator is only tried after the focused control let the key go, and a
     * terminal takes every key (Ctrl+K, Ctrl+L) for its shell.
     */
    void fireShortcut(KeyEvent event) {
        if (event.getEventType() != KeyEvent.KEY_PRESSED || event.isConsumed()) {
            return;
        }
        items().filter(item -> item.getAccelerator() != null && item.getAccelerator().match(event)
                && !item.isDisable()).findFirst().ifPresent(item -> {
                    event.consume();
                    if (item instanceof CheckMenuItem check) {
                        check.setSelected(!check.isSelected());
                    }
                    item.fire();
                });
    }

    /** Every shortcut from any pane of {@code window}, a terminal too: tried before the focused control sees the key. */
    void fireShortcutsFrom(javafx.scene.Node window) {
        javafx.event.EventHandler<KeyEvent> shortcuts = this::fireShortcut;
        window.sceneProperty().addListener((obs, old, scene) -> {
            if (old != null) {
                old.removeEventFilter(KeyEvent.KEY_PRESSED, shortcuts);
            }
            if (scene != null) {
                scene.addEventFilter(KeyEvent.KEY_PRESSED, shortcuts);
            }
        });
    }

    private java.util.stream.Stream<MenuItem> items() {
        return bar.getMenus().stream().flatMap(menu -> menu.getItems().stream());
    }
}
