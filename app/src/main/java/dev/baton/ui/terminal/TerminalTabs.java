package dev.baton.ui.terminal;

import dev.baton.terminal.LocalShellSession;
import dev.baton.terminal.TerminalSession;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputDialog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The terminal tabs: open, close, rename; the selected tab is where Run sends a step. */
public final class TerminalTabs extends TabPane {
    private static final Logger LOG = LoggerFactory.getLogger(TerminalTabs.class);

    @FunctionalInterface
    public interface SessionFactory {
        TerminalSession open() throws IOException;
    }

    private final Executor background;
    private final Consumer<String> status;
    private final Consumer<String> openLink;
    private int opened;

    /** @param openLink asks the responder, then opens a web link a program printed (on the FX thread) */
    public TerminalTabs(Executor background, Consumer<String> status, Consumer<String> openLink) {
        this.background = background;
        this.status = status;
        this.openLink = url -> Platform.runLater(() -> openLink.accept(url));
        setId("terminal-tabs");
        setTabClosingPolicy(TabClosingPolicy.ALL_TABS);
    }

    /** Opens the responder's login shell in a new tab. The pty starts off the FX thread. */
    public void openLocalShell() {
        open(LocalShellSession::loginShell, "Local " + (++opened));
    }

    /** Opens any session in a new tab and selects it; errors go to the status bar. */
    public void open(SessionFactory factory, String name) {
        background.execute(() -> {
            try {
                TerminalSession session = factory.open();
                Platform.runLater(() -> add(session, name));
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not open terminal {}: {}", name, e.getMessage());
                Platform.runLater(() -> status.accept("Could not open terminal " + name + ": " + e.getMessage()));
            }
        });
    }

    private void add(TerminalSession session, String name) {
        TerminalTab tab = new TerminalTab(name, session, openLink);
        tab.setOnClosed(e -> background.execute(tab::close));
        MenuItem rename = new MenuItem("Rename…");
        rename.setOnAction(e -> rename(tab));
        tab.setContextMenu(new ContextMenu(rename));
        session.onLost(reason -> Platform.runLater(() -> {
            tab.setText(tab.getText() + " (lost)");
            tab.getStyleClass().add("lost");
            status.accept(reason);
        }));
        getTabs().add(tab);
        getSelectionModel().select(tab);
        tab.widget().getPreferredFocusableNode().requestFocus();
    }

    private void rename(TerminalTab tab) {
        TextInputDialog dialog = new TextInputDialog(tab.getText());
        dialog.setTitle("Rename terminal");
        dialog.setHeaderText("New name for " + tab.getText());
        dialog.showAndWait().map(String::strip).filter(s -> !s.isEmpty()).ifPresent(tab::setText);
    }

    public Optional<TerminalTab> active() {
        return Optional.ofNullable((TerminalTab) getSelectionModel().getSelectedItem());
    }

    public List<TerminalTab> all() {
        return getTabs().stream().map(TerminalTab.class::cast).toList();
    }

    public void closeActive() {
        active().ifPresent(tab -> {
            getTabs().remove(tab);
            background.execute(tab::close);
        });
    }

    public void closeAll() {
        all().forEach(tab -> background.execute(tab::close));
        getTabs().clear();
    }
}
