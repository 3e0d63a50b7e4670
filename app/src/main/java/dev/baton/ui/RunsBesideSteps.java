package dev.baton.ui;

import dev.baton.render.BatonUrls;
import dev.baton.session.IncidentSession;
import dev.baton.ui.nodes.NodesPane;
import dev.baton.ui.results.ResultsPane;
import dev.baton.ui.runbook.RunHistory;
import dev.baton.ui.runbook.RunbookView;
import dev.baton.ui.runbook.StepActions;
import java.util.function.Consumer;
import javafx.scene.control.TextArea;

/**
 * The runs listed beside each step on the runbook page: kept as the session records them, each one's
 * output a click away in the results pane, and a step run again where it ran.
 */
final class RunsBesideSteps {
    private final RunHistory history = new RunHistory(this::refresh);
    private final RunbookView runbook;
    private final StepActions steps;
    private final NodesPane nodes;
    private final ResultsPane results;
    private final Background background;
    private final Consumer<String> status;
    private boolean stopped;

    RunsBesideSteps(IncidentSession session, RunbookView runbook, StepActions steps, NodesPane nodes,
            ResultsPane results, Background background, Consumer<String> status) {
        this.runbook = runbook;
        this.steps = steps;
        this.nodes = nodes;
        this.results = results;
        this.background = background;
        this.status = status;
        session.addListener(history);
        runbook.setRuns(history::of);
    }

    /** The page shows the runs as they are recorded, until the window closes. */
    private void refresh() {
        if (!stopped && runbook.shownRunbookProperty().get() != null) {
            runbook.refresh();
        }
    }

    void stop() {
        stopped = true;
    }

    /** An earlier run's output, from the incident folder, as a tab of the results pane. */
    void showOutput(long seq) {
        history.output(seq).ifPresentOrElse(output -> background.run("Could not read the output",
                output::read, text -> {
                    TextArea area = new TextArea(text);
                    area.setId("run-output");
                    area.setEditable(false);
                    area.setStyle("-fx-font-family: monospace;");
                    results.dock(output.result().target() + ": " + output.result().command(),
                            output.result().command(), besideExpected(seq, area), () -> { });
                }), () -> status.accept("That run's output is not in this incident"));
    }

    /**
     * The run's output with, beside it, what the runbook's author pasted as the step's output, when there is
     * such a thing: the responder compares them by eye (names, times and counts differ between any two runs, so
     * Baton does not judge the difference itself).
     */
    private javafx.scene.Node besideExpected(long seq, TextArea output) {
        var shown = runbook.shownRunbookProperty().get();
        String expected = shown == null ? "" : history.run(shown.id(), seq).flatMap(run -> shown.step(run.step()))
                .map(dev.baton.runbook.Step::expectedOutput).orElse("");
        if (expected.isEmpty()) {
            return output;
        }
        TextArea area = new TextArea(expected);
        area.setId("expected-output");
        area.setEditable(false);
        area.setStyle("-fx-font-family: monospace;");
        javafx.scene.layout.VBox left = new javafx.scene.layout.VBox(new javafx.scene.control.Label("This run"), output);
        javafx.scene.layout.VBox right = new javafx.scene.layout.VBox(
                new javafx.scene.control.Label("Expected (as the runbook shows it)"), area);
        javafx.scene.layout.VBox.setVgrow(output, javafx.scene.layout.Priority.ALWAYS);
        javafx.scene.layout.VBox.setVgrow(area, javafx.scene.layout.Priority.ALWAYS);
        return new javafx.scene.control.SplitPane(left, right);
    }

    /**
     * The same step again where it ran: in the terminal it was typed into, or on the node it ran on (chosen, then
     * confirmed as any run is).
     */
    void rerun(long seq) {
        var shown = runbook.shownRunbookProperty().get();
        if (shown == null) {
            return;
        }
        history.run(shown.id(), seq).ifPresent(run -> {
            var terminal = history.typedInto(seq);
            var node = nodes.inventory().find(run.target());
            String step = String.valueOf(run.step());
            if (terminal.isPresent()) {
                steps.runAgainIn(run.step(), terminal.get());
            } else if (node.isPresent()) {
                nodes.select(node.get());
                steps.handle(new BatonUrls.Parsed(BatonUrls.Action.RUN_ON_NODE, step));
            } else {
                steps.handle(new BatonUrls.Parsed(BatonUrls.Action.RUN, step));
            }
        });
    }
}
