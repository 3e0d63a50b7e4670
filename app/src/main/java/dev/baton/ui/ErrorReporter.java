package dev.baton.ui;

import java.util.function.Consumer;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where every failure the responder must hear of goes: one line for them in the status bar, one entry in
 * the log. Also the handler for exceptions no code caught, so none is lost on a background thread.
 */
public final class ErrorReporter implements Thread.UncaughtExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorReporter.class);

    private final Consumer<String> status;

    /** @param status shows a line to the responder; called on the FX thread */
    public ErrorReporter(Consumer<String> status) {
        this.status = status;
    }

    /** Reports on the FX thread, or hands over to it. */
    public void report(String failing, Throwable cause) {
        String message = failing + ": " + (cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getMessage());
        if (cause instanceof java.io.IOException || cause instanceof IllegalStateException
                || cause instanceof IllegalArgumentException) {
            LOG.warn(message);
        } else {
            LOG.error(failing, cause);
        }
        say(message);
    }

    /** A line for the responder that is not a failure. */
    public void say(String message) {
        if (Platform.isFxApplicationThread()) {
            status.accept(message);
        } else {
            Platform.runLater(() -> status.accept(message));
        }
    }

    @Override
    public void uncaughtException(Thread thread, Throwable failure) {
        LOG.error("Uncaught on thread {}", thread.getName(), failure);
        try {
            say("Internal error on " + thread.getName() + ": " + failure + " (logged)");
        } catch (IllegalStateException toolkitGone) {
            // The FX toolkit has stopped; the log has it.
        }
    }
}
