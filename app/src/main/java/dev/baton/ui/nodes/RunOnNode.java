package dev.baton.ui.nodes;

import dev.baton.inventory.Inventory;
import dev.baton.inventory.Node;
import dev.baton.session.FanOut;
import dev.baton.ui.fanout.FanOutWindow;
import dev.baton.ui.fanout.TargetDialog;
import dev.baton.session.Engine;
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
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;

/**
 * "Run on node…": choose nodes, see the exact text when the policy asks, run it over exec on each, one
 * result tab a node, docked in the results pane. The rules and the record are {@link NodeRunning}'s; this is the window's face.
 */
public final class RunOnNode {
    private final Supplier<Inventory> inventory;
    private final NodeRunning running;
    private final FanOut fanOut;
    private final Background background;
    private final Consumer<String> status;
    private final Supplier<Runbook> runbook;
    private final Consumer<String> notes;
    private final List<RunResultWindow> windows = new CopyOnWriteArrayList<>();
    private final List<FanOutWindow> fanOuts = new CopyOnWriteArrayList<>();
    private final dev.baton.ui.results.ResultsPane results;

    /**
     * @param runbook the runbook shown, which runs are recorded against
     * @param notes   takes a capture's Markdown block, on the FX thread
     */
    public RunOnNode(Supplier<Inventory> inventory, NodeRunning running, FanOut fanOut, Background background,
            Consumer<String> status, Supplier<Runbook> runbook, Consumer<String> notes,
            dev.baton.ui.results.ResultsPane results) {
        this.results = results;
        this.inventory = inventory;
        this.running = running;
        this.fanOut = fanOut;
        this.background = background;
        this.status = status;
        this.runbook = runbook;
        this.notes = notes;
    }

    /**
     * Asks for the nodes, then confirms and runs. Placeholders are already filled into {@code values}; those
     * named in {@code literal} came from an alert and are quoted for the shell where they stand.
     */
    public void run(Step step, Map<String, String> values, java.util.Set<String> literal, Optional<Node> preselected) {
        ExecPlan plan = NodeRunning.plan(step, values, literal);
        if (plan.refused()) {
            Alert refused = new Alert(Alert.AlertType.WARNING, plan.refusal(), ButtonType.OK);
            refused.setHeaderText("Step " + step.number() + " was not run");
            refused.showAndWait();
            return;
        }
        if (!plan.missingPlaceholders().isEmpty()) {
            status.accept("Step " + step.number() + " still needs " + String.join(", ", plan.missingPlaceholders()));
            return;
        }
        Optional<TargetDialog.Choice> choice = chooseNodes(preselected);
        if (choice.isEmpty()) {
            return;
        }
        List<Node> chosen = choice.get().nodes();
        String names = choice.get().describe();
        Confirmation confirmation = NodeRunning.confirmation(plan, chosen);
        if (confirmation.needed()
                && !new NodeRunConfirmation(step.number(), plan, confirmation, names).showAndWait().orElse(false)) {
            status.accept("Step " + step.number() + " not run");
            return;
        }
        Engine engine = choice.get().engine();
        if (chosen.size() == 1 && engine == Engine.SSH) {
            running.announce(runbook.get(), step.number(), plan, chosen, values);
            start(step.number(), chosen.get(0), plan, values);
            return;
        }
        FanOutWindow window = new FanOutWindow(fanOut, runbook.get(), step.number(), names, background, notes,
                this::dock);
        dev.baton.session.Rollout automatic = dev.baton.session.Rollout.forStep(plan, step.changes(), chosen.size());
        dev.baton.session.Rollout rollout = new dev.baton.session.Rollout(automatic.canary() || choice.get().canary(),
                choice.get().batchSize(), choice.get().stopOnFailure());
        FanOut.Options options = FanOut.Options.DEFAULT.with(rollout);
        if (engine == Engine.SSH) {
            window.watch(fanOut.start(runbook.get(), step.number(), plan, chosen, values, options, outcome -> { },
                    window::askAfterCanary));
            return;
        }
        // Ansible is found and asked which hosts it would run on first (about a second): off the FX thread. A
        // refusal (not installed, inventory rejected, no host matched) is reported and nothing is recorded.
        status.accept("Step " + step.number() + ": starting Ansible on " + names + "…");
        Runbook current = runbook.get();
        background.run("Step " + step.number() + " not run through Ansible", () -> fanOut.start(current,
                step.number(), plan, chosen, values, options, engine, outcome -> { }, window::askAfterCanary),
                window::watch);
    }

    private void start(int stepNumber, Node node, ExecPlan plan, Map<String, String> values) {
        RunResultWindow window = new RunResultWindow("Step " + stepNumber + " on " + node.name(), plan.command());
        windows.add(window);
        results.dock(window.title(), plan.command(), window, () -> { });
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

    private Optional<TargetDialog.Choice> chooseNodes(Optional<Node> preselected) {
        Inventory nodes = inventory.get();
        if (nodes.nodes().isEmpty()) {
            status.accept("No nodes: add an inventory (--inventory, or ~/.ssh/config)");
            return Optional.empty();
        }
        return new TargetDialog(nodes, preselected).showAndWait();
    }

    /** A fan-out's grid, this one or one Retry failed started, as a tab of the results pane. */
    private void dock(FanOutWindow window) {
        fanOuts.add(window);
        results.dock(window.title(), window.title(), window, window::closed);
    }

    /** Cancels fan-outs still running and closes every result tab (the console is closing). */
    public void closeWindows() {
        fanOuts.forEach(window -> window.run().cancel());
        results.closeAll();
    }

    public dev.baton.ui.results.ResultsPane results() {
        return results;
    }

    /** The fan-out windows opened, newest last. */
    public List<FanOutWindow> fanOuts() {
        return List.copyOf(fanOuts);
    }

    public List<RunResultWindow> windows() {
        return List.copyOf(windows);
    }
}
