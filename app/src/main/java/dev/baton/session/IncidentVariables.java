package dev.baton.session;

import dev.baton.incident.IncidentEvent;
import dev.baton.incident.Secrets;
import dev.baton.incident.TimelineEvent;
import dev.baton.step.ShellQuoting;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open incident's variables (an alert's labels, values given to earlier steps), kept current as they
 * are recorded, so that a step's placeholders and unset {@code $NAME}s can be filled from them without
 * waiting on the incident's thread. Secrets are never kept: the incident holds only their masks.
 */
public final class IncidentVariables implements IncidentSession.Listener {
    private final Map<String, String> values = new ConcurrentHashMap<>();

    @Override
    public void switched(IncidentSnapshot now) {
        values.clear();
        if (now != null) {
            now.variables().forEach(this::put);
        }
    }

    @Override
    public void reopened(IncidentSnapshot now) {
        switched(now);
    }

    @Override
    public void recorded(TimelineEvent event) {
        if (event.typed() instanceof IncidentEvent.VariableSet set && !set.secret()) {
            put(set.name(), set.value());
        }
    }

    private void put(String name, String value) {
        if (!Secrets.isSecretName(name) && !value.equals(Secrets.masked(name))) {
            values.put(name, value);
        }
    }

    /** The variables now, as a copy. */
    public Map<String, String> values() {
        return Map.copyOf(values);
    }

    /**
     * Values for the names a step asks for, from the incident's variables and the alert's labels (the alert's
     * win), matched as {@link ShellQuoting#fromLabels} matches labels ({@code $POD} takes {@code pod}).
     * Secret names are never filled this way.
     */
    public static Map<String, String> forNames(List<String> names, Map<String, String> alertLabels,
            Map<String, String> incidentVariables) {
        Map<String, String> found = new LinkedHashMap<>(ShellQuoting.fromLabels(names, incidentVariables));
        found.putAll(ShellQuoting.fromLabels(names, alertLabels));
        found.keySet().removeIf(Secrets::isSecretName);
        return found;
    }
}
