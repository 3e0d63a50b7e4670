package dev.baton.ui.nodes;

import dev.baton.inventory.Inventory;
import dev.baton.inventory.Node;
import dev.baton.ssh.ConnectionState;
import dev.baton.ssh.NodeSessions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The nodes from the responder's inventories, by group, each with its connection state. Opening a
 * node opens a terminal on it; reconnect is one click and runs nothing by itself.
 */
public final class NodesPane extends VBox {
    private final NodeSessions sessions;
    private final Consumer<Node> openTerminal;
    private final TextField filter = new TextField();
    private final TreeView<Object> tree = new TreeView<>(new TreeItem<>("nodes"));
    private final Label problems = new Label();
    private Inventory inventory = Inventory.empty();

    public NodesPane(NodeSessions sessions, Consumer<Node> openTerminal) {
        this.sessions = sessions;
        this.openTerminal = openTerminal;
        setId("nodes-pane");
        setSpacing(6);
        setPadding(new Insets(6));
        filter.setId("nodes-filter");
        filter.setPromptText("Filter nodes");
        filter.textProperty().addListener((obs, old, text) -> rebuild());
        // Down goes to the first match; Enter opens a terminal on it when the filter leaves only one.
        filter.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.DOWN) {
                selectFirst();
                tree.requestFocus();
            } else if (event.getCode() == KeyCode.ENTER && inventory.filter(filter.getText()).size() == 1) {
                selectFirst();
                selected().ifPresent(openTerminal);
            }
        });
        tree.setId("nodes-tree");
        tree.setShowRoot(false);
        tree.setCellFactory(view -> new NodeCell());
        tree.setOnMouseClicked(event -> {
            if (event.getButton() == MouseButton.PRIMARY && event.getClickCount() == 2) {
                selected().ifPresent(openTerminal);
            }
        });
        tree.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ENTER) {
                selected().ifPresent(openTerminal);
            }
        });
        VBox.setVgrow(tree, Priority.ALWAYS);
        Button open = new Button("Open terminal");
        open.setId("open-ssh-terminal");
        open.setOnAction(e -> selected().ifPresent(openTerminal));
        Button reconnect = new Button("Reconnect");
        reconnect.setId("reconnect-node");
        reconnect.setOnAction(e -> selected().ifPresent(sessions::reconnect));
        // The buttons keep their names whole; a narrow pane cuts the list, not "Open terminal".
        open.setMinWidth(Region.USE_PREF_SIZE);
        reconnect.setMinWidth(Region.USE_PREF_SIZE);
        problems.setId("nodes-problems");
        problems.setWrapText(true);
        getChildren().addAll(filter, tree, new HBox(6, open, reconnect), problems);
        sessions.addListener((node, state, detail) -> Platform.runLater(tree::refresh));
    }

    public void setInventory(Inventory loaded) {
        inventory = loaded;
        problems.setText(loaded.problems().isEmpty() ? loaded.nodes().size() + " nodes"
                : loaded.nodes().size() + " nodes; " + loaded.problems().size() + " problem(s)");
        problems.setTooltip(loaded.problems().isEmpty() ? null : new Tooltip(String.join("\n", loaded.problems())));
        rebuild();
    }

    public Inventory inventory() {
        return inventory;
    }

    public Optional<Node> selected() {
        TreeItem<Object> item = tree.getSelectionModel().getSelectedItem();
        return item != null && item.getValue() instanceof Node node ? Optional.of(node) : Optional.empty();
    }

    public void select(Node node) {
        for (TreeItem<Object> group : tree.getRoot().getChildren()) {
            for (TreeItem<Object> item : group.getChildren()) {
                if (item.getValue() instanceof Node shown && shown.name().equals(node.name())) {
                    tree.getSelectionModel().select(item);
                    return;
                }
            }
        }
    }

    private void selectFirst() {
        tree.getRoot().getChildren().stream().flatMap(group -> group.getChildren().stream()).findFirst()
                .ifPresent(item -> tree.getSelectionModel().select(item));
    }

    public void focusFilter() {
        filter.requestFocus();
    }

    private void rebuild() {
        List<Node> visible = inventory.filter(filter.getText());
        TreeItem<Object> root = new TreeItem<>("nodes");
        for (Map.Entry<String, List<Node>> group : inventory.byGroup().entrySet()) {
            TreeItem<Object> groupItem = new TreeItem<>(group.getKey());
            group.getValue().stream().filter(visible::contains).forEach(node -> groupItem.getChildren()
                    .add(new TreeItem<>(node)));
            if (!groupItem.getChildren().isEmpty()) {
                groupItem.setExpanded(true);
                root.getChildren().add(groupItem);
            }
        }
        tree.setRoot(root);
    }

    private final class NodeCell extends TreeCell<Object> {
        @Override
        protected void updateItem(Object item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeIf(style -> style.startsWith("node-"));
            setGraphic(null);
            if (empty || item == null) {
                setText(null);
                setTooltip(null);
            } else if (item instanceof Node node) {
                ConnectionState state = sessions.state(node);
                setText(node.name() + "  ·  " + state.label());
                if (node.production()) {
                    javafx.scene.control.Label badge = new javafx.scene.control.Label("PROD");
                    badge.getStyleClass().add("production-badge");
                    setGraphic(badge);
                    setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);
                }
                getStyleClass().add("node-" + state.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
                String detail = sessions.detail(node);
                setTooltip(new Tooltip(node.address() + (node.proxyJump().isEmpty() ? ""
                        : " via " + String.join(", ", node.proxyJump())) + (detail.isEmpty() ? "" : "\n" + detail)));
            } else {
                setText(item.toString());
                setTooltip(null);
            }
        }
    }
}
