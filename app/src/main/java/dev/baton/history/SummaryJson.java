package dev.baton.history;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A {@link PastIncident} as the index stores it beside its summary document. */
final class SummaryJson {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private SummaryJson() {}

    static String write(PastIncident past) {
        try {
            return JSON.writeValueAsString(past);
        } catch (IOException e) {
            throw new UncheckedIOException("a past incident did not become JSON", e);
        }
    }

    static PastIncident read(String json) throws IOException {
        return JSON.readValue(json, PastIncident.class);
    }
}
