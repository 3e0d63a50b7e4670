package dev.baton.ui;

import dev.baton.runbook.RunbookLibrary;
import dev.baton.session.HandoffRunbooks;
import dev.baton.ui.alerts.FiringPane;
import dev.baton.ui.library.LibraryPane;
import dev.baton.ui.runbook.RunbookView;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.stage.Window;

/**
 * Puts the runbook library in the panes: the responder's own as loaded (a folder's baton.yaml asked about
 * first), with the copies a continued incident's bundle carried, and the runbook open when Baton last stopped.
 */
final class ShownLibrary {
    private final LibraryPane library;
    private final FiringPane firing;
    private final RunbookView runbook;
    private final FolderApprovalPrompt folderApproval;
    private final WorkingLibrary working;
    /** The id of the runbook open when Baton last stopped, or null. */
    private final Supplier<String> lastOpen;
    private boolean stopped;

    ShownLibrary(Background background, LibraryPane library, FiringPane firing, RunbookView runbook,
            Supplier<Window> owner, Consumer<String> say, Supplier<String> lastOpen) {
        this.library = library;
        this.firing = firing;
        this.runbook = runbook;
        this.lastOpen = lastOpen;
        folderApproval = new FolderApprovalPrompt(background, owner, say, firing::refresh);
        working = new WorkingLibrary(background, this::show);
    }

    /** The responder's own library was (re)loaded. */
    void setOwn(RunbookLibrary loaded) {
        folderApproval.check(loaded.folders());
        working.setOwn(loaded, () -> {
            // The runbook open when Baton last stopped comes back, unless something was opened meanwhile.
            String open = lastOpen.get();
            if (open != null && runbook.shownRunbookProperty().get() == null && runbook.library() != null) {
                runbook.library().find(open).ifPresent(runbook::show);
            }
        });
    }

    /** The open incident's runbook copies from its bundle; {@code then} runs once they are shown. */
    void setSnapshots(HandoffRunbooks.Snapshots copies, Runnable then) {
        working.setSnapshots(copies, then);
    }

    /** The window is closing: nothing is shown any more. */
    void stop() {
        stopped = true;
    }

    /** The responder's library, with the runbooks a continued incident's bundle carried that it lacks. */
    private void show(HandoffRunbooks.Library working) {
        if (stopped) {
            return; // the incident closing with the window takes its copies away: nothing is left to show them in
        }
        library.setLibrary(working.library());
        firing.setLibrary(working.library());
        runbook.setNotices(working::notice);
        runbook.setLibrary(working.library());
        if (runbook.shownRunbookProperty().get() != null) {
            runbook.refresh();
        }
    }
}
