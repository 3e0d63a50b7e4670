package dev.baton.ui.incident;

import dev.baton.session.Handoffs;
import java.util.Optional;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * A strip above the panes for an incident's handoff: the note the receiver was handed, or, on the sender's
 * copy, that it is read-only with a way to take it back. What it says is {@link Handoffs#notice}'s.
 */
public final class HandoffBanner extends HBox {
    private final Label text = new Label();
    private final Button takeBack = new Button("Take back");
    private final Button dismiss = new Button("Dismiss");

    public HandoffBanner(Runnable onTakeBack) {
        super(8);
        setId("handoff-banner");
        getStyleClass().add("handoff-banner");
        setStyle("-fx-padding: 6 10; -fx-background-color: #fff8c5; -fx-border-color: #d4a72c; -fx-border-width: 0 0 1 0;");
        text.setId("handoff-banner-text");
        text.setWrapText(true);
        text.setMaxHeight(120);
        text.setStyle("-fx-text-fill: #1d2430;");
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);
        takeBack.setId("handoff-take-back");
        takeBack.setOnAction(e -> onTakeBack.run());
        dismiss.setId("handoff-banner-dismiss");
        dismiss.setOnAction(e -> show(Optional.empty()));
        getChildren().setAll(text, takeBack, dismiss);
        show(Optional.empty());
    }

    /** Shows the notice (on the FX thread), or hides the strip when there is none. */
    public void show(Optional<Handoffs.Notice> notice) {
        setVisible(notice.isPresent());
        setManaged(notice.isPresent());
        notice.ifPresent(n -> {
            text.setText(n.text());
            takeBack.setVisible(n.handedOff());
            takeBack.setManaged(n.handedOff());
            dismiss.setVisible(!n.handedOff());
            dismiss.setManaged(!n.handedOff());
        });
    }

    public String text() {
        return isVisible() ? text.getText() : "";
    }
}
