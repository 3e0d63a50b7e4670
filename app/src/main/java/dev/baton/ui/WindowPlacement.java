package dev.baton.ui;

import java.util.List;
import java.util.prefs.Preferences;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * The window's size and place between runs: where the responder left it, fitted to the screen it lands on
 * ({@link WindowBounds#fit}): no larger than that screen's visual bounds and wholly on it. With nothing
 * saved, as large as Baton likes to be (1440×900) within the primary screen, centred.
 */
final class WindowPlacement {
    private static final double WIDTH = 1440;
    private static final double HEIGHT = 900;

    private final Preferences layout;
    private final WindowBounds placed;

    WindowPlacement(Preferences layout) {
        this.layout = layout;
        WindowBounds saved = new WindowBounds(layout.getDouble("x", Double.NaN), layout.getDouble("y", Double.NaN),
                layout.getDouble("width", WIDTH), layout.getDouble("height", HEIGHT));
        List<WindowBounds> screens = Screen.getScreens().stream().map(s -> bounds(s.getVisualBounds())).toList();
        placed = WindowBounds.fit(saved, screens, bounds(Screen.getPrimary().getVisualBounds()));
    }

    /** The scene's size: the remembered one, fitted to the screen it will be on. */
    double width() {
        return placed.width();
    }

    double height() {
        return placed.height();
    }

    /** Puts the stage where it was, moved wholly onto the screen it lands on. */
    void restore(Stage stage) {
        stage.setX(placed.x());
        stage.setY(placed.y());
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

    private static WindowBounds bounds(Rectangle2D rectangle) {
        return new WindowBounds(rectangle.getMinX(), rectangle.getMinY(), rectangle.getWidth(), rectangle.getHeight());
    }
}
