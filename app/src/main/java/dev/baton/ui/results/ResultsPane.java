package dev.baton.ui.results;

import java.util.function.BiConsumer;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * Where results of runs on nodes dock: one tab a run, newest selected, instead of a window each. Esc
 * closes the tab in front; the pane leaves the window when its last tab closes.
 */
public final class ResultsPane extends TabPane {
    private final BiConsumer<ResultsPane, Boolean> place;

    /** @param place puts the pane into the window (true) or takes it out (false) */
    public ResultsPane(BiConsumer<ResultsPane, Boolean> place) {
        this.place = place;
        setId("results-pane");
        getStyleClass().add("results-pane");
        setTabClosingPolicy(TabClosingPolicy.ALL_TABS);
        // A filter: the text areas inside a result would otherwise take Esc for themselves.
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && getSelectionModel().getSelectedItem() != null) {
                e.consume();
                close(getSelectionModel().getSelectedItem());
            }
        });
        getTabs().addListener((javafx.collections.ListChangeListener<Tab>) change -> {
            if (getTabs().isEmpty()) {
                place.accept(this, false);
            }
        });
    }

    /**
     * Docks a result as a new tab in front.
     *
     * @param closed told when the tab closes (Esc, its close button, or the window closing)
     */
    public Tab dock(String title, String tooltip, Node content, Runnable closed) {
        String oneLine = title.strip().replaceAll("\\s+", " "); // a multi-line command would make a tall tab
        Tab tab = new Tab(oneLine.length() > 48 ? oneLine.substring(0, 47) + "…" : oneLine, content);
        tab.setTooltip(new javafx.scene.control.Tooltip(tooltip));
        tab.getStyleClass().add("result-tab");
        tab.setOnClosed(e -> closed.run());
        place.accept(this, true); // also back in front when it was behind
        getTabs().add(tab);
        getSelectionModel().select(tab);
        return tab;
    }

    /** Closes a tab as its close button would. */
    public void close(Tab tab) {
        if (getTabs().remove(tab) && tab.getOnClosed() != null) {
            tab.getOnClosed().handle(new javafx.event.Event(Tab.CLOSED_EVENT));
        }
    }

    /** Closes every tab (the console is closing). */
    public void closeAll() {
        java.util.List.copyOf(getTabs()).forEach(this::close);
    }
}
