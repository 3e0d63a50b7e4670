package dev.baton.terminal;

import java.util.List;

/**
 * A terminal's scrollback and screen as text, top to bottom, and where the cursor stands.
 *
 * @param cursorRow    the cursor's index in {@code lines}
 * @param cursorColumn the cursor's column (0-based)
 */
public record ScreenText(List<String> lines, int cursorRow, int cursorColumn) {
    public ScreenText {
        lines = List.copyOf(lines);
    }
}
