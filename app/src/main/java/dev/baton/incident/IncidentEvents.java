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
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
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

    /** Reads lines of times and lists into events; set up on the first such line (a tenth of a second: some 700 classes). */
    private static final class Mapper {
        static final ObjectMapper JSON = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

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

    /**
     * The event's fields as a line's {@code data}: strings, numbers and booleans, nulls left out; times as ISO-8601
     * text, lists as lists and nested records as maps. Read off the record's components as the object mapper read
     * them, without setting the mapper up: recording a run (`baton run`) then never loads it.
     */
    public static Map<String, Object> data(IncidentEvent event) {
        if (event instanceof Other other) {
            return other.data();
        }
        Map<String, Object> data = fields((Record) event);
        data.values().removeIf(value -> value == null);
        return data;
    }

    private static Map<String, Object> fields(Record record) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            try {
                fields.put(component.getName(), plain(component.getAccessor().invoke(record)));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + component.getName() + " of " + record.getClass(), e);
            }
        }
        return fields;
    }

    /**
     * The event of {@code kind} whose text, numbers and flags are {@code data}'s, made without the object mapper, as
     * it made it (its canonical constructor; a field missing or null is null, 0 or false; other fields ignored).
     * Null when a value would need the mapper's conversions (a time, a list, a number given as text) or the record
     * refuses its values: the mapper then reads the line, or turns it into {@link Other}, as before.
     */
    private static IncidentEvent plainRecord(Class<? extends IncidentEvent> kind, Map<String, Object> data) {
        RecordComponent[] components = kind.getRecordComponents();
        Object[] arguments = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            arguments[i] = argument(types[i], data.get(components[i].getName()));
            if (arguments[i] == NOT_PLAIN) {
                return null;
            }
        }
        try {
            return kind.getDeclaredConstructor(types).newInstance(arguments);
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            return null;
        }
    }

    private static final Object NOT_PLAIN = new Object();

    private static Object argument(Class<?> type, Object value) {
        if (value == null) {
            if (type == boolean.class) {
                return false;
            }
            if (type == int.class) {
                return 0;
            }
            if (type == long.class) {
                return 0L;
            }
            return type == String.class || type == Boolean.class || type == Integer.class || type == Long.class
                    ? null : NOT_PLAIN;
        }
        if (type == String.class) {
            return value instanceof String ? value : NOT_PLAIN;
        }
        if (type == boolean.class || type == Boolean.class) {
            return value instanceof Boolean ? value : NOT_PLAIN;
        }
        if (type == int.class || type == Integer.class) {
            return value instanceof Integer ? value : NOT_PLAIN;
        }
        if (type == long.class || type == Long.class) {
            return value instanceof Integer || value instanceof Long ? ((Number) value).longValue() : NOT_PLAIN;
        }
        return NOT_PLAIN;
    }

    private static Object plain(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long) {
            return value;
        }
        if (value instanceof Instant instant) {
            return instant.toString(); // ISO-8601, as Jackson's time module wrote it
        }
        if (value instanceof Record record) {
            return fields(record);
        }
        if (value instanceof List<?> list) {
            List<Object> items = new ArrayList<>(list.size());
            list.forEach(item -> items.add(plain(item)));
            return items;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> entries = new LinkedHashMap<>();
            map.forEach((key, item) -> entries.put((String) key, plain(item)));
            return entries;
        }
        throw new IllegalStateException("an event field of a type a timeline line does not hold: " + value.getClass());
    }

    /** The typed event a timeline line holds. */
    public static IncidentEvent of(TimelineEvent line) {
        Class<? extends IncidentEvent> kind = BY_TYPE.get(line.type());
        if (kind == null) {
            return new Other(line.type(), line.data());
        }
        IncidentEvent plain = plainRecord(kind, line.data());
        if (plain != null) {
            return plain;
        }
        try {
            return Mapper.JSON.convertValue(line.data(), kind);
        } catch (IllegalArgumentException unreadable) {
            return new Other(line.type(), line.data());
        }
    }
}
