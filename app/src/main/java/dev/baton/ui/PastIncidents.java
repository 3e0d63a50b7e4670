package dev.baton.ui;

import dev.baton.session.IncidentHistory;
import dev.baton.session.IncidentSession;
import dev.baton.session.StepMemoryWords;
import dev.baton.ui.history.HistoryActions;
import dev.baton.ui.incident.TeamActions;
import dev.baton.ui.runbook.RunbookView;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.layout.Region;
import javafx.stage.Window;

/**
 * What the window recalls from past incidents, all from one index kept up to date with the open incident and
 * the team's: the search (Ctrl+Shift+F), Last time over an alert's runbook, and each step's memory under it.
 */
final class PastIncidents {
    private final HistoryActions actions;

    PastIncidents(IncidentSession session, TeamActions team, RunbookView runbook, Background background,
            Supplier<Window> owner, BiConsumer<Region, Boolean> placeOverSide, Consumer<String> say) {
        IncidentHistory past = new IncidentHistory(session.store());
        session.addListener(past);
        team.indexInto(past);
        actions = new HistoryActions(past, background, owner, placeOverSide, say);
        // Step memory under each step, read as the page renders (off the FX thread); none while the index is unreadable.
        runbook.setRecall(id -> {
            try {
                return StepMemoryWords.of(past.stepMemory(id));
            } catch (java.io.IOException | RuntimeException e) {
                return Map.of();
            }
        });
        past.catchUpNow();
    }

    HistoryActions actions() {
        return actions;
    }
}
