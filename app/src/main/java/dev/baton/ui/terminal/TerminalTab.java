package dev.baton.ui.terminal;

import dev.baton.terminal.TerminalSession;
import dev.baton.terminal.TerminalTarget;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/** One terminal tab: the widget and the session behind it, its header saying where it goes. */
public final class TerminalTab extends Tab {
    private final BatonTerminalWidget widget;
    private final TerminalSession session;
    private final dev.baton.terminal.RecordingTtyConnector connector;
    private final dev.baton.terminal.KeyboardTap keyboard;
    private final TerminalTarget target;
    private final ReadOnlyBanner readOnly;

    TerminalTab(String name, TerminalSession session, TerminalTarget target, java.util.function.Consumer<String> openLink) {
        super(name);
        this.session = session;
        this.target = target;
        setGraphic(header(target));
        setTooltip(new Tooltip(target.describe()));
        // The node's colour along the tab: the same host is the same colour in every run.
        setStyle("-fx-border-color: transparent transparent " + colour(target) + " transparent;"
                + " -fx-border-width: 0 0 3 0;");
        this.widget = new BatonTerminalWidget();
        widget.addHyperlinkFilter(new dev.baton.terminal.TerminalLinkFilter(openLink));
        this.connector = new dev.baton.terminal.RecordingTtyConnector(session.connector());
        this.keyboard = new dev.baton.terminal.KeyboardTap(connector);
        widget.setTtyConnector(keyboard);
        readOnly = new ReadOnlyBanner();
        keyboard.addRefusedListener(keys -> javafx.application.Platform.runLater(readOnly::refused));
        // A strip above the terminal rather than over it: every line stays readable.
        javafx.scene.layout.BorderPane content = new javafx.scene.layout.BorderPane(widget.getPane());
        content.setTop(readOnly);
        setContent(content);
        widget.start();
    }

    /**
     * Makes the terminal read-only (its incident was handed off): what is typed or pasted does not reach the
     * session, and a banner over the terminal says so. With null, input flows again. Reading and scrolling stay.
     */
    void setReadOnly(String reason) {
        keyboard.setLocked(reason != null);
        readOnly.show(reason);
    }

    /** What the read-only banner over the terminal says, empty when the terminal takes input. */
    public String readOnlyText() {
        return readOnly.text();
    }

    /** Kind (local or SSH) as a small label, a dot in the node's colour, and a badge for production. */
    private static HBox header(TerminalTarget target) {
        Region dot = new Region();
        dot.getStyleClass().add("terminal-dot");
        dot.setStyle("-fx-background-color: " + colour(target) + ";");
        Label kind = new Label(target.kind());
        kind.getStyleClass().addAll("terminal-kind", target.ssh() ? "terminal-kind-ssh" : "terminal-kind-local");
        HBox header = new HBox(4, dot, kind);
        header.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        if (target.production()) {
            Label badge = new Label("PROD");
            badge.getStyleClass().add("production-badge");
            header.getChildren().add(badge);
        }
        return header;
    }

    private static String colour(TerminalTarget target) {
        return "hsb(" + target.hue() + ", " + (target.ssh() ? "65%, 85%" : "15%, 60%") + ")";
    }

    /** Where this terminal's keystrokes go. */
    public TerminalTarget target() {
        return target;
    }

    public BatonTerminalWidget widget() {
        return widget;
    }

    public TerminalSession session() {
        return session;
    }

    /** What the responder types here (Baton's own writes go to the session, not through this). */
    public dev.baton.terminal.KeyboardTap keyboard() {
        return keyboard;
    }

    public String name() {
        return getText();
    }

    /** Starts (or, with null, stops) copying what this terminal shows into an asciicast file. */
    public void record(dev.baton.terminal.AsciicastRecorder recorder) {
        connector.record(recorder);
    }

    /** Stops the recording (its last held line masked and written); returns how many secrets were masked in it. */
    public int stopRecording() {
        return connector.stop();
    }

    public boolean isRecording() {
        return connector.isRecording();
    }

    /** On the FX thread, before {@link #close}: the view stops repainting. */
    void stopView() {
        widget.stopAnimations();
    }

    /** Ends the terminal and its session; may wait on the connection, so it runs off the FX thread. */
    void close() {
        widget.close();
        session.close();
    }
}
