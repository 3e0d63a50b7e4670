package dev.baton.ui;

import java.util.List;

/**
 * A window's place and size on the desktop, and where a saved one goes on the screens there are now. Pure
 * arithmetic, apart from JavaFX, so that the rule is tested without a display: {@link WindowPlacement} hands
 * it the screens' visual bounds.
 *
 * @param x NaN when no place was saved
 */
record WindowBounds(double x, double y, double width, double height) {

    /**
     * The saved window fitted to the screen it lands most on (the primary one when it lands on none, or no
     * place was saved): no larger than that screen's visual bounds, moved in until wholly inside them. A
     * window saved on a big screen thus reopens whole on a laptop's, never partly off it.
     *
     * @param screens each screen's visual bounds (without panels and docks)
     */
    static WindowBounds fit(WindowBounds saved, List<WindowBounds> screens, WindowBounds primary) {
        WindowBounds screen = primary;
        double most = 0;
        if (!Double.isNaN(saved.x) && !Double.isNaN(saved.y)) {
            for (WindowBounds candidate : screens) {
                double overlap = saved.overlap(candidate);
                if (overlap > most) {
                    most = overlap;
                    screen = candidate;
                }
            }
        }
        double width = Math.min(saved.width, screen.width);
        double height = Math.min(saved.height, screen.height);
        if (most == 0) {
            return new WindowBounds(screen.x + (screen.width - width) / 2, screen.y + (screen.height - height) / 2,
                    width, height);
        }
        return new WindowBounds(clamp(saved.x, screen.x, screen.x + screen.width - width),
                clamp(saved.y, screen.y, screen.y + screen.height - height), width, height);
    }

    private double overlap(WindowBounds other) {
        double across = Math.min(x + width, other.x + other.width) - Math.max(x, other.x);
        double down = Math.min(y + height, other.y + other.height) - Math.max(y, other.y);
        return across > 0 && down > 0 ? across * down : 0;
    }

    private static double clamp(double value, double low, double high) {
        return Math.max(low, Math.min(value, high));
    }
}
