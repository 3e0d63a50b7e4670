package dev.baton.incident;

/** The kinds of timeline events, as written in each line's {@code type}. */
public final class EventType {
    public static final String INCIDENT_STARTED = "incident.started";
    public static final String INCIDENT_RECOVERED = "incident.recovered";
    public static final String INCIDENT_CLOSED = "incident.closed";
    public static final String STEP_SENT = "step.sent";
    public static final String STEP_ENTERED = "step.entered";
    public static final String STEP_ABANDONED = "step.abandoned";
    public static final String STEP_RUN = "step.run";
    public static final String RUN_RESULT = "run.result";
    public static final String CAPTURE = "capture";
    public static final String QUERY_RAN = "query.ran";
    public static final String CHECKLIST_TICKED = "checklist.ticked";
    public static final String CHECKLIST_UNTICKED = "checklist.unticked";
    public static final String VARIABLE_SET = "variable.set";
    public static final String CONNECTION_OPENED = "connection.opened";
    public static final String CONNECTION_LOST = "connection.lost";
    public static final String CONNECTION_FAILED = "connection.failed";
    public static final String NOTE_SAVED = "note.saved";
    public static final String NOTE_ADDED = "note.added";
    public static final String HANDOFF_EXPORTED = "handoff.exported";
    public static final String HANDOFF_IMPORTED = "handoff.imported";
    public static final String HANDOFF_TAKEN_BACK = "handoff.taken_back";
    public static final String HANDOFF_SENT = "handoff.sent";
    public static final String HANDOFF_ACCEPTED = "handoff.accepted";
    public static final String ALERT_OPENED = "alert.opened";
    public static final String ALERT_SILENCED = "alert.silenced";

    private EventType() {}
}
