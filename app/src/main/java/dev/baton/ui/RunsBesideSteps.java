package dev.baton.ui;

import dev.baton.render.BatonUrls;
import dev.baton.session.IncidentSession;
import dev.baton.ui.nodes.NodesPane;
import dev.baton.ui.results.ResultsPane;
import dev.baton.ui.runbook.RunHistory;
import dev.baton.ui.runbook.RunbookView;
import dev.baton.ui.runbook.StepActions;
import dev.baton.session.RunComparison;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.control.TextArea;

/**
 * The runs listed beside each step on the runbook page: kept as the session records them, each one's
 * output a click away in the results pane, and a step run again where it ran.
 */
final class RunsBesideSteps {
    private static final java.time.format.DateTimeFormatter WHEN = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm").withZone(java.time.ZoneId.systemDefault());
    private final RunHistory history = new RunHistory(this::refresh);
    private final RunbookView runbook;
    private final StepActions steps;
    private final NodesPane nodes;
    private final ResultsPane results;
    private final Background background;
    private final Consumer<String> status;
    private final IncidentSession session;
    private boolean stopped;

    RunsBesideSteps(IncidentSession session, RunbookView runbook, StepActions steps, NodesPane nodes,
            ResultsPane results, Background background, Consumer<String> status) {
        this.runbook = runbook;
        this.steps = steps;
        this.nodes = nodes;
        this.results = results;
        this.background = background;
        this.status = status;
        this.session = session;
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
                    javafx.scene.control.Button compare = new javafx.scene.control.Button("Compare with another run…");
                    compare.setId("run-compare");
                    compare.setOnAction(e -> chooseComparison(output.folder(), seq));
                    javafx.scene.layout.BorderPane tab = new javafx.scene.layout.BorderPane(besideExpected(seq, area));
                    tab.setTop(compare);
                    results.dock(output.result().target() + ": " + output.result().command(),
                            output.result().command(), tab, () -> { });
                }), () -> status.accept("That run's output is not in this incident"));
    }

    /** A run of the same step to compare with: another node of this run, an earlier run, a past incident's. */
    private record Other(RunComparison.PastRun run, String label) {
        @Override
        public String toString() {
            return label;
        }
    }

    /**
     * Lists the other runs of the run's step (this incident's and the 20 newest incidents'), and shows the one
     * chosen beside this one as a diff in the results pane.
     */
    void chooseComparison(java.nio.file.Path folder, long seq) {
        var shown = runbook.shownRunbookProperty().get();
        var run = shown == null ? java.util.Optional.<dev.baton.incident.StepRuns.Run>empty() : history.run(shown.id(), seq);
        if (run.isEmpty()) {
            status.accept("That run is not of the runbook shown: open its runbook to compare it");
            return;
        }
        String runbookId = shown.id();
        int step = run.get().step();
        background.run("Could not list the step's runs", () -> RunComparison.runsOfStep(session.store(), runbookId, step,
                20), runs -> {
                    List<Other> others = runs.stream()
                            .filter(r -> !(r.run().seq() == seq && r.folder().equals(folder)))
                            .map(r -> new Other(r, (r.folder().equals(folder) ? "This incident" : r.title()) + " · "
                                    + r.run().target() + " · " + r.run().outcome() + " · "
                                    + WHEN.format(r.run().at()) + " (#" + r.run().seq() + ")"))
                            .toList();
                    if (others.isEmpty()) {
                        status.accept("No other run of step " + step + " with output to compare with");
                        return;
                    }
                    javafx.scene.control.ChoiceDialog<Other> dialog = new javafx.scene.control.ChoiceDialog<>(
                            others.get(0), others);
                    dialog.setTitle("Compare runs of step " + step);
                    dialog.setHeaderText("Compare this run with:");
                    dialog.getDialogPane().setId("run-compare-dialog");
                    dialog.getDialogPane().lookupButton(javafx.scene.control.ButtonType.OK).setId("run-compare-ok");
                    dialog.showAndWait().ifPresent(other -> background.run("Could not compare the runs", () ->
                            RunComparison.diff(RunComparison.read(folder, seq),
                                    RunComparison.read(other.run().folder(), other.run().run().seq())), diff -> {
                                TextArea area = new TextArea(diff);
                                area.setId("run-diff");
                                area.setEditable(false);
                                area.setStyle("-fx-font-family: monospace;");
                                results.dock("Compare: step " + step, "diff", area, () -> { });
                            }));
                });
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
