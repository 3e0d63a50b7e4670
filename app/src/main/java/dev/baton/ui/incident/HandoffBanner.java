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
    private final Button takeOver = new Button("Take over");

    public HandoffBanner(Runnable onTakeBack) {
        this(onTakeBack, () -> { });
    }

    /** @param onTakeOver the receiver's Take over of a handoff made through the team's remote */
    public HandoffBanner(Runnable onTakeBack, Runnable onTakeOver) {
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
        takeOver.setId("handoff-take-over");
        takeOver.setDefaultButton(false);
        takeOver.setOnAction(e -> onTakeOver.run());
        for (Button button : new Button[] {takeOver, takeBack, dismiss}) {
            button.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the words wrap, the buttons never shrink
        }
        getChildren().setAll(text, takeOver, takeBack, dismiss);
        show(Optional.empty());
    }

    /** Shows the notice (on the FX thread), or hides the strip when there is none. */
    public void show(Optional<Handoffs.Notice> notice) {
        setVisible(notice.isPresent());
        setManaged(notice.isPresent());
        notice.ifPresent(n -> buttons(n.text(), n.handedOff(), false, !n.handedOff()));
    }

    /**
     * Shows where a handoff through the team's remote stands (on the FX thread): {@code canTakeOver} offers the
     * receiver Take over; the sender's copy, once taken over, offers no way back.
     */
    public void showTeam(String words, boolean canTakeOver) {
        setVisible(true);
        setManaged(true);
        buttons(words, false, canTakeOver, !canTakeOver);
    }

    private void buttons(String words, boolean back, boolean over, boolean dismissable) {
        text.setText(words);
        takeBack.setVisible(back);
        takeBack.setManaged(back);
        takeOver.setVisible(over);
        takeOver.setManaged(over);
        dismiss.setVisible(dismissable);
        dismiss.setManaged(dismissable);
    }

    public String text() {
        return isVisible() ? text.getText() : "";
    }
}
