package dev.baton.ui.history;

import dev.baton.history.HistoryHit;
import dev.baton.session.IncidentHistory;
import dev.baton.ui.Background;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.layout.Region;
import javafx.stage.Window;

/**
 * The window's side of incident memory: the search pane laid over the terminals, and past incidents opened
 * read-only at an event. The history itself (index, catch-up) is the session's.
 */
public final class HistoryActions {
    private final IncidentHistory history;
    private final Background background;
    private final Supplier<Window> owner;
    private final HistorySearchPane searchPane;
    private final BiConsumer<Region, Boolean> place;
    private final LastTimePane lastTime;

    /**
     * @param place lays a pane over the terminals (true) or takes it away (false)
     * @param say   the status bar
     */
    public HistoryActions(IncidentHistory history, Background background, Supplier<Window> owner,
            BiConsumer<Region, Boolean> place, Consumer<String> say) {
        this.history = history;
        this.background = background;
        this.owner = owner;
        this.place = place;
        this.searchPane = new HistorySearchPane(history, background, this::open, this::closeSearch);
        this.lastTime = new LastTimePane(history, background, this::open);
        history.onCaughtUp(update -> {
            if (!update.tampered().isEmpty()) {
                String names = String.join(", ", update.tampered().stream().map(t -> t.incident()).toList());
                Platform.runLater(() -> say.accept("Past incidents left out of search, their timeline does not verify: "
                        + names + " (baton timeline verify)"));
            }
        });
    }

    public IncidentHistory history() {
        return history;
    }

    /** The Last time panel, shown above a runbook opened from an alert. */
    public LastTimePane lastTime() {
        return lastTime;
    }

    /** Ctrl+Shift+F: the search pane over the terminals, the cursor in its query. */
    public void showSearch() {
        place.accept(searchPane, true);
        searchPane.focusQuery();
    }

    private void closeSearch() {
        place.accept(searchPane, false);
    }

    private void open(HistoryHit hit) {
        background.run("Could not open incident " + hit.incident(), () -> history.read(hit.incident(), hit.log()),
                past -> PastIncidentWindow.show(owner.get(), past, hit.seq()));
    }

    /** Opens a past incident read-only at the event {@code seq} (0: at its start). */
    public void open(String incident, long seq) {
        background.run("Could not open incident " + incident, () -> history.read(incident),
                past -> PastIncidentWindow.show(owner.get(), past, seq));
    }
}
