package dev.baton.ui;

import javafx.scene.control.TextArea;

/** The exact text of a step in a confirmation: read-only, monospace, wrapped, tall enough to show all of it. */
public final class CommandText {
    private static final int COLUMNS = 80;
    private static final int MOST_ROWS = 16;

    private CommandText() {}

    public static TextArea of(String shown) {
        TextArea text = new TextArea(shown);
        text.setId("confirm-text");
        text.setEditable(false);
        // The whole command in view: a dangerous flag at the end must not hide behind a scrollbar.
        text.setWrapText(true);
        text.setPrefColumnCount(COLUMNS);
        int rows = 0;
        for (String line : shown.split("\n", -1)) {
            rows += Math.max(1, (line.length() + COLUMNS - 1) / COLUMNS);
        }
        text.setPrefRowCount(Math.min(MOST_ROWS, rows + 1));
        text.setStyle("-fx-font-family: monospace;");
        return text;
    }
}
