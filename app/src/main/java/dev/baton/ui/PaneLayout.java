package dev.baton.ui;

import java.util.List;
import java.util.prefs.Preferences;
import javafx.scene.control.SplitPane;

/**
 * The window's dividers between runs: each split pane with an id keeps its divider positions under
 * {@code split.<id>.<n>} in Baton's "layout" preferences, and gets them back at the next start.
 */
final class PaneLayout {
    private final Preferences layout;

    PaneLayout(Preferences layout) {
        this.layout = layout;
    }

    /** Puts back the dividers saved for these panes; a pane never saved keeps the positions it was built with. */
    void restore(List<SplitPane> panes) {
        for (SplitPane pane : panes) {
            double[] positions = pane.getDividerPositions();
            for (int i = 0; i < positions.length; i++) {
                double saved = layout.getDouble(key(pane, i), Double.NaN);
                if (!Double.isNaN(saved) && saved > 0 && saved < 1) {
                    positions[i] = saved;
                }
            }
            pane.setDividerPositions(positions);
        }
    }

    /** Keeps the dividers in the snapshot the window writes as it closes, or as the JVM stops. */
    void remember(List<SplitPane> panes, LayoutSnapshot snapshot) {
        for (SplitPane pane : panes) {
            double[] positions = pane.getDividerPositions();
            for (int i = 0; i < positions.length; i++) {
                snapshot.putDouble(key(pane, i), positions[i]);
            }
        }
    }

    private static String key(SplitPane pane, int divider) {
        return "split." + pane.getId() + "." + divider;
    }
}
