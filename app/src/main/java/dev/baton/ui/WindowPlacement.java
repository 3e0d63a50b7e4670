package dev.baton.ui;

import java.util.prefs.Preferences;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * The window's size and place between runs: where the responder left it, as long as that is still on a
 * screen; otherwise as large as Baton likes to be (1440×900) within the screen, never larger than it.
 */
final class WindowPlacement {
    private static final double WIDTH = 1440;
    private static final double HEIGHT = 900;

    private final Preferences layout;

    WindowPlacement(Preferences layout) {
        this.layout = layout;
    }

    /** The scene's size: the remembered one, fitted to the screen it will be on. */
    double width() {
        return Math.min(layout.getDouble("width", WIDTH), screen().getWidth());
    }

    double height() {
        return Math.min(layout.getDouble("height", HEIGHT), screen().getHeight());
    }

    /** Puts the stage where it was, when that place is still on a screen; else leaves it to the platform. */
    void restore(Stage stage) {
        double x = layout.getDouble("x", Double.NaN);
        double y = layout.getDouble("y", Double.NaN);
        if (!Double.isNaN(x) && !Double.isNaN(y)
                && !Screen.getScreensForRectangle(x, y, Math.max(1, width() / 4), 40).isEmpty()) {
            stage.setX(x);
            stage.setY(y);
        } else {
            Rectangle2D bounds = screen();
            stage.setX(bounds.getMinX() + (bounds.getWidth() - width()) / 2);
            stage.setY(bounds.getMinY() + (bounds.getHeight() - height()) / 2);
        }
        stage.setMaximized(layout.getBoolean("maximized", false));
    }

    /**
     * Called as the window moves, resizes and closes, on the FX thread; the snapshot is written as it closes
     * or as the JVM stops. A maximised window keeps the size it had before.
     */
    void remember(Stage stage, LayoutSnapshot snapshot) {
        snapshot.putBoolean("maximized", stage.isMaximized());
        if (!stage.isMaximized() && stage.getScene() != null) {
            snapshot.putDouble("width", stage.getScene().getWidth());
            snapshot.putDouble("height", stage.getScene().getHeight());
            snapshot.putDouble("x", stage.getX());
            snapshot.putDouble("y", stage.getY());
        }
    }

    private static Rectangle2D screen() {
        return Screen.getPrimary().getVisualBounds();
    }
}
