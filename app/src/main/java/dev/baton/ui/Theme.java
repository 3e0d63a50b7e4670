package dev.baton.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.baton.ui.runbook.RunbookView;
import dev.baton.ui.terminal.BatonTerminalWidget;
import dev.baton.ui.terminal.TerminalTabs;
import javafx.application.Application;
import javafx.scene.Parent;

/** Light or dark, everywhere at once: controls and dialogs, terminal cells, the runbook page. */
final class Theme {
    private final Parent window;
    private final TerminalTabs terminals;
    private final RunbookView runbook;

    Theme(Parent window, TerminalTabs terminals, RunbookView runbook) {
        this.window = window;
        this.terminals = terminals;
        this.runbook = runbook;
    }

    /** The user-agent stylesheet reaches every window: dialogs and run results follow the theme too. */
    static void useStylesheet(boolean dark) {
        String stylesheet = dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet();
        if (!stylesheet.equals(Application.getUserAgentStylesheet())) {
            Application.setUserAgentStylesheet(stylesheet);
        }
    }

    void set(boolean dark) {
        useStylesheet(dark);
        window.getStyleClass().removeAll("dark");
        if (dark) {
            window.getStyleClass().add("dark");
        }
        BatonTerminalWidget.setDarkTheme(dark);
        terminals.all().forEach(tab -> tab.widget().applyTheme());
        runbook.setDark(dark);
    }
}
