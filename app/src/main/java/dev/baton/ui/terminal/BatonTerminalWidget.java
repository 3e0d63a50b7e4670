package dev.baton.ui.terminal;

import com.techsenger.jeditermfx.core.TerminalColor;
import com.techsenger.jeditermfx.core.TextStyle;
import com.techsenger.jeditermfx.core.TerminalDisplay;
import com.techsenger.jeditermfx.core.TerminalStarter;
import com.techsenger.jeditermfx.core.TtyBasedArrayDataStream;
import com.techsenger.jeditermfx.core.TtyConnector;
import com.techsenger.jeditermfx.core.model.JediTerminal;
import com.techsenger.jeditermfx.core.model.StyleState;
import com.techsenger.jeditermfx.core.model.TerminalTextBuffer;
import com.techsenger.jeditermfx.ui.JediTermFxWidget;
import com.techsenger.jeditermfx.ui.TerminalCopyPasteHandler;
import com.techsenger.jeditermfx.ui.TerminalPanel;
import com.techsenger.jeditermfx.ui.settings.DefaultSettingsProvider;
import com.techsenger.jeditermfx.ui.settings.SettingsProvider;
import dev.baton.step.TerminalText;
import dev.baton.terminal.JumpScrollConnector;
import dev.baton.terminal.TerminalReplies;
import dev.baton.terminal.WholeCursorMovesTerminal;
import java.nio.charset.StandardCharsets;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.text.Font;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JediTermFX with Baton's guards: the emulator's automatic replies are filtered so a remote program
 * cannot make the terminal type text it chose, bracketed-paste mode is visible to the step sender, and
 * output reaches the emulator through jump scroll.
 */
public final class BatonTerminalWidget extends JediTermFxWidget {
    private static final Logger LOG = LoggerFactory.getLogger(BatonTerminalWidget.class);

    private static final double MIN_FONT = 8;
    private static final double MAX_FONT = 36;

    /** The console's theme; terminals follow it as every other window does. */
    private static volatile boolean darkTheme;

    private final ZoomableSettings settings;
    private StyleState styleState;
    // Assigned from the superclass constructor (createTerminal, createTerminalPanel): no initialisers.
    private PasteModeTrackingDisplay display;
    private ZoomablePanel panel;

    private final javafx.animation.Timeline deferredRepaints;

    public BatonTerminalWidget() {
        this(new ZoomableSettings());
    }

    private BatonTerminalWidget(ZoomableSettings settings) {
        super(120, 32, settings);
        this.settings = settings;
        // JediTermFX caches its canvas as a bitmap; the canvas is redrawn whole on every change, so the
        // cache only adds a full-size copy per frame.
        panel.getCanvas().setCache(false);
        deferredRepaints = new javafx.animation.Timeline(new javafx.animation.KeyFrame(
                javafx.util.Duration.millis(100), e -> panel.repaintIfDeferred()));
        deferredRepaints.setCycleCount(javafx.animation.Animation.INDEFINITE);
        deferredRepaints.play();
        // A shortcut such as Ctrl+Shift+L runs Baton's action on the key press; the letter typed after it
        // must not reach the shell as well. AltGr (Ctrl+Alt) characters still pass.
        getPane().addEventFilter(javafx.scene.input.KeyEvent.KEY_TYPED, event -> {
            if ((event.isControlDown() || event.isMetaDown()) && !event.isAltDown()
                    && event.getCharacter().length() == 1 && Character.isLetterOrDigit(event.getCharacter().charAt(0))) {
                event.consume();
            }
        });
    }

    @Override
    protected TerminalPanel createTerminalPanel(SettingsProvider settingsProvider, StyleState style, TerminalTextBuffer buffer) {
        panel = new ZoomablePanel(settingsProvider, buffer, style);
        styleState = style;
        return panel;
    }

    /** Font zoom: {@code steps} larger (negative: smaller), or back to the default with 0. On the FX thread. */
    public void zoom(int steps) {
        settings.size = steps == 0 ? settings.defaultSize
                : Math.max(MIN_FONT, Math.min(MAX_FONT, settings.size + steps));
        panel.refont();
    }

    /** Sets the theme for every terminal, those open now included. On the FX thread. */
    public static void setDarkTheme(boolean dark) {
        darkTheme = dark;
    }

    /** Whether the terminal is painted in the dark theme's default colours. */
    public boolean isDarkTheme() {
        return styleState.getDefaultBackground().equals(ZoomableSettings.DARK_BACKGROUND);
    }

    /**
     * Repaints the whole buffer, scrollback included, in the current theme. Text written in the default
     * colours holds no colour of its own ({@link ThemeStyleState}), so it takes the new theme's colours
     * wherever it is; colours a program chose stay. On the FX thread.
     */
    public void applyTheme() {
        styleState.setDefaultStyle(TextStyle.EMPTY);
        panel.repaint();
    }

    /** What the terminal shows now, as pixels (a test reads back the cells' colours from it). On the FX thread. */
    public javafx.scene.image.WritableImage picture() {
        return panel.getCanvas().snapshot(null, null);
    }

    @Override
    protected StyleState createDefaultStyle() {
        StyleState style = new ThemeStyleState();
        style.setDefaultStyle(TextStyle.EMPTY);
        return style;
    }

    /**
     * The default colours asked for when they are needed, not stored in every cell: text written in the light
     * theme was left on white cells after a switch to dark, because each cell had kept the colours of the
     * theme it was written in. Cells now hold no colour for "default", and the panel paints them in the
     * settings' default colours of the moment; inverse video asks here.
     */
    private static final class ThemeStyleState extends StyleState {
        @Override
        public TerminalColor getDefaultForeground() {
            return darkTheme ? ZoomableSettings.DARK_FOREGROUND : TerminalColor.BLACK;
        }

        @Override
        public TerminalColor getDefaultBackground() {
            return darkTheme ? ZoomableSettings.DARK_BACKGROUND : TerminalColor.WHITE;
        }
    }

    public double fontSize() {
        return settings.size;
    }

    private static final class ZoomableSettings extends DefaultSettingsProvider {
        static final TerminalColor DARK_BACKGROUND = TerminalColor.rgb(0x0d, 0x11, 0x17);
        static final TerminalColor DARK_FOREGROUND = TerminalColor.rgb(0xe6, 0xed, 0xf3);
        final double defaultSize = super.getTerminalFontSize();
        volatile double size = defaultSize;

        @Override
        public Font getTerminalFont() {
            return Font.font(super.getTerminalFont().getFamily(), size);
        }

        @Override
        public float getTerminalFontSize() {
            return (float) size;
        }

        @Override
        public TextStyle getDefaultStyle() {
            return new TextStyle(getDefaultForeground(), getDefaultBackground());
        }

        @Override
        public TerminalColor getDefaultForeground() {
            return darkTheme ? DARK_FOREGROUND : TerminalColor.BLACK;
        }

        @Override
        public TerminalColor getDefaultBackground() {
            return darkTheme ? DARK_BACKGROUND : TerminalColor.WHITE;
        }
    }

    private static final class ZoomablePanel extends TerminalPanel {
        /** While output is still queued for the emulator, the screen is repainted at most this often… */
        private static final long BUSY_REPAINT_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(100);
        /** …and during a flood that jump scroll is skipping through, at most this often. */
        private static final long FLOOD_REPAINT_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(250);
        // Assigned after the superclass constructor, which may already ask for a repaint.
        private volatile JumpScrollConnector output;
        private volatile long lastRepaintNanos;
        private volatile boolean repaintDeferred;

        ZoomablePanel(SettingsProvider settings, TerminalTextBuffer buffer, StyleState style) {
            super(settings, buffer, style);
        }

        /**
         * JediTermFX paints the whole screen, a clipped text draw per cell, holding the text buffer's lock;
         * repainting at 50 frames a second while output pours in starves the emulator, the renderer and
         * the JavaFX thread alike. A repaint asked for while output is queued waits until 100 ms after the
         * last one, 250 ms during a flood.
         */
        @Override
        public void repaint() {
            JumpScrollConnector current = output;
            long now = System.nanoTime();
            long sinceLast = now - lastRepaintNanos;
            if (current != null && sinceLast < FLOOD_REPAINT_NANOS && current.ready()
                    && (sinceLast < BUSY_REPAINT_NANOS || current.flooding())) {
                repaintDeferred = true;
                return;
            }
            lastRepaintNanos = now;
            repaintDeferred = false;
            super.repaint();
        }

        /** Called every 100 ms on the JavaFX thread: a deferred repaint is not lost when output stops. */
        void repaintIfDeferred() {
            if (repaintDeferred) {
                repaint();
            }
        }

        void refont() {
            reinitFontAndResize();
        }

        @Override
        protected TerminalCopyPasteHandler createCopyPasteHandler() {
            return new FxClipboard();
        }
    }

    /**
     * Copy and paste through JavaFX's clipboard (JediTermFX's default goes through AWT). What is pasted
     * loses its control characters first, as a step does: a clipboard holding {@code ESC[201~} must not
     * end a bracketed paste and have the rest run as typed keys.
     */
    private static final class FxClipboard implements TerminalCopyPasteHandler {
        /** JavaFX has no X11 primary selection; the last selection stands in for it. */
        private String selection;

        @Override
        public void setContents(String text, boolean selectionClipboard) {
            if (selectionClipboard) {
                selection = text;
                return;
            }
            ClipboardContent content = new ClipboardContent();
            content.putString(text);
            Clipboard.getSystemClipboard().setContent(content);
        }

        @Override
        public String getContents(boolean selectionClipboard) {
            String text = selectionClipboard ? selection : Clipboard.getSystemClipboard().getString();
            return text == null ? null : TerminalText.stripControls(text.replace("\r\n", "\n"));
        }
    }

    @Override
    protected JediTerminal createTerminal(TerminalDisplay panel, TerminalTextBuffer buffer, StyleState style) {
        display = new PasteModeTrackingDisplay(panel);
        // The painter reads the cursor under the buffer's lock: every cursor move must happen whole under it.
        return new WholeCursorMovesTerminal(display, buffer, style);
    }

    @Override
    protected TerminalStarter createTerminalStarter(JediTerminal terminal, TtyConnector connector) {
        // Jump scroll keeps the terminal responsive under a flood; only the emulator's reads go through it.
        // baton.terminal.jump-scroll=false turns it off, to compare or to rule it out.
        TtyConnector output = connector;
        if (Boolean.parseBoolean(System.getProperty("baton.terminal.jump-scroll", "true"))) {
            JumpScrollConnector jumpScroll = new JumpScrollConnector(connector, settings.getBufferMaxLinesCount());
            panel.output = jumpScroll;
            output = jumpScroll;
        }
        return new TerminalStarter(terminal, connector, new TtyBasedArrayDataStream(output),
                getTypeAheadManager(), getExecutorServiceManager()) {
            @Override
            public void sendBytes(byte[] bytes, boolean userInput) {
                if (userInput || TerminalReplies.allowed(new String(bytes, StandardCharsets.UTF_8))) {
                    super.sendBytes(bytes, userInput);
                } else {
                    LOG.warn("Dropped a terminal reply of {} bytes that could echo program-chosen text", bytes.length);
                }
            }

            @Override
            public void sendString(String string, boolean userInput) {
                if (userInput || TerminalReplies.allowed(string)) {
                    super.sendString(string, userInput);
                } else {
                    LOG.warn("Dropped a terminal reply of {} chars that could echo program-chosen text", string.length());
                }
            }
        };
    }

    /**
     * Stops the view's repaint timers. On the FX thread: JavaFX's animation timer is not safe to change from
     * another thread, and a timer stopped from one broke the next frame with a NullPointerException.
     */
    public void stopAnimations() {
        deferredRepaints.stop();
        getTerminalPanel().dispose();
    }

    /**
     * Ends the terminal. Closing may wait on the connection, so it may run off the FX thread, once
     * {@link #stopAnimations} has run on it.
     */
    @Override
    public void close() {
        if (javafx.application.Platform.isFxApplicationThread()) {
            stopAnimations();
        } else if (deferredRepaints.getStatus() != javafx.animation.Animation.Status.STOPPED) {
            throw new IllegalStateException("a terminal view is closed off the FX thread with its timers still running");
        }
        super.close(); // stops the panel's timer again: a timer already stopped is left alone
    }

    /** The visible screen only: cheap enough to poll. */
    public String screenText() {
        TerminalTextBuffer buffer = getTerminalTextBuffer();
        buffer.lock();
        try {
            return buffer.getScreenLines();
        } finally {
            buffer.unlock();
        }
    }

    /** Whether the program in the terminal asked for bracketed paste (mode 2004). */
    public boolean bracketedPaste() {
        return display != null && display.bracketedPaste();
    }

    /** The screen and scrollback as text, for capture and for tests that read what the terminal shows. */
    public String text() {
        TerminalTextBuffer buffer = getTerminalTextBuffer();
        buffer.lock();
        try {
            StringBuilder out = new StringBuilder();
            for (int i = -buffer.getHistoryLinesCount(); i < buffer.getHeight(); i++) {
                out.append(buffer.getLine(i).getText()).append('\n');
            }
            return out.toString();
        } finally {
            buffer.unlock();
        }
    }

    /** What the responder has selected in this terminal, or empty. */
    public String selectedText() {
        String selected = getTerminalPanel().selectedTextProperty().get();
        return selected == null ? "" : selected;
    }

    /** The last command at this terminal's prompt and what it printed, found in the buffer. */
    public java.util.Optional<dev.baton.terminal.LastCommandOutput> lastCommand() {
        dev.baton.terminal.ScreenText screen = screen();
        return dev.baton.terminal.LastCommandOutput.find(screen.lines(), screen.cursorRow(), screen.cursorColumn());
    }

    /** Scrollback and screen with the cursor's place, read under the buffer's lock. */
    public dev.baton.terminal.ScreenText screen() {
        TerminalTextBuffer buffer = getTerminalTextBuffer();
        buffer.lock();
        try {
            java.util.List<String> lines = new java.util.ArrayList<>();
            int history = buffer.getHistoryLinesCount();
            for (int i = -history; i < buffer.getHeight(); i++) {
                lines.add(buffer.getLine(i).getText());
            }
            // JediTerm counts the cursor's row from 1 and reports its column plus one.
            return new dev.baton.terminal.ScreenText(lines, history + getTerminal().getCursorY() - 1,
                    getTerminal().getCursorX() - 1);
        } finally {
            buffer.unlock();
        }
    }

    /** Columns and rows, for a recording's header. */
    public int columns() {
        return getTerminalTextBuffer().getWidth();
    }

    public int rows() {
        return getTerminalTextBuffer().getHeight();
    }
}
