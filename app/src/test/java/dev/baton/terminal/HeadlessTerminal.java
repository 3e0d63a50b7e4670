package dev.baton.terminal;

import com.techsenger.jeditermfx.core.ArrayTerminalDataStream;
import com.techsenger.jeditermfx.core.CursorShape;
import com.techsenger.jeditermfx.core.TerminalDisplay;
import com.techsenger.jeditermfx.core.TextStyle;
import com.techsenger.jeditermfx.core.TtyBasedArrayDataStream;
import com.techsenger.jeditermfx.core.TtyConnector;
import com.techsenger.jeditermfx.core.emulator.JediEmulator;
import com.techsenger.jeditermfx.core.emulator.mouse.MouseFormat;
import com.techsenger.jeditermfx.core.emulator.mouse.MouseMode;
import com.techsenger.jeditermfx.core.model.JediTerminal;
import com.techsenger.jeditermfx.core.model.StyleState;
import com.techsenger.jeditermfx.core.model.TerminalLine;
import com.techsenger.jeditermfx.core.model.TerminalSelection;
import com.techsenger.jeditermfx.core.model.TerminalTextBuffer;
import com.techsenger.jeditermfx.core.model.hyperlinks.HyperlinkFilter;
import com.techsenger.jeditermfx.core.model.hyperlinks.TextProcessing;
import com.techsenger.jeditermfx.core.HyperlinkStyle;
import com.techsenger.jeditermfx.core.TerminalColor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** JediTerm's emulator and text buffer, the same ones Baton's terminal widget uses, without a screen. */
final class HeadlessTerminal {
    private final StyleState style = new StyleState();
    private final TerminalTextBuffer buffer;
    private final JediTerminal terminal;

    /** JediTerm's own terminal or one of Baton's, made from the screen, the text buffer and the style. */
    interface Emulator {
        JediTerminal create(TerminalDisplay display, TerminalTextBuffer buffer, StyleState style);
    }

    HeadlessTerminal(int columns, int rows, int historyLines) {
        this(columns, rows, historyLines, JediTerminal::new);
    }

    HeadlessTerminal(int columns, int rows, int historyLines, Emulator emulator) {
        this(columns, rows, historyLines, emulator, null, null);
    }

    /** With {@code links}, the text buffer looks for links after each write, as in Baton's terminal widget. */
    HeadlessTerminal(int columns, int rows, int historyLines, Emulator emulator, HyperlinkFilter links,
            HyperlinkStyle.HighlightMode highlight) {
        TextProcessing processing = null;
        if (links != null) {
            processing = new TextProcessing(new TextStyle(TerminalColor.index(4), null), highlight);
            processing.addHyperlinkFilter(links);
        }
        buffer = new TerminalTextBuffer(columns, rows, style, historyLines, processing);
        if (processing != null) {
            processing.setTerminalTextBuffer(buffer);
        }
        terminal = emulator.create(new NoScreen(), buffer, style);
    }

    TerminalTextBuffer buffer() {
        return buffer;
    }

    JediTerminal terminal() {
        return terminal;
    }

    HeadlessTerminal resize(int columns, int rows) {
        terminal.resize(new com.techsenger.jeditermfx.core.util.TermSize(columns, rows),
                com.techsenger.jeditermfx.core.RequestOrigin.User);
        return this;
    }

    /** Resizes, saying how it went: two terminals compared must resize alike, or throw alike. */
    String resizeOutcome(int columns, int rows) {
        try {
            resize(columns, rows);
            return "resized";
        } catch (RuntimeException e) {
            return "threw " + e;
        }
    }

    /** Runs {@code output} through the emulator, as a program's output would be. */
    HeadlessTerminal feed(String output) {
        JediEmulator emulator = new JediEmulator(new ArrayTerminalDataStream(output.toCharArray()), terminal);
        try {
            while (emulator.hasNext()) {
                emulator.next();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Runs a connector's output through the emulator as Baton's terminal widget does, until it ends. */
    HeadlessTerminal run(TtyConnector connector) {
        JediEmulator emulator = new JediEmulator(new TtyBasedArrayDataStream(connector), terminal);
        try {
            while (emulator.hasNext()) {
                emulator.next();
            }
        } catch (IOException endOfPty) {
            // Linux reports the end of a pty whose program has exited as an I/O error.
        }
        return this;
    }

    /** Runs {@code read} holding the text buffer's lock, as the terminal's painter reads it. */
    <T> T locked(java.util.function.Supplier<T> read) {
        buffer.lock();
        try {
            return read.get();
        } finally {
            buffer.unlock();
        }
    }

    /** History and screen as text, one row per line, then the cursor. */
    String text() {
        return locked(this::unlockedText);
    }

    private String unlockedText() {
        StringBuilder out = new StringBuilder();
        for (int i = -buffer.getHistoryLinesCount(); i < buffer.getHeight(); i++) {
            out.append(buffer.getLine(i).getText()).append('\n');
        }
        return out.append("cursor ").append(terminal.getCursorX()).append(',').append(terminal.getCursorY()).toString();
    }

    /** Every row's runs of text with their styles, and the style the next character would get. */
    List<Object> styledRows() {
        return locked(this::unlockedStyledRows);
    }

    private List<Object> unlockedStyledRows() {
        List<Object> rows = new ArrayList<>();
        for (int i = -buffer.getHistoryLinesCount(); i < buffer.getHeight(); i++) {
            List<Object> runs = new ArrayList<>();
            TerminalLine line = buffer.getLine(i);
            for (TerminalLine.TextEntry entry : line.getEntries()) {
                runs.add(List.of(entry.getStyle(), entry.getText().toString()));
            }
            rows.add(List.of(line.isWrapped(), runs));
        }
        TextStyle current = style.getCurrent();
        rows.add(current);
        return rows;
    }

    int historyLines() {
        return buffer.getHistoryLinesCount();
    }

    static final class NoScreen implements TerminalDisplay {
        @Override
        public void setCursor(int x, int y) {
        }

        @Override
        public void setCursorShape(CursorShape cursorShape) {
        }

        @Override
        public void beep() {
        }

        @Override
        public void scrollArea(int scrollRegionTop, int scrollRegionSize, int dy) {
        }

        @Override
        public void setCursorVisible(boolean isCursorVisible) {
        }

        @Override
        public void useAlternateScreenBuffer(boolean useAlternateScreenBuffer) {
        }

        @Override
        public String getWindowTitle() {
            return "";
        }

        @Override
        public void setWindowTitle(String windowTitle) {
        }

        @Override
        public TerminalSelection getSelection() {
            return null;
        }

        @Override
        public void terminalMouseModeSet(MouseMode mouseMode) {
        }

        @Override
        public void setMouseFormat(MouseFormat mouseFormat) {
        }

        @Override
        public boolean ambiguousCharsAreDoubleWidth() {
            return false;
        }
    }
}
