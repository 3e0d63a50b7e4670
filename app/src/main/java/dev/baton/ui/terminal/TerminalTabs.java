package dev.baton.ui.terminal;

import dev.baton.terminal.LocalShellSession;
import dev.baton.terminal.TerminalSession;
import dev.baton.terminal.TerminalTarget;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
    /** Set once the window closes: a session that finishes opening after that is closed, not shown. */
    private volatile boolean closing;
    /** Why every terminal is read-only (the incident was handed off), null while they take input. */
    private String readOnly;

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
        open(LocalShellSession::loginShell, "Local " + (++opened), TerminalTarget.local());
    }

    /** Opens any session in a new tab and selects it; errors go to the status bar. */
    public void open(SessionFactory factory, String name) {
        open(factory, name, TerminalTarget.local());
    }

    /** As {@link #open(SessionFactory, String)}, the tab showing where it goes. */
    public void open(SessionFactory factory, String name, TerminalTarget target) {
        background.execute(() -> {
            try {
                TerminalSession session = factory.open();
                if (closing) {
                    session.close();
                    return;
                }
                Platform.runLater(() -> add(session, name, target));
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not open terminal {}: {}", name, e.getMessage());
                Platform.runLater(() -> status.accept("Could not open terminal " + name + ": " + e.getMessage()));
            }
        });
    }

    private void add(TerminalSession session, String name, TerminalTarget target) {
        if (closing) {
            closeLate(session);
            return;
        }
        TerminalTab tab = new TerminalTab(name, session, target, openLink);
        tab.setReadOnly(readOnly);
        tab.setOnClosed(e -> closeLater(tab));
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

    /** Puts the tab in front, its keys going to its terminal: where a step was just sent, to be watched. */
    public void bringToFront(TerminalTab tab) {
        if (getTabs().contains(tab)) {
            getSelectionModel().select(tab);
            tab.widget().getPreferredFocusableNode().requestFocus();
        }
    }

    /**
     * Makes every terminal, and every one opened later, read-only with {@code reason} shown over it; with null,
     * they take input again.
     */
    public void setReadOnly(String reason) {
        readOnly = reason;
        all().forEach(tab -> tab.setReadOnly(reason));
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
            closeLater(tab);
        });
    }

    /** The view stops here, on the FX thread; the terminal and its session end in the background. */
    private void closeLater(TerminalTab tab) {
        tab.stopView();
        background.execute(tab::close);
    }

    /**
     * Closes every terminal and waits (up to 5 s) for their sessions to end, so that nothing is left for an
     * executor about to stop. Sessions still opening are closed as soon as they are open.
     */
    public void closeAll() {
        closing = true;
        all().forEach(TerminalTab::stopView);
        List<CompletableFuture<Void>> closed = all().stream()
                .map(tab -> CompletableFuture.runAsync(tab::close, background)).toList();
        getTabs().clear();
        try {
            CompletableFuture.allOf(closed.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Terminals did not all close cleanly: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A session that opened after the window closed: ended on a thread of its own, the executor may be gone. */
    private static void closeLate(TerminalSession session) {
        Thread closer = new Thread(session::close, "baton-terminal-close");
        closer.setDaemon(true);
        closer.start();
    }
}
