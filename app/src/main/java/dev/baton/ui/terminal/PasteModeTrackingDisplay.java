package dev.baton.ui.terminal;

import com.techsenger.jeditermfx.core.Color;
import com.techsenger.jeditermfx.core.CursorShape;
import com.techsenger.jeditermfx.core.RequestOrigin;
import com.techsenger.jeditermfx.core.TerminalDisplay;
import com.techsenger.jeditermfx.core.emulator.mouse.MouseFormat;
import com.techsenger.jeditermfx.core.emulator.mouse.MouseMode;
import com.techsenger.jeditermfx.core.model.TerminalSelection;
import com.techsenger.jeditermfx.core.util.TermSize;

/**
 * The terminal panel as the emulator sees it, remembering whether the program enabled bracketed paste
 * (mode 2004) so a multi-line step is sent the way the program expects.
 */
final class PasteModeTrackingDisplay implements TerminalDisplay {
    private final TerminalDisplay panel;
    private volatile boolean bracketedPaste;

    PasteModeTrackingDisplay(TerminalDisplay panel) {
        this.panel = panel;
    }

    boolean bracketedPaste() {
        return bracketedPaste;
    }

    @Override
    public void setBracketedPasteMode(boolean enabled) {
        bracketedPaste = enabled;
        panel.setBracketedPasteMode(enabled);
    }

    @Override
    public void setCursor(int x, int y) {
        panel.setCursor(x, y);
    }

    @Override
    public void setCursorShape(CursorShape shape) {
        panel.setCursorShape(shape);
    }

    @Override
    public void beep() {
        panel.beep();
    }

    @Override
    public void onResize(TermSize size, RequestOrigin origin) {
        panel.onResize(size, origin);
    }

    @Override
    public void scrollArea(int top, int height, int dy) {
        panel.scrollArea(top, height, dy);
    }

    @Override
    public void setCursorVisible(boolean visible) {
        panel.setCursorVisible(visible);
    }

    @Override
    public void useAlternateScreenBuffer(boolean enabled) {
        panel.useAlternateScreenBuffer(enabled);
    }

    @Override
    public String getWindowTitle() {
        return panel.getWindowTitle();
    }

    @Override
    public void setWindowTitle(String title) {
        panel.setWindowTitle(title);
    }

    @Override
    public TerminalSelection getSelection() {
        return panel.getSelection();
    }

    @Override
    public void terminalMouseModeSet(MouseMode mode) {
        panel.terminalMouseModeSet(mode);
    }

    @Override
    public void setMouseFormat(MouseFormat format) {
        panel.setMouseFormat(format);
    }

    @Override
    public boolean ambiguousCharsAreDoubleWidth() {
        return panel.ambiguousCharsAreDoubleWidth();
    }

    @Override
    public Color getWindowForeground() {
        return panel.getWindowForeground();
    }

    @Override
    public Color getWindowBackground() {
        return panel.getWindowBackground();
    }
}
