package dev.baton.ui.runbook;

import dev.baton.render.BatonUrls;
import dev.baton.runbook.Runbook;
import dev.baton.runbook.Step;
import dev.baton.session.Confirmation;
import dev.baton.session.IncidentSession;
import dev.baton.session.StepSending;
import dev.baton.step.SendPlan;
import dev.baton.ui.Background;
import dev.baton.ui.terminal.TerminalTab;
import dev.baton.ui.terminal.TerminalTabs;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/**
 * What a click on a rendered runbook does. The step always comes from the parsed runbook by number;
 * nothing is read back from the page.
 */
public final class StepActions {
    /** Runs a step on nodes: given the step and its placeholder values, it chooses nodes and confirms. */
    @FunctionalInterface
    public interface NodeRunner {
        /** @param literal the names whose values came from an alert, quoted for the shell where they stand */
        void run(Step step, Map<String, String> values, java.util.Set<String> literal);
    }

    private final RunbookView view;
    private final Supplier<TerminalTabs> terminalTabs;
    private final StepSending sending;
    private final NodeRunner nodeRunner;
    private final Background background;
    private final Consumer<String> status;
    private final Consumer<String> openExternal;
    private final IncidentSession incident;
    /** Placeholder values given during this incident, offered again next time. */
    private final Map<String, String> remembered = new ConcurrentHashMap<>();
    /** The labels of the alert last opened: they fill placeholders and $NAME references, quoted for the shell. */
    private final Map<String, String> alertLabels = new ConcurrentHashMap<>();
    /** The open incident's variables: they fill what the alert does not, quoted the same way. */
    private final dev.baton.session.IncidentVariables incidentVariables;

    /** Values for a step: those that are still an alert's label as it came are {@code literal} (quoted when sent). */
    private record Filled(Map<String, String> values, java.util.Set<String> literal) {}
    private int currentStep = 1;

    public StepActions(RunbookView view, Supplier<TerminalTabs> terminalTabs, StepSending sending,
            NodeRunner nodeRunner, IncidentSession incident, dev.baton.session.IncidentVariables incidentVariables,
            Background background, Consumer<String> status, Consumer<String> openExternal) {
        this.view = view;
        this.incidentVariables = incidentVariables;
        this.terminalTabs = terminalTabs;
        this.sending = sending;
        this.nodeRunner = nodeRunner;
        this.incident = incident;
        this.background = background;
        this.status = status;
        this.openExternal = openExternal;
    }

    public void handle(BatonUrls.Parsed action) {
        Runbook runbook = view.shownRunbookProperty().get();
        switch (action.action()) {
            case RUN -> step(runbook, action).ifPresent(step -> terminalTabs.get().active().ifPresentOrElse(
                    tab -> run(step, tab), () -> status.accept("Open a terminal first (Ctrl+T)")));
            case RUN_IN -> step(runbook, action).ifPresent(step -> chooseTerminal("Which terminal?", null)
                    .ifPresentOrElse(tab -> run(step, tab), () -> notRun(step.number())));
            case RUN_ON_NODE -> step(runbook, action).ifPresent(this::runOnNode);
            case COPY -> step(runbook, action).ifPresent(this::copy);
            case TICK -> {
                if (view.isHandedOff()) {
                    // Refused before the box changes: a tick shown and then taken away reads as a glitch.
                    refuseTick(action.number());
                    return;
                }
                boolean ticked = view.toggleTick(action.number());
                status.accept((ticked ? "Ticked" : "Unticked") + " checklist item " + action.number());
                if (runbook != null && action.number() <= runbook.checklist().size()) {
                    // The page shows what the record holds: a tick it refuses (a handed-off copy) is put back.
                    incident.checklist(runbook, action.number(), runbook.checklist().get(action.number() - 1).text(),
                            ticked).whenComplete((done, refused) -> {
                                if (refused != null) {
                                    javafx.application.Platform.runLater(
                                            () -> view.setTick(runbook, action.number(), !ticked));
                                }
                            });
                }
            }
            case OPEN -> view.open(action.argument());
            case EXTERNAL -> confirmExternal(action.argument());
        }
    }

    /** Says, where the responder is looking, why a checklist item of a handed-off copy stays as it was. */
    private void refuseTick(int item) {
        status.accept("Checklist item " + item + " not changed: this incident is handed off");
        javafx.scene.control.Alert alert = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.INFORMATION,
                "You handed this incident off, so this copy is read-only: checklist item " + item + " stays as it"
                        + " was, and the receiver's checklist is the one that counts. Take the incident back"
                        + " (Ctrl+Shift+B) to tick it here.");
        if (view.getScene() != null) {
            alert.initOwner(view.getScene().getWindow());
        }
        alert.setTitle("Checklist not changed");
        alert.setHeaderText("This incident is handed off");
        alert.getDialogPane().setId("checklist-refused");
        alert.show();
    }

    /** Runs the step last acted on (Ctrl+Enter). */
    public void runCurrent() {
        handle(new BatonUrls.Parsed(BatonUrls.Action.RUN, String.valueOf(currentStep)));
    }

    private Optional<Step> step(Runbook runbook, BatonUrls.Parsed action) {
        if (runbook == null) {
            return Optional.empty();
        }
        Optional<Step> step = runbook.step(action.number());
        step.ifPresent(s -> currentStep = s.number());
        if (step.isEmpty()) {
            status.accept("No step " + action.argument() + " in " + runbook.title());
        }
        return step;
    }

    /** @param offered the terminal chosen to begin with; the first one when null */
    private Optional<TerminalTab> chooseTerminal(String question, TerminalTab offered) {
        List<TerminalTab> tabs = terminalTabs.get().all();
        if (tabs.isEmpty()) {
            status.accept("Open a terminal first (Ctrl+T)");
            return Optional.empty();
        }
        ChoiceDialog<String> dialog = new ChoiceDialog<>((offered == null ? tabs.get(0) : offered).name(),
                tabs.stream().map(TerminalTab::name).toList());
        dialog.getDialogPane().setId("choose-terminal");
        dialog.setTitle("Run in…");
        dialog.setHeaderText(question);
        return dialog.showAndWait().flatMap(name -> tabs.stream().filter(t -> t.name().equals(name)).findFirst());
    }

    /**
     * Step {@code number} of the page again in the terminal it was typed into. When that terminal is closed the
     * responder chooses, the active one offered: a re-run names where it goes, and going elsewhere unasked
     * could put the step on another host.
     */
    public void runAgainIn(int number, String terminal) {
        step(view.shownRunbookProperty().get(), new BatonUrls.Parsed(BatonUrls.Action.RUN, String.valueOf(number)))
                .ifPresent(step -> terminalTabs.get().all().stream().filter(tab -> tab.name().equals(terminal))
                        .findFirst().ifPresentOrElse(tab -> run(step, tab), () -> {
                            status.accept(terminal + ", where step " + number + " was typed, is closed: choose where"
                                    + " to run it");
                            chooseTerminal("Step " + number + " was typed into " + terminal + ", which is closed."
                                    + " Run it in:", terminalTabs.get().active().orElse(null))
                                    .ifPresentOrElse(tab -> run(step, tab), () -> notRun(number));
                        }));
    }

    /** The choice of terminal was cancelled: what the status bar asked ("choose where…") no longer holds. */
    private void notRun(int number) {
        status.accept("Step " + number + " not run: no terminal chosen");
    }

    /** Placeholders, then the plan, then (when the policy asks) the confirmation, then the bytes, off the FX thread. */
    public void run(Step step, TerminalTab tab) {
        String notRunnable = StepSending.notRunnable(step);
        if (!notRunnable.isEmpty()) {
            status.accept(notRunnable);
            return;
        }
        Optional<Filled> filled = placeholderValues(step);
        if (filled.isEmpty()) {
            return;
        }
        Optional<Map<String, String>> values = Optional.of(filled.get().values());
        SendPlan plan = sending.plan(step, values.get(), filled.get().literal(), tab.widget().bracketedPaste());
        if (plan.refused()) {
            Alert alert = new Alert(Alert.AlertType.WARNING, plan.refusal(), ButtonType.OK);
            alert.setHeaderText("Step " + step.number() + " was not sent to " + tab.name());
            alert.showAndWait();
            return;
        }
        Confirmation confirmation = Confirmation.of(plan, tab.target().production() ? List.of(tab.name()) : List.of());
        if (confirmation.needed()
                && !new SendConfirmation(step, plan, confirmation, tab.name()).showAndWait().orElse(false)) {
            status.accept("Step " + step.number() + " not sent");
            return;
        }
        Runbook runbook = view.shownRunbookProperty().get();
        terminalTabs.get().bringToFront(tab);
        background.onFx(sending.send(runbook, step, plan, values.get(), tab.name(), tab.session(),
                tab.keyboard(), tab.widget()::screen),
                "Step " + step.number() + " not sent", done -> status.accept("Step " + step.number()
                        + (plan.submits() ? " sent to " + tab.name()
                        : " typed into " + tab.name() + ": press Enter to run it")));
    }

    /** "Run on node…": the same placeholder rules, then the nodes are chosen and the step runs over exec. */
    public void runOnNode(Step step) {
        String notRunnable = StepSending.notForNodes(step);
        if (!notRunnable.isEmpty()) {
            status.accept(notRunnable);
            return;
        }
        placeholderValues(step).ifPresent(filled -> nodeRunner.run(step, filled.values(), filled.literal()));
    }

    /** Fills the next steps' placeholders from an alert's labels (shown in the dialog, editable). */
    public void useAlert(Map<String, String> labels) {
        alertLabels.clear();
        alertLabels.putAll(labels);
    }

    /**
     * Asks for the step's placeholders, offering the alert's labels and remembered values, and any $NAME
     * reference an alert label answers; empty when the responder cancels.
     */
    private Optional<Filled> placeholderValues(Step step) {
        List<String> asked = new java.util.ArrayList<>(step.placeholders());
        asked.addAll(dev.baton.step.ShellQuoting.variableReferences(step.command()));
        Map<String, String> fromAlert = dev.baton.session.IncidentVariables.forNames(asked, alertLabels,
                incidentVariables.values());
        List<String> names = new java.util.ArrayList<>(step.placeholders());
        fromAlert.keySet().stream().filter(name -> !names.contains(name)).forEach(names::add);
        // A variable the step uses but never sets would expand to nothing: ask for it too.
        dev.baton.step.ShellVariables.unset(step.command()).stream().filter(name -> !names.contains(name))
                .forEach(names::add);
        if (names.isEmpty()) {
            return Optional.of(new Filled(Map.of(), java.util.Set.of()));
        }
        Map<String, String> offered = new java.util.HashMap<>(remembered);
        offered.putAll(fromAlert);
        Optional<Map<String, String>> filled = new PlaceholderDialog(
                "Step " + step.number() + " needs " + String.join(", ", names)
                        + (fromAlert.isEmpty() ? "" : " (from the alert or incident: " + String.join(", ", fromAlert.keySet())
                        + "; quoted for the shell when sent)"),
                names, offered).showAndWait();
        filled.ifPresent(given -> given.forEach((name, value) -> {
            if (!value.isBlank() && !fromAlert.containsKey(name)) {
                remembered.put(name, value);
            }
        }));
        // A variable left blank stays the shell's (it may be set there), rather than becoming an empty word.
        return filled.map(given -> given.entrySet().stream()
                        .filter(e -> step.placeholders().contains(e.getKey()) || !e.getValue().isBlank())
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)))
                .map(given -> new Filled(given, given.keySet().stream()
                .filter(name -> given.get(name).equals(fromAlert.get(name)))
                .collect(java.util.stream.Collectors.toSet())));
    }

    /** Runs the step last acted on, on nodes (Ctrl+Shift+Enter). */
    public void runCurrentOnNode() {
        handle(new BatonUrls.Parsed(BatonUrls.Action.RUN_ON_NODE, String.valueOf(currentStep)));
    }

    private void copy(Step step) {
        ClipboardContent content = new ClipboardContent();
        content.putString(step.command());
        Clipboard.getSystemClipboard().setContent(content);
        status.accept("Copied step " + step.number());
    }

    /** Opens a web address in the system browser after the responder has seen it and agreed. */
    public void confirmExternal(String url) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, url, ButtonType.OK, ButtonType.CANCEL);
        alert.setTitle("Open in browser");
        alert.setHeaderText("Open this address in your web browser?");
        if (alert.showAndWait().orElse(ButtonType.CANCEL) == ButtonType.OK) {
            openExternal.accept(url);
        }
    }
}
