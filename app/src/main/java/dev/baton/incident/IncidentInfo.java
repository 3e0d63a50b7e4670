package dev.baton.incident;

import java.time.Instant;

/**
 * What an incident is, as {@code incident.json} in its folder holds it.
 *
 * @param id the folder's name: start time and a slug of the title
 */
public record IncidentInfo(String id, String title, String severity, String alert, Instant startedAt,
        String responder) {
}
