package dev.baton.ui.terminal;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * The strip above a read-only terminal: why it takes no input, and how many keys it has refused since, so a
 * responder typing into it sees at once that nothing went to the shell.
 */
final class ReadOnlyBanner extends VBox {
    private final Label reason = new Label();
    private final Label refusals = new Label();
    private int refused;

    ReadOnlyBanner() {
        super(2);
        setId("terminal-read-only");
        getStyleClass().add("terminal-read-only");
        setPadding(new Insets(8, 12, 8, 12));
        setStyle("-fx-background-color: rgba(154, 103, 0, 0.92); -fx-border-color: #7d4e00; -fx-border-width: 0 0 2 0;");
        reason.setId("terminal-read-only-text");
        reason.setWrapText(true);
        reason.setStyle("-fx-text-fill: white; -fx-font-weight: bold;");
        refusals.setId("terminal-read-only-refused");
        refusals.setStyle("-fx-text-fill: white;");
        getChildren().setAll(reason, refusals);
        show(null);
    }

    void show(String text) {
        refused = 0;
        refusals.setText("");
        refusals.setManaged(false);
        reason.setText(text == null ? "" : text);
        setVisible(text != null);
        setManaged(text != null);
    }

    /** A key, a paste or an Enter that did not reach the shell. */
    void refused() {
        if (!isVisible()) {
            return;
        }
        refused++;
        refusals.setManaged(true);
        refusals.setText(refused == 1 ? "1 key not sent." : refused + " keys not sent.");
    }

    String text() {
        return isVisible() ? reason.getText() : "";
    }
}
