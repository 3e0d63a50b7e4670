package dev.baton.session;

import dev.baton.alerts.AlertGroup;
import dev.baton.alerts.AlertJson;
import dev.baton.alerts.AlertJsonException;
import dev.baton.alerts.FiringAlert;
import dev.baton.incident.EventWords;
import dev.baton.incident.IncidentEvent;
import dev.baton.incident.IncidentInfo;
import dev.baton.runbook.Runbook;
import dev.baton.runbook.RunbookLibrary;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Opening a firing alert: its runbook, and an incident titled after it (the open one, when it already
 * answers this alert) holding the alert's labels as variables, each recorded with the alert as its source,
 * and the alert itself (labels, annotations, generator URL) in the timeline and incident.json.
 */
public final class AlertIncidents {
    /**
     * An opened alert.
     *
     * @param variables the alert's labels, which fill the runbook's placeholders (quoted for the shell)
     * @param source    how the variables' source is recorded: "alert NAME"
     */
    public record Opened(FiringAlerts.Row row, Optional<Runbook> runbook, IncidentSnapshot incident,
            Map<String, String> variables, String source) {}

    private final IncidentSession session;

    public AlertIncidents(IncidentSession session) {
        this.session = session;
    }

    /** The incident title for an alert: its name, and the labels that tell this firing from another. */
    public static String title(FiringAlert alert) {
        Map<String, String> key = alert.keyLabels();
        List<String> shown = key.entrySet().stream()
                .filter(e -> List.of("namespace", "pod", "instance", "job", "service", "cluster").contains(e.getKey()))
                .map(Map.Entry::getValue).toList();
        return alert.alertname() + (shown.isEmpty() ? "" : " on " + String.join(" ", shown));
    }

    /** Which incident an alert opens into, as the responder chose when one was already open. */
    public enum Into {
        /** The open incident when it was started for the same alert name, else a new one. */
        ITS_OWN,
        /** The incident open now, whatever it was started for: the alert joins its timeline. */
        THE_OPEN_ONE,
        /** Always a new incident, titled after the alert. */
        A_NEW_ONE
    }

    /** Starts (or joins) the incident for the alert and records it; the future holds what the window shows. */
    public CompletableFuture<Opened> open(FiringAlerts.Row row) {
        return open(row, Into.ITS_OWN);
    }

    /** Opens the alert into the incident {@code into} names and records it there. */
    public CompletableFuture<Opened> open(FiringAlerts.Row row, Into into) {
        FiringAlert alert = row.alert();
        String title = title(alert);
        String severity = !alert.severity().isBlank() ? alert.severity()
                : row.runbook().map(Runbook::severity).orElse("");
        String source = "alert " + alert.alertname();
        // An incident already open for this alert name is joined: a second pod crash-looping is the same fire.
        java.util.function.Predicate<IncidentInfo> joins = switch (into) {
            case ITS_OWN -> open -> open.alert().equalsIgnoreCase(alert.alertname());
            case THE_OPEN_ONE -> open -> true;
            case A_NEW_ONE -> open -> false;
        };
        return session.startOrJoin(joins,
                title, severity == null ? "" : severity, alert.alertname(), incident -> {
                    incident.alertOpened(new IncidentEvent.AlertOpened(alert.alertname(), alert.fingerprint(),
                            row.source(), alert.status(), alert.startsAt(), alert.labels(), alert.annotations(),
                            alert.generatorUrl()));
                    incident.variablesFrom(alert.labels(), source);
                    return new Opened(row, row.runbook(), IncidentSnapshot.of(incident), alert.labels(), source);
                });
    }

    /**
     * The alert in pasted or saved JSON (a webhook payload, {@code amtool alert query -o json}, an API answer):
     * the first firing one, with its runbook. A clear {@link AlertJsonException} for anything else.
     */
    public static FiringAlerts.Row pasted(String json, String source, RunbookLibrary library) throws AlertJsonException {
        List<AlertGroup> groups = AlertJson.parse(json);
        List<FiringAlert> alerts = groups.stream().flatMap(g -> g.alerts().stream()).toList();
        if (alerts.isEmpty()) {
            throw new AlertJsonException("The JSON holds no alert");
        }
        FiringAlert alert = alerts.stream().filter(a -> !a.status().equals("resolved")).findFirst().orElse(alerts.get(0));
        return FiringAlerts.Row.of(source, alert, FiringAlerts.matchFor(library, alert,
                dev.baton.sources.RunbookUrlConfig.load(System.getenv()).mappings()));
    }

    /** A silence created for an alert, into the incident (started for it when none is open). */
    public CompletableFuture<Void> silenced(FiringAlerts.SilenceRequest request, String silenceId, Instant endsAt) {
        FiringAlert alert = request.row().alert();
        return session.record(request.row().runbook().orElse(null), incident -> {
            incident.alertSilenced(new IncidentEvent.AlertSilenced(alert.alertname(), silenceId, request.row().source(),
                    EventWords.labels(alert.labels()), endsAt, request.comment().strip(), request.by()));
            return null;
        });
    }
}
