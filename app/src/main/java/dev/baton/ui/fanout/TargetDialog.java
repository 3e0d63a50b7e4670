package dev.baton.ui.fanout;

import dev.baton.inventory.Inventory;
import dev.baton.inventory.Node;
import dev.baton.session.Engine;
import dev.baton.session.EngineChoice;
import dev.baton.session.UnknownEngineException;
import dev.baton.session.Targets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * "Run on node…": which nodes, by inventory group, by a filter on the name, or picked by hand. The
 * answer names the group it came from, so the confirmation can say "40 nodes of group web".
 */
public final class TargetDialog extends Dialog<TargetDialog.Choice> {
    private static final String ALL = "All nodes";

    /**
     * The nodes chosen, the group they were chosen as (null when picked by hand), how to reach them, and how to
     * roll the step out.
     *
     * @param canary        one node first, whatever the step (a changing step gets it anyway)
     * @param batchSize     batches of this many one after another; 0: all at once
     * @param stopOnFailure a batch with a failure leaves the rest not run
     */
    public record Choice(List<Node> nodes, String group, Engine engine, boolean canary, int batchSize,
            boolean stopOnFailure) {
        public Choice(List<Node> nodes, String group) {
            this(nodes, group, Engine.defaultFor(nodes), false, 0, false);
        }

        public String describe() {
            return Targets.describe(group, nodes);
        }
    }

    private final javafx.scene.control.CheckBox canary = new javafx.scene.control.CheckBox("Canary first");
    private final javafx.scene.control.Spinner<Integer> batch = new javafx.scene.control.Spinner<>(0, 1000, 0);
    private final javafx.scene.control.CheckBox stopOnFailure = new javafx.scene.control.CheckBox("Stop on failure");

    private final ListView<Node> list = new ListView<>();
    private final ComboBox<String> group = new ComboBox<>();
    private final TextField filter = new TextField();
    private final ComboBox<Engine> engine = new ComboBox<>();
    /** Why the engine shown is the one: "Ansible: set by group prod_db", or what is wrong with what was set. */
    private final Label engineWhy = new Label();
    /** Set once the responder picks an engine: the inventory's default no longer replaces it. */
    private boolean engineChosen;
    /** The nodes set the engine shown now: not the responder's pick. */
    private boolean following;
    /** No engine yet: what the nodes set is not an engine Baton has, and the responder has not picked one. */
    private final javafx.beans.property.BooleanProperty engineMissing = new javafx.beans.property.SimpleBooleanProperty();
    private final Inventory inventory;

    public TargetDialog(Inventory inventory, Optional<Node> preselected) {
        this.inventory = inventory;
        setTitle("Run on node…");
        setHeaderText("Run on which nodes? A group, a filter, or Ctrl+click for several");
        List<String> groups = new ArrayList<>();
        groups.add(ALL);
        groups.addAll(inventory.byGroup().keySet());
        group.setId("run-group");
        group.setItems(FXCollections.observableArrayList(groups));
        group.setValue(ALL);
        filter.setId("run-filter");
        filter.setPromptText("Filter by name");
        list.setId("run-nodes");
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(Node node, boolean empty) {
                super.updateItem(node, empty);
                setText(empty || node == null ? null : node.name() + "  (" + node.address() + ")"
                        + (node.production() ? "  · PROD" : ""));
            }
        });
        list.setPrefHeight(320);
        group.valueProperty().addListener((obs, old, name) -> refill(true));
        filter.textProperty().addListener((obs, old, text) -> refill(false));
        refill(false);
        // A single node is the only possible answer: chosen already, OK is one key away.
        preselected.or(() -> inventory.nodes().size() == 1 ? Optional.of(inventory.nodes().get(0)) : Optional.empty())
                .ifPresent(node -> list.getSelectionModel().select(node));
        Label count = new Label();
        count.setId("run-count");
        list.getSelectionModel().getSelectedItems().addListener((javafx.collections.ListChangeListener<Node>) change ->
                count.setText(list.getSelectionModel().getSelectedItems().size() + " selected"));
        count.setText(list.getSelectionModel().getSelectedItems().size() + " selected");
        engine.setId("run-engine");
        engine.setItems(FXCollections.observableArrayList(Engine.values()));
        engine.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Engine value) {
                return value == null ? "" : value == Engine.SSH ? "SSH (Baton's own)" : "Ansible (ansible ad-hoc)";
            }

            @Override
            public Engine fromString(String text) {
                return null;
            }
        });
        engineWhy.setId("run-engine-why");
        engineWhy.setWrapText(true);
        engineWhy.setMaxWidth(560);
        engine.valueProperty().addListener((obs, old, picked) -> {
            if (!following) {
                chosenHere();
            }
        });
        followNodes();
        // The inventory's or config.yaml's choice follows the nodes until the responder picks one.
        list.getSelectionModel().getSelectedItems().addListener((ListChangeListener<Node>) change -> followNodes());
        HBox.setHgrow(filter, Priority.ALWAYS);
        javafx.scene.layout.Region gap = new javafx.scene.layout.Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bottom = new HBox(8, count, gap, new Label("Engine"), engine);
        bottom.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        canary.setId("run-canary");
        batch.setId("run-batch");
        batch.setEditable(true);
        batch.setPrefWidth(80);
        stopOnFailure.setId("run-stop-on-failure");
        HBox rollout = new HBox(8, canary, new Label("Batches of (0: all)"), batch, stopOnFailure);
        rollout.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        getDialogPane().setContent(new VBox(8, new HBox(8, new Label("Group"), group, filter), list, bottom, engineWhy,
                rollout));
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        getDialogPane().lookupButton(ButtonType.OK).setId("run-nodes-ok");
        // OK with nothing chosen would do nothing, silently: it cannot be pressed then.
        getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(
                javafx.beans.binding.Bindings.isEmpty(list.getSelectionModel().getSelectedItems()).or(engineMissing));
        setResultConverter(button -> button == ButtonType.OK ? choice() : null);
    }

    private void chosenHere() {
        if (engine.getValue() == null) {
            return;
        }
        engineChosen = true;
        engineMissing.set(false);
        engineWhy.setStyle("");
        engineWhy.setText(EngineChoice.chosen(engine.getValue(), "here").describe());
    }

    /** Shows the engine the chosen nodes set, and why, unless the responder has picked one. */
    private void followNodes() {
        if (engineChosen) {
            return;
        }
        List<Node> chosen = List.copyOf(list.getSelectionModel().getSelectedItems());
        following = true;
        try {
            EngineChoice choice = EngineChoice.forNodes(chosen);
            engine.setValue(choice.engine());
            engineWhy.setStyle("");
            engineWhy.setText(chosen.isEmpty() ? "" : choice.describe());
            engineMissing.set(false);
        } catch (UnknownEngineException e) {
            engine.setValue(null);
            engineWhy.setStyle("-fx-text-fill: #c0392b;");
            engineWhy.setText(e.getMessage());
            engineMissing.set(true);
        } finally {
            following = false;
        }
    }

    private void refill(boolean selectGroup) {
        List<Node> members = ALL.equals(group.getValue()) ? inventory.nodes()
                : inventory.byGroup().getOrDefault(group.getValue(), List.of());
        String wanted = filter.getText().strip().toLowerCase(java.util.Locale.ROOT);
        List<Node> shown = members.stream().filter(node -> wanted.isEmpty()
                || node.name().toLowerCase(java.util.Locale.ROOT).contains(wanted)).toList();
        list.getItems().setAll(shown);
        if (selectGroup && !ALL.equals(group.getValue()) || !wanted.isEmpty()) {
            list.getSelectionModel().selectAll();
        }
    }

    private Choice choice() {
        List<Node> chosen = List.copyOf(list.getSelectionModel().getSelectedItems());
        boolean wholeGroup = !ALL.equals(group.getValue()) && filter.getText().isBlank()
                && chosen.size() == list.getItems().size();
        return new Choice(chosen, wholeGroup ? group.getValue() : null, engine.getValue(), canary.isSelected(),
                batch.getValue(), stopOnFailure.isSelected());
    }
}
