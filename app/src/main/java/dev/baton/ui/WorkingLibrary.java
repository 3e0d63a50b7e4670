package dev.baton.ui;

import dev.baton.runbook.RunbookLibrary;
import dev.baton.session.HandoffRunbooks;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The library the window works with: the responder's own runbooks, and for an incident continued from a
 * bundle the sender's copies of those it lacks. Either half can arrive first (the library loads while the last
 * incident reopens); the two are put together off the FX thread, and only the newest result is shown.
 */
final class WorkingLibrary {
    private final Background background;
    private final Consumer<HandoffRunbooks.Library> show;
    private RunbookLibrary own;
    private HandoffRunbooks.Snapshots snapshots = HandoffRunbooks.Snapshots.NONE;
    private long generation;

    /** @param show given each new working library, on the FX thread */
    WorkingLibrary(Background background, Consumer<HandoffRunbooks.Library> show) {
        this.background = background;
        this.show = show;
    }

    /** The responder's own library was (re)loaded; {@code then} runs once the window shows it. */
    void setOwn(RunbookLibrary loaded, Runnable then) {
        own = loaded;
        apply(then);
    }

    /** The open incident's copies from its bundle (none for an incident of the responder's own). */
    void setSnapshots(HandoffRunbooks.Snapshots copies, Runnable then) {
        if (copies.copies().isEmpty() && snapshots.copies().isEmpty()) {
            snapshots = copies;
            then.run();
            return;
        }
        snapshots = copies;
        apply(then);
    }

    private void apply(Runnable then) {
        long current = ++generation;
        RunbookLibrary mine = own;
        HandoffRunbooks.Snapshots copies = snapshots;
        if (mine == null) {
            then.run();
            return;
        }
        if (copies.copies().isEmpty()) {
            show.accept(new HandoffRunbooks.Library(mine, Map.of()));
            then.run();
            return;
        }
        background.run("Could not open the runbooks the handoff carried", () -> HandoffRunbooks.apply(mine, copies),
                library -> {
                    if (current == generation) {
                        show.accept(library);
                    }
                    then.run();
                });
    }
}
