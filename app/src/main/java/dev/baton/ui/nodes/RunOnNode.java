package dev.baton.ui.nodes;

import dev.baton.inventory.Node;
import dev.baton.runbook.Runbook;
import dev.baton.session.Confirmation;
import dev.baton.session.NodeRunning;
import dev.baton.ui.Background;
import dev.baton.runbook.Step;
import dev.baton.ssh.RunResult;
import dev.baton.step.ExecPlan;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;

/**
 * "Run on node…": choose nodes, see the exact text when the policy asks, run it over exec on each, one
 * result window a node. The rules and the record are {@link NodeRunning}'s; this is the window's face.
 */
public final class RunOnNode {
    private final Supplier<List<Node>> nodes;
    private final NodeRunning running;
    private final Background background;
    private final Consumer<String> status;
    private final Supplier<Runbook> runbook;
    private final Consumer<String> notes;
    private final List<RunResultWindow> windows = new CopyOnWriteArrayList<>();

    /**
     * @param runbook the runbook shown, which runs are recorded against
     * @param notes   takes a capture's Markdown block, on the FX thread
     */
    public RunOnNode(Supplier<List<Node>> nodes, NodeRunning running, Background background, Consumer<String> status,
            Supplier<Runbook> runbook, Consumer<String> notes) {
        this.nodes = nodes;
        this.running = running;
        this.background = background;
        this.status = status;
        this.runbook = runbook;
        this.notes = notes;
    }

    /** Asks for the nodes, then confirms and runs. Placeholders are already filled into {@code values}. */
    public void run(Step step, Map<String, String> values, Optional<Node> preselected) {
        ExecPlan plan = NodeRunning.plan(step.command(), values);
        if (!plan.missingPlaceholders().isEmpty()) {
            status.accept("Step " + step.number() + " still needs " + String.join(", ", plan.missingPlaceholders()));
            return;
        }
        List<Node> chosen = chooseNodes(preselected);
        if (chosen.isEmpty()) {
            return;
        }
        String names = String.join(", ", chosen.stream().map(Node::name).toList());
        Confirmation confirmation = NodeRunning.confirmation(plan, chosen);
        if (confirmation.needed()
                && !new NodeRunConfirmation(step.number(), plan, confirmation, names).showAndWait().orElse(false)) {
            status.accept("Step " + step.number() + " not run");
            return;
        }
        running.announce(runbook.get(), step.number(), plan, chosen, values);
        for (Node node : chosen) {
            start(step.number(), node, plan, values);
        }
    }

    private void start(int stepNumber, Node node, ExecPlan plan, Map<String, String> values) {
        RunResultWindow window = new RunResultWindow("Step " + stepNumber + " on " + node.name(), plan.command());
        windows.add(window);
        window.show();
        background.executor().execute(() -> {
            try {
                NodeRunning.Finished finished = running.run(node, plan, values, window);
                RunResult result = finished.result();
                window.finished(result);
                finished.recorded().whenComplete((event, failure) -> {
                    if (failure != null) {
                        window.failed("Ran, but not recorded in the incident: " + Background.cause(failure).getMessage());
                    } else {
                        event.ifPresent(recorded -> window.offerCapture(() -> background.onFx(
                                running.capture(result, values, recorded), "Not captured", notes)));
                    }
                });
                Platform.runLater(() -> status.accept("Step " + stepNumber + " on " + node.name() + ": "
                        + result.summary()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                window.failed("Not run: interrupted");
            } catch (CompletionException e) {
                window.failed("Not run: " + Background.cause(e).getMessage());
            } catch (Exception e) {
                window.failed("Not run: " + e.getMessage());
            }
        });
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

    /** Closes every result window (the console is closing). */
    public void closeWindows() {
        windows.forEach(RunResultWindow::close);
    }

    public List<RunResultWindow> windows() {
        return List.copyOf(windows);
    }
}
