package dev.baton.incident;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.baton.incident.IncidentEvent.AlertOpened;
import dev.baton.incident.IncidentEvent.AlertSilenced;
import dev.baton.incident.IncidentEvent.CaptureTaken;
import dev.baton.incident.IncidentEvent.ChecklistTicked;
import dev.baton.incident.IncidentEvent.ChecklistUnticked;
import dev.baton.incident.IncidentEvent.ConnectionLost;
import dev.baton.incident.IncidentEvent.ConnectionOpened;
import dev.baton.incident.IncidentEvent.HandoffExported;
import dev.baton.incident.IncidentEvent.HandoffImported;
import dev.baton.incident.IncidentEvent.IncidentClosed;
import dev.baton.incident.IncidentEvent.IncidentRecovered;
import dev.baton.incident.IncidentEvent.IncidentStarted;
import dev.baton.incident.IncidentEvent.NotesSaved;
import dev.baton.incident.IncidentEvent.Other;
import dev.baton.incident.IncidentEvent.QueryRan;
import dev.baton.incident.IncidentEvent.RunResult;
import dev.baton.incident.IncidentEvent.StepRun;
import dev.baton.incident.IncidentEvent.StepSent;
import dev.baton.incident.IncidentEvent.VariableSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place where incident events become a timeline line's {@code type} and {@code data}, and back.
 * A line this version cannot read as its type (a newer field layout, a hand edit) comes back as
 * {@link Other}: the record of an incident is never refused for being unfamiliar.
 */
public final class IncidentEvents {
    private static final Map<String, Class<? extends IncidentEvent>> BY_TYPE = new LinkedHashMap<>();
    private static final Map<Class<? extends IncidentEvent>, String> BY_CLASS = new LinkedHashMap<>();

    static {
        register(EventType.INCIDENT_STARTED, IncidentStarted.class);
        register(EventType.INCIDENT_RECOVERED, IncidentRecovered.class);
        register(EventType.INCIDENT_CLOSED, IncidentClosed.class);
        register(EventType.STEP_SENT, StepSent.class);
        register(EventType.STEP_ENTERED, IncidentEvent.StepEntered.class);
        register(EventType.STEP_ABANDONED, IncidentEvent.StepAbandoned.class);
        register(EventType.STEP_RUN, StepRun.class);
        register(EventType.RUN_RESULT, RunResult.class);
        register(EventType.CAPTURE, CaptureTaken.class);
        register(EventType.QUERY_RAN, QueryRan.class);
        register(EventType.CHECKLIST_TICKED, ChecklistTicked.class);
        register(EventType.CHECKLIST_UNTICKED, ChecklistUnticked.class);
        register(EventType.VARIABLE_SET, VariableSet.class);
        register(EventType.CONNECTION_OPENED, ConnectionOpened.class);
        register(EventType.CONNECTION_LOST, ConnectionLost.class);
        register(EventType.CONNECTION_FAILED, IncidentEvent.ConnectionFailed.class);
        register(EventType.NOTE_SAVED, NotesSaved.class);
        register(EventType.NOTE_ADDED, IncidentEvent.NoteAdded.class);
        register(EventType.HANDOFF_EXPORTED, HandoffExported.class);
        register(EventType.HANDOFF_IMPORTED, HandoffImported.class);
        register(EventType.HANDOFF_TAKEN_BACK, IncidentEvent.HandoffTakenBack.class);
        register(EventType.HANDOFF_SENT, IncidentEvent.HandoffSent.class);
        register(EventType.HANDOFF_ACCEPTED, IncidentEvent.HandoffAccepted.class);
        register(EventType.ALERT_OPENED, AlertOpened.class);
        register(EventType.ALERT_SILENCED, AlertSilenced.class);
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private IncidentEvents() {}

    private static void register(String type, Class<? extends IncidentEvent> kind) {
        BY_TYPE.put(type, kind);
        BY_CLASS.put(kind, type);
    }

    static String typeOf(Class<?> kind) {
        String type = BY_CLASS.get(kind);
        if (type == null) {
            throw new IllegalStateException(kind.getSimpleName() + " has no timeline type");
        }
        return type;
    }

    /** Every type this version writes, in the order of {@link IncidentEvent}'s records. */
    public static List<String> knownTypes() {
        return List.copyOf(BY_TYPE.keySet());
    }

    /** The event's fields as a line's {@code data}: strings, numbers and booleans, nulls left out. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> data(IncidentEvent event) {
        if (event instanceof Other other) {
            return other.data();
        }
        Map<String, Object> data = JSON.convertValue(event, LinkedHashMap.class);
        data.values().removeIf(value -> value == null);
        return data;
    }

    /** The typed event a timeline line holds. */
    public static IncidentEvent of(TimelineEvent line) {
        Class<? extends IncidentEvent> kind = BY_TYPE.get(line.type());
        if (kind == null) {
            return new Other(line.type(), line.data());
        }
        try {
            return JSON.convertValue(line.data(), kind);
        } catch (IllegalArgumentException unreadable) {
            return new Other(line.type(), line.data());
        }
    }
}
