package dev.baton.ui.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.techsenger.jeditermfx.core.model.TerminalTextBuffer;
import dev.baton.terminal.LocalShellSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Real bash on a real pty floods the terminal while the terminal is resized again and again (a responder
 * dragging a divider during a long command): the painter must never read a row off the screen, which
 * JediTerm reports as "Attempt to get line out of bounds" (the terminal benchmark logged it under a flood).
 */
class TerminalResizeFloodTest {
    private static final String MARKER = "RESIZE-FLOOD-DONE";
    private static final int RESIZES = 120;

    @TempDir
    Path dir;

    @BeforeAll
    static void startToolkit() {
        try {
            Platform.startup(() -> { });
        } catch (IllegalStateException alreadyStarted) {
            // another test of this JVM started it
        }
        Platform.setImplicitExit(false);
    }

    @Test
    void resizingDuringAFloodNeverReadsARowOffTheScreen() throws Exception {
        Logger bufferLog = (Logger) LoggerFactory.getLogger(TerminalTextBuffer.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        bufferLog.addAppender(events);
        Path stop = dir.resolve("stop");
        // Prints until the test has resized enough, so every resize meets output in flight.
        String script = "while [ ! -e '" + stop + "' ]; do seq 1 5000; done; echo " + MARKER;
        LocalShellSession session = LocalShellSession.start(List.of("/bin/bash", "-c", script), dir, "flood");
        BatonTerminalWidget widget = onFx(BatonTerminalWidget::new);
        Stage stage = onFx(() -> {
            Pane root = new Pane(widget.getPane());
            widget.getPane().setPrefSize(900, 560);
            Stage shown = new Stage();
            shown.setScene(new Scene(root, 1000, 700));
            shown.show();
            widget.setTtyConnector(session.connector());
            widget.start();
            return shown;
        });
        try {
            waitFor(() -> widget.screenText().contains("5000"), "the flood on the screen");
            for (int i = 0; i < RESIZES; i++) {
                int rowsBefore = onFx(widget::rows);
                double width = i % 2 == 1 ? 900 : 700;
                double height = i % 2 == 1 ? 560 : 200 + (i % 3) * 40;
                onFx(() -> {
                    widget.getPane().setPrefSize(width, height);
                    return null;
                });
                // The emulator has the new size once the buffer has it: the next resize meets more output.
                waitFor(() -> onFxUnchecked(widget::rows) != rowsBefore, "resize " + i + " reaching the emulator");
            }
            Files.createFile(stop);
            waitFor(() -> widget.screenText().contains(MARKER), "the end of the flood on the screen");
        } finally {
            bufferLog.detachAppender(events);
            onFx(() -> {
                widget.close();
                stage.close();
                return null;
            });
            session.close();
        }
        assertThat(events.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
                .map(ILoggingEvent::getFormattedMessage).toList())
                .as("errors of the text buffer while it was resized under a flood").isEmpty();
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(1, TimeUnit.MINUTES);
    }

    private static <T> T onFxUnchecked(Callable<T> work) {
        try {
            return onFx(work);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
