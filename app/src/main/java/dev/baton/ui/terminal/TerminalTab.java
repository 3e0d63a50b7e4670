package dev.baton.ui.terminal;

import dev.baton.terminal.TerminalSession;
import javafx.scene.control.Tab;

/** One terminal tab: the widget and the session behind it. */
public final class TerminalTab extends Tab {
    private final BatonTerminalWidget widget;
    private final TerminalSession session;
    private final dev.baton.terminal.RecordingTtyConnector connector;
    private final dev.baton.terminal.KeyboardTap keyboard;

    TerminalTab(String name, TerminalSession session, java.util.function.Consumer<String> openLink) {
        super(name);
        this.session = session;
        this.widget = new BatonTerminalWidget();
        widget.addHyperlinkFilter(new dev.baton.terminal.TerminalLinkFilter(openLink));
        this.connector = new dev.baton.terminal.RecordingTtyConnector(session.connector());
        this.keyboard = new dev.baton.terminal.KeyboardTap(connector);
        widget.setTtyConnector(keyboard);
        setContent(widget.getPane());
        widget.start();
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

    public boolean isRecording() {
        return connector.isRecording();
    }

    void close() {
        widget.close();
        session.close();
    }
}
