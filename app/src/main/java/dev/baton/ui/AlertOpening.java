package dev.baton.ui;

import dev.baton.runbook.AlertMatch;
import dev.baton.runbook.Runbook;
import dev.baton.session.AlertIncidents;
import dev.baton.session.FiringAlerts;
import dev.baton.session.IncidentSnapshot;
import dev.baton.ui.alerts.AlertIntoQuestion;
import dev.baton.ui.history.LastTimePane;
import dev.baton.ui.query.QueryActions;
import dev.baton.ui.runbook.RunbookView;
import dev.baton.ui.runbook.StepActions;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.stage.Window;

/**
 * From an alert to its runbook: the page at the alert's section, the alert's labels in the steps' and queries'
 * placeholders, and Last time above the page for as long as that runbook stays shown. Called on the FX thread.
 */
final class AlertOpening {
    private final RunbookView runbook;
    private final StepActions steps;
    private final QueryActions queries;
    private final LastTimePane lastTime;
    private final Consumer<String> say;
    /** The runbook an alert opened, while its Last time panel is shown. */
    private String alertRunbook;

    AlertOpening(RunbookView runbook, StepActions steps, QueryActions queries, LastTimePane lastTime,
            Consumer<String> say) {
        this.runbook = runbook;
        this.steps = steps;
        this.queries = queries;
        this.lastTime = lastTime;
        this.say = say;
        // Last time belongs to the runbook the alert opened: another runbook shown takes it away.
        runbook.shownRunbookProperty().addListener((obs, old, shown) -> {
            if (alertRunbook != null && (shown == null || !shown.id().equals(alertRunbook))) {
                alertRunbook = null;
                lastTime.hide();
            }
        });
    }

    /** An alert opened into the incident: its runbook shown, its labels ready for the steps' placeholders. */
    void opened(AlertIncidents.Opened opened) {
        steps.useAlert(opened.variables());
        queries.useAlert(opened.variables());
        alertRunbook = opened.runbook().map(Runbook::id).orElse(null);
        lastTime.show(opened.row().alert().alertname(), opened.row().alert().labels());
        opened.runbook().ifPresent(found -> opened.row().section().ifPresentOrElse(
                heading -> runbook.showSection(found, heading), () -> runbook.show(found)));
        say.accept("Incident \"" + opened.incident().info().title() + "\": " + opened.runbook().map(r -> r.title()
                + " open, placeholders filled from the alert's labels").orElse("no runbook answers "
                + opened.row().alert().alertname()));
    }

    /** An alert name typed in the library's search: its runbook shown at the alert's section, if it has one. */
    void found(AlertMatch match) {
        match.runbook().ifPresent(found -> match.section().ifPresentOrElse(
                heading -> runbook.showSection(found, heading), () -> runbook.show(found)));
    }

    /** A second alert never switches the incident in silence: the responder says where it goes. */
    static Optional<AlertIncidents.Into> where(FiringAlerts.Row row, IncidentSnapshot open, Supplier<Window> owner) {
        if (open == null || open.info().alert().equalsIgnoreCase(row.alert().alertname())) {
            return Optional.of(AlertIncidents.Into.ITS_OWN);
        }
        return AlertIntoQuestion.ask(owner.get(), open, row);
    }
}
