package dev.baton.ui;

import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;

/** Up and Down typed in a search field move through the list of results beneath it, keeping focus in the field. */
public final class ListKeys {
    private ListKeys() {
    }

    /** Moves the selection one row by {@code key} (UP or DOWN), stopping at either end, and shows that row. */
    public static void move(ListView<?> list, KeyCode key) {
        int size = list.getItems().size();
        if (size == 0) {
            return;
        }
        int at = list.getSelectionModel().getSelectedIndex();
        int next = key == KeyCode.DOWN ? Math.min(size - 1, at + 1) : Math.max(0, at - 1);
        list.getSelectionModel().select(next);
        list.scrollTo(next);
    }
}
