package dev.baton.ui;

import dev.baton.ui.incident.IncidentPane;
import dev.baton.ui.terminal.TerminalTabs;
import java.util.Optional;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/**
 * The column beside the runbook: the terminals above the incident, with a run's results or a query's answer
 * laid over both while open (a grid of twenty nodes needs the column's height). Esc takes the one in front away.
 */
final class SideColumn extends StackPane {
    private final SplitPane right;

    SideColumn(TerminalTabs terminals) {
        // The incident takes its place after the first frame (see addIncident).
        right = new SplitPane(terminals, new StackPane());
        right.setOrientation(Orientation.VERTICAL);
        right.setId("side-split");
        // Terminal and incident share the height: at 1280×720 the timeline needs more than two rows.
        right.setDividerPositions(0.5);
        getChildren().setAll(right);
        setId("side-column");
        // A terminal taking the keys (a step sent to it, a new one) comes out from under a result laid over it.
        terminals.focusWithinProperty().addListener((obs, was, within) -> {
            if (within) {
                right.toFront();
            }
        });
    }

    /** Puts the incident under the terminals, once; false if it was there already. */
    boolean addIncident(IncidentPane incident) {
        if (incident.getParent() != null) {
            return false;
        }
        right.getItems().set(1, incident); // replacing an item keeps the divider where it was
        return true;
    }

    /** Lays a result or an answer over the terminals and the incident, or takes it away. */
    void place(Region pane, boolean shown) {
        if (shown) {
            if (!getChildren().contains(pane)) {
                pane.getStyleClass().add("over-side");
                getChildren().add(pane);
            }
            pane.toFront();
        } else {
            getChildren().remove(pane);
        }
    }

    /** The terminals' and incident's split, to be remembered; none while something else sits in it. */
    Optional<SplitPane> split() {
        return right.getItems().size() == 2 ? Optional.of(right) : Optional.empty();
    }

    /**
     * Esc takes away the result or answer lying over the terminals from the runbook page too, where the click on
     * Query or Run on nodes left the keys: one key back, not a click into the result first. It is handed to the
     * result in front, whose own Esc closes it; elsewhere (a terminal, a field) Esc stays theirs.
     */
    void closeOnEscFrom(Node window, Node page) {
        window.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            Node front = getChildren().get(getChildren().size() - 1);
            // The copy handed on passes through here again on its way to the result: it is let through.
            if (e.getCode() == KeyCode.ESCAPE && front != right && e.getTarget() != front && page.isFocusWithin()) {
                e.consume();
                front.fireEvent(e.copyFor(front, front));
            }
        });
    }
}
