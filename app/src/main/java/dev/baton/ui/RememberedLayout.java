package dev.baton.ui;

import java.util.List;
import java.util.function.Supplier;
import java.util.prefs.Preferences;
import javafx.scene.control.SplitPane;

/**
 * The window's layout kept between runs: its dividers, the runbook open and the theme. The snapshot follows
 * the window as it changes, so it is ready for the close and for a JVM stopped by a signal.
 */
final class RememberedLayout {
    static final Preferences PREFERENCES = Preferences.userRoot().node("dev/baton/layout");
    private static final String OPEN_RUNBOOK = "runbook";
    private static final String DARK = "dark";

    private final PaneLayout panes = new PaneLayout(PREFERENCES);
    /** The layout and open runbook as they are now, kept for the close and for a JVM stopped by a signal. */
    private final LayoutSnapshot snapshot = new LayoutSnapshot();
    /** The split panes whose dividers are kept, as the window holds them now. */
    private final Supplier<List<SplitPane>> remembered;
    private boolean written;

    RememberedLayout(Supplier<List<SplitPane>> remembered) {
        this.remembered = remembered;
    }

    /** Puts the dividers where they were when Baton last stopped. */
    void restore() {
        panes.restore(remembered.get());
    }

    /** A divider moved or a pane joined: the snapshot follows, until the layout is written at close. */
    void remember() {
        if (!written) {
            panes.remember(remembered.get(), snapshot);
        }
    }

    void runbookShown(String id) {
        snapshot.put(OPEN_RUNBOOK, id);
    }

    /** The id of the runbook open when Baton last stopped, or null. */
    String lastRunbook() {
        return PREFERENCES.get(OPEN_RUNBOOK, null);
    }

    static boolean dark() {
        return PREFERENCES.getBoolean(DARK, false);
    }

    /** The window is closing: the layout as it is now is written, with the theme; nothing follows it after this. */
    void write(boolean dark) {
        panes.remember(remembered.get(), snapshot);
        written = true;
        snapshot.writeTo(PREFERENCES);
        PREFERENCES.putBoolean(DARK, dark);
    }

    /** The snapshot written at close and by the shutdown hook; filled on the FX thread only. */
    LayoutSnapshot snapshot() {
        return snapshot;
    }
}
