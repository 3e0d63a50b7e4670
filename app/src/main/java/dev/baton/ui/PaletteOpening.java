package dev.baton.ui;

import dev.baton.session.PaletteSearch;
import dev.baton.ui.library.LibraryPane;
import dev.baton.ui.nodes.NodesPane;
import dev.baton.ui.runbook.RunbookView;
import java.util.function.Consumer;

/** What Enter on a palette entry does: each kind opens the way its own pane would. Called on the FX thread. */
final class PaletteOpening implements Consumer<PaletteSearch.Entry> {
    private final LibraryPane library;
    private final RunbookView runbook;
    private final NodesPane nodes;
    private final Runnable showNodesTab;
    private final Consumer<String> openIncident;
    private final Consumer<String> fireAction;

    PaletteOpening(LibraryPane library, RunbookView runbook, NodesPane nodes, Runnable showNodesTab,
            Consumer<String> openIncident, Consumer<String> fireAction) {
        this.library = library;
        this.runbook = runbook;
        this.nodes = nodes;
        this.showNodesTab = showNodesTab;
        this.openIncident = openIncident;
        this.fireAction = fireAction;
    }

    @Override
    public void accept(PaletteSearch.Entry entry) {
        switch (entry.kind()) {
            case ALERT -> library.findAlert(entry.key());
            case RUNBOOK -> runbook.open(entry.key());
            case STEP -> runbook.library().find(entry.key()).ifPresent(found -> runbook.showStep(found, entry.step()));
            case NODE -> nodes.inventory().find(entry.key()).ifPresent(node -> {
                showNodesTab.run();
                nodes.select(node);
            });
            case INCIDENT -> openIncident.accept(entry.key());
            case ACTION -> fireAction.accept(entry.key());
        }
    }
}
