package dev.baton.ui;

import dev.baton.ui.runbook.RunbookView;
import dev.baton.ui.terminal.TerminalTab;
import dev.baton.ui.terminal.TerminalTabs;
import javafx.beans.InvalidationListener;

/** The Run buttons name the active terminal, and follow it when another tab is chosen or it is renamed. */
final class RunTargetName {
    private RunTargetName() {
    }

    static void follow(TerminalTabs terminals, RunbookView runbook) {
        InvalidationListener name = o -> runbook.setRunTarget(terminals.active().map(TerminalTab::name).orElse(""));
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
}
