package dev.baton.ui.nodes;

import dev.baton.session.NodeRunning;
import dev.baton.ssh.NodeRun;
import dev.baton.ssh.RunResult;
import java.nio.charset.StandardCharsets;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * One run on one node as it happens: stdout and stderr apart, then how it ended. The text areas keep
 * the last part of a long output; the whole of it is in the result (spooled to disk past 10 MB). It is
 * shown as a tab of the results pane.
 */
public final class RunResultWindow extends BorderPane implements NodeRunning.Watcher {
    private static final int SHOWN_CHARS = 256 * 1024;

    private final TextArea stdout = area("run-stdout");
    private final TextArea stderr = area("run-stderr");
    private final Label summary = new Label("connecting…");
    private final Button cancel = new Button("Cancel");
    private final Button capture = new Button("Capture to notes");
    private final StringBuilder pendingOut = new StringBuilder();
    private final StringBuilder pendingErr = new StringBuilder();
    private boolean flushQueued;
    private volatile NodeRun run;
    private final String title;

    public RunResultWindow(String title, String command) {
        this.title = title;
        getStyleClass().add("run-result");
        summary.setId("run-summary");
        cancel.setId("run-cancel");
        capture.setId("run-capture");
        capture.setDisable(true);
        cancel.setOnAction(e -> {
            NodeRun current = run;
            if (current != null) {
                cancel.setDisable(true);
                summary.setText("cancelling…");
                current.cancel();
            }
        });
        Label shownCommand = new Label(command);
        shownCommand.setStyle("-fx-font-family: monospace;");
        shownCommand.setWrapText(true);
        SplitPane outputs = new SplitPane(titled("stdout", stdout), titled("stderr", stderr));
        outputs.setOrientation(javafx.geometry.Orientation.VERTICAL);
        outputs.setDividerPositions(0.7);
        HBox bar = new HBox(10, summary, capture, cancel);
        HBox.setHgrow(summary, Priority.ALWAYS);
        summary.setMaxWidth(Double.MAX_VALUE);
        setCenter(outputs);
        setTop(shownCommand);
        setBottom(bar);
        setPadding(new Insets(8));
        BorderPane.setMargin(bar, new Insets(8, 0, 0, 0));
    }

    public String title() {
        return title;
    }

    /** Called off the FX thread once the run has started. */
    @Override
    public void started(NodeRun started) {
        run = started;
        Platform.runLater(() -> summary.setText("running…"));
    }

    /** Called off the FX thread when the run has ended. */
    public void finished(RunResult result) {
        Platform.runLater(() -> {
            summary.setText(result.summary() + (result.stdout().isSpooled()
                    ? " — full stdout in " + result.stdout().spoolFile().orElseThrow() : ""));
            cancel.setDisable(true);
        });
    }

    /** Called off the FX thread once the result is recorded: Capture becomes available, once. */
    public void offerCapture(Runnable action) {
        Platform.runLater(() -> {
            capture.setOnAction(e -> {
                capture.setDisable(true);
                capture.setText("Captured");
                action.run();
            });
            capture.setDisable(false);
        });
    }

    public void failed(String message) {
        Platform.runLater(() -> {
            summary.setText(message);
            cancel.setDisable(true);
        });
    }

    @Override
    public void stdout(byte[] bytes, int offset, int length) {
        append(pendingOut, bytes, offset, length);
    }

    @Override
    public void stderr(byte[] bytes, int offset, int length) {
        append(pendingErr, bytes, offset, length);
    }

    // Output arrives in many small pieces; the FX thread gets them in batches so it is never flooded.
    private void append(StringBuilder pending, byte[] bytes, int offset, int length) {
        String text = new String(bytes, offset, length, StandardCharsets.UTF_8);
        synchronized (this) {
            pending.append(text);
            if (pending.length() > SHOWN_CHARS) {
                pending.delete(0, pending.length() - SHOWN_CHARS);
            }
            if (flushQueued) {
                return;
            }
            flushQueued = true;
        }
        Platform.runLater(this::flush);
    }

    private void flush() {
        String out;
        String err;
        synchronized (this) {
            out = pendingOut.toString();
            err = pendingErr.toString();
            pendingOut.setLength(0);
            pendingErr.setLength(0);
            flushQueued = false;
        }
        show(stdout, out);
        show(stderr, err);
    }

    private static void show(TextArea area, String text) {
        if (text.isEmpty()) {
            return;
        }
        area.appendText(text);
        int excess = area.getLength() - SHOWN_CHARS;
        if (excess > 0) {
            area.deleteText(0, excess);
        }
    }

    public String stdoutText() {
        return stdout.getText();
    }

    public String stderrText() {
        return stderr.getText();
    }

    public String summaryText() {
        return summary.getText();
    }

    private static TextArea area(String id) {
        TextArea area = new TextArea();
        area.setId(id);
        area.setEditable(false);
        area.setStyle("-fx-font-family: monospace;");
        return area;
    }

    private static VBox titled(String title, TextArea area) {
        VBox box = new VBox(4, new Label(title), area);
        VBox.setVgrow(area, Priority.ALWAYS);
        return box;
    }
}
