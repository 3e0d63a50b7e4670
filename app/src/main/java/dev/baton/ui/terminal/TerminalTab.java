package dev.baton.ui.terminal;

import dev.baton.terminal.TerminalSession;
import javafx.scene.control.Tab;

/** One terminal tab: the widget and the session behind it. */
public final class TerminalTab extends Tab {
    private final BatonTerminalWidget widget;
    private final TerminalSession session;

    TerminalTab(String name, TerminalSession session, java.util.function.Consumer<String> openLink) {
        super(name);
        this.session = session;
        this.widget = new BatonTerminalWidget();
        widget.addHyperlinkFilter(new dev.baton.terminal.TerminalLinkFilter(openLink));
        widget.setTtyConnector(session.connector());
        setContent(widget.getPane());
        widget.start();
    }

    public BatonTerminalWidget widget() {
        return widget;
    }

    public TerminalSession session() {
        return session;
    }

    public String name() {
        return getText();
    }

    void close() {
        widget.close();
        session.close();
    }
}
