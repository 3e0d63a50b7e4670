package dev.baton.ui;

import dev.baton.ui.alerts.FiringPane;
import dev.baton.ui.library.LibraryPane;
import dev.baton.ui.nodes.NodesPane;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The runbooks, nodes and firing alerts in tabs at the window's left edge, first in the window's split; folded
 * (F9) into a strip with one button, their room goes to the runbook and the terminals.
 */
final class SideTabs {
    private static final double STRIP_WIDTH = 32;

    private final SplitPane split;
    private final TabPane tabs = new TabPane();
    private final Tab nodesTab = new Tab("Nodes");
    private final Tab firingTab = new Tab("Firing");
    /** What the tabs fold into: a strip with one button that opens them again. */
    private final VBox strip;
    private double[] dividersBeforeFolding;

    /** @param split the window's split, whose first item these tabs are */
    SideTabs(SplitPane split, LibraryPane library, FiringPane firing) {
        this.split = split;
        Tab runbooksTab = new Tab("Runbooks", library);
        nodesTab.setId("nodes-tab");
        firingTab.setId("firing-tab");
        // The firing pane joins its tab after the first frame (setFiring); its count is on the tab from the start.
        showFiringCount(firing);
        tabs.getTabs().setAll(runbooksTab, nodesTab, firingTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("side-tabs");
        tabs.setMinWidth(160);
        Button unfold = new Button("»");
        unfold.setId("side-pane-unfold");
        unfold.setTooltip(new Tooltip("Show runbooks, nodes and firing alerts (F9)"));
        unfold.setOnAction(e -> show(true));
        strip = new VBox(unfold);
        strip.setId("side-pane-strip");
        strip.setMinWidth(STRIP_WIDTH);
        strip.setMaxWidth(STRIP_WIDTH);
        strip.setPadding(new Insets(4, 2, 4, 2));
    }

    /** The tab pane, to go first in the window's split. */
    TabPane pane() {
        return tabs;
    }

    /** The Firing tab wears the number of alerts firing, so it is seen from the Runbooks or Nodes tab. */
    private void showFiringCount(FiringPane firing) {
        Label name = new Label("Firing");
        Label count = new Label();
        count.setId("firing-count");
        count.getStyleClass().add("count-badge");
        count.textProperty().bind(firing.firingCountProperty().asString());
        count.visibleProperty().bind(firing.firingCountProperty().greaterThan(0));
        count.managedProperty().bind(count.visibleProperty());
        HBox label = new HBox(5, name, count);
        label.setAlignment(Pos.CENTER_LEFT);
        firingTab.setText(null);
        firingTab.setGraphic(label);
    }

    /** The nodes pane joins its tab after the window's first frame. */
    void setNodes(NodesPane nodes) {
        nodesTab.setContent(nodes);
    }

    /**
     * The firing pane joins its tab after the window's first frame too: a hidden tab's content is styled and
     * skinned with the rest, and its tree view's is one of the larger parts of the first styling pass.
     */
    void setFiring(FiringPane firing) {
        firingTab.setContent(firing);
    }

    void showRunbooks() {
        show(true);
        tabs.getSelectionModel().select(0);
    }

    void showNodes() {
        show(true);
        tabs.getSelectionModel().select(nodesTab);
    }

    void showFiring() {
        show(true);
        tabs.getSelectionModel().select(firingTab);
    }

    /** Folds the tabs into the strip, or opens them again where their divider was. */
    void show(boolean shown) {
        if (shown == shown()) {
            return;
        }
        if (shown) {
            split.getItems().set(0, tabs);
            if (dividersBeforeFolding != null) {
                split.setDividerPositions(dividersBeforeFolding);
            }
        } else {
            dividersBeforeFolding = split.getDividerPositions();
            double[] folded = dividersBeforeFolding.clone();
            split.getItems().set(0, strip);
            // The runbook keeps its share of what the library gave up.
            double width = Math.max(1, split.getWidth());
            folded[0] = STRIP_WIDTH / width;
            split.setDividerPositions(folded);
        }
    }

    boolean shown() {
        return split.getItems().contains(tabs);
    }
}
