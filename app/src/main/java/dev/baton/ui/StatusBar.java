package dev.baton.ui;

import java.util.concurrent.TimeUnit;
import javafx.animation.PauseTransition;
import javafx.event.Event;
import javafx.event.EventHandler;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.util.Duration;

/**
 * The status bar says what just happened, never what happened a while ago: a message goes after a minute, or
 * at the responder's next click or key once it has been read for a few seconds ("press Enter to run it" is not
 * left standing after they did).
 */
final class StatusBar extends Label {
    private long shownAt = System.nanoTime();

    /** @param window where the responder's clicks and keys are watched for */
    StatusBar(String text, Node window) {
        super(text);
        setId("status");
        getStyleClass().add("status-bar");
        setMaxWidth(Double.MAX_VALUE);
        PauseTransition expiry = new PauseTransition(Duration.seconds(60));
        expiry.setOnFinished(e -> setText(""));
        textProperty().addListener((obs, old, now) -> {
            shownAt = System.nanoTime();
            expiry.playFromStart();
        });
        EventHandler<Event> nextAction = e -> {
            if (!getText().isEmpty() && System.nanoTime() - shownAt > TimeUnit.SECONDS.toNanos(4)) {
                setText("");
            }
        };
        window.addEventFilter(MouseEvent.MOUSE_PRESSED, nextAction);
        window.addEventFilter(KeyEvent.KEY_PRESSED, nextAction);
    }
}
