package dev.baton.ui.nodes;

import dev.baton.inventory.Node;
import dev.baton.runbook.Step;
import dev.baton.ssh.NodeRun;
import dev.baton.ssh.NodeSessions;
import dev.baton.ssh.OutputSpool;
import dev.baton.ssh.RunResult;
import dev.baton.ssh.SshConnection;
import dev.baton.step.ExecPlan;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;

/**
 * "Run on node…": choose nodes, see the exact text, run it over exec on each, one result window a
 * node. Every result is kept for the incident notes.
 */
public final class RunOnNode {
    private final Supplier<List<Node>> nodes;
    private final NodeSessions sessions;
    private final Executor background;
    private final Consumer<String> status;
    private final Path spoolDirectory;
    private final List<RunResult> results = new CopyOnWriteArrayList<>();
    private final List<RunResultWindow> windows = new CopyOnWriteArrayList<>();
    private dev.baton.ui.incident.IncidentJournal journal;
    private Supplier<dev.baton.runbook.Runbook> runbook = () -> null;
    private Consumer<String> notes = block -> { };

    public RunOnNode(Supplier<List<Node>> nodes, NodeSessions sessions, Executor background, Consumer<String> status,
            Path spoolDirectory) {
        this.nodes = nodes;
        this.sessions = sessions;
        this.background = background;
        this.status = status;
        this.spoolDirectory = spoolDirectory;
    }

    /** Asks for the nodes, then confirms and runs. Placeholders are already filled into {@code values}. */
    public void run(Step step, Map<String, String> values, Optional<Node> preselected) {
        ExecPlan plan = ExecPlan.of(step.command(), values);
        if (!plan.missingPlaceholders().isEmpty()) {
            status.accept("Step " + step.number() + " still needs " + String.join(", ", plan.missingPlaceholders()));
            return;
        }
        List<Node> chosen = chooseNodes(preselected);
        if (chosen.isEmpty()) {
            return;
        }
        String names = String.join(", ", chosen.stream().map(Node::name).toList());
        if ((plan.mustShow() || chosen.size() > 1)
                && !new NodeRunConfirmation(step.number(), plan, names).showAndWait().orElse(false)) {
            status.accept("Step " + step.number() + " not run");
            return;
        }
        dev.baton.runbook.Runbook from = runbook.get();
        if (journal != null) {
            journal.stepRun(from, step.number(), plan.command(), chosen.stream().map(Node::name).toList(), values);
        }
        for (Node node : chosen) {
            start(step.number(), node, plan, values);
        }
    }

    private void start(int stepNumber, Node node, ExecPlan plan, Map<String, String> values) {
        RunResultWindow window = new RunResultWindow("Step " + stepNumber + " on " + node.name(), plan.command());
        windows.add(window);
        window.show();
        background.execute(() -> {
            try {
                SshConnection connection = sessions.connection(node).join();
                NodeRun run = NodeRun.start(connection, plan.command(), spoolDirectory,
                        OutputSpool.DEFAULT_MEMORY_LIMIT, window);
                window.started(run);
                RunResult result = run.await();
                results.add(result);
                window.finished(result);
                if (journal != null) {
                    recordAndOfferCapture(result, values, window);
                }
                Platform.runLater(() -> status.accept("Step " + stepNumber + " on " + node.name() + ": "
                        + result.summary()));
            } catch (CompletionException e) {
                window.failed("Not run: " + e.getCause().getMessage());
            } catch (Exception e) {
                window.failed("Not run: " + e.getMessage());
            }
        });
    }

    /** Once the result is in the timeline, the window's Capture puts it into the notes, linking the whole output. */
    private void recordAndOfferCapture(RunResult result, Map<String, String> values, RunResultWindow window) {
        String command = dev.baton.incident.Secrets.redact(result.command(), values);
        try {
            var event = journal.runResult(result, values).get();
            String output = result.stdout().text() + (result.stderr().size() == 0 ? ""
                    : "\n── stderr ──\n" + result.stderr().text());
            window.offerCapture(() -> journal.capture("exec", result.node(), command, result.summary(),
                    result.startedAt(), output, event.text("stdout"), notes));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            window.failed("Ran, but not recorded in the incident: " + e.getCause().getMessage());
        }
    }

    /** Where runs are recorded, which runbook they come from, and where captures go. */
    public void setJournal(dev.baton.ui.incident.IncidentJournal journal, Supplier<dev.baton.runbook.Runbook> runbook,
            Consumer<String> notes) {
        this.journal = journal;
        this.runbook = runbook;
        this.notes = notes;
    }

    private List<Node> chooseNodes(Optional<Node> preselected) {
        List<Node> all = nodes.get();
        if (all.isEmpty()) {
            status.accept("No nodes: add an inventory (--inventory, or ~/.ssh/config)");
            return List.of();
        }
        ListView<Node> list = new ListView<>();
        list.setId("run-nodes");
        list.getItems().setAll(all);
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.setCellFactory(view -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(Node node, boolean empty) {
                super.updateItem(node, empty);
                setText(empty || node == null ? null : node.name() + "  (" + node.address() + ")");
            }
        });
        preselected.ifPresent(node -> list.getSelectionModel().select(node));
        Dialog<List<Node>> dialog = new Dialog<>();
        dialog.setTitle("Run on node…");
        dialog.setHeaderText("Run on which nodes? (Ctrl+click for several)");
        dialog.getDialogPane().setContent(list);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(ButtonType.OK).setId("run-nodes-ok");
        dialog.setResultConverter(button -> button == ButtonType.OK
                ? List.copyOf(list.getSelectionModel().getSelectedItems()) : List.of());
        return dialog.showAndWait().orElse(List.of());
    }

    /** Every finished run of this session, for the incident notes. */
    public List<RunResult> results() {
        return List.copyOf(results);
    }

    /** Closes every result window (the console is closing). */
    public void closeWindows() {
        windows.forEach(RunResultWindow::close);
    }

    public List<RunResultWindow> windows() {
        return List.copyOf(windows);
    }
}
