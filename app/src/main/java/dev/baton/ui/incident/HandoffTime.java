package dev.baton.ui.incident;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** A bundle's time as the receiving responder reads a clock: their own zone, not the manifest's UTC. */
final class HandoffTime {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm zzz");

    private HandoffTime() {
    }

    /** @param iso the manifest's time; a bundle is untrusted, so one that does not parse is shown, cleaned, as written */
    static String local(String iso, ZoneId zone) {
        if (iso == null) {
            return "";
        }
        try {
            return SHOWN.withZone(zone).format(Instant.parse(iso));
        } catch (DateTimeParseException e) {
            return iso.replaceAll("\\p{Cntrl}", "?");
        }
    }
}
