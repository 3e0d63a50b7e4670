package dev.baton.runbook;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;

/**
 * A whole runbook as the index on disk keeps it, so that a library opens without parsing its files again.
 * The records are written by their components only (no derived getters), so what is read back equals what
 * the parser made; the index's format and Baton's build say when a stored runbook can no longer be trusted.
 */
final class StoredRunbook {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .configure(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS, false);
    private static final ObjectWriter RUNBOOK_WRITER = JSON.writerFor(Runbook.class);
    private static final ObjectReader RUNBOOK_READER = JSON.readerFor(Runbook.class);
    private static final ObjectWriter PROBLEM_WRITER = JSON.writerFor(LibraryProblem.class);
    private static final ObjectReader PROBLEM_READER = JSON.readerFor(LibraryProblem.class);

    private StoredRunbook() {
    }

    static String toJson(Runbook runbook) {
        return write(RUNBOOK_WRITER, runbook);
    }

    static Runbook fromJson(String json) {
        return read(RUNBOOK_READER, json);
    }

    /** Why a file gave no runbook, kept so that a library from the index reports it as a read would. */
    static String toJson(LibraryProblem problem) {
        return write(PROBLEM_WRITER, problem);
    }

    static LibraryProblem problemFromJson(String json) {
        return read(PROBLEM_READER, json);
    }

    private static String write(ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a runbook could not be stored in the index", e);
        }
    }

    private static <T> T read(ObjectReader reader, String json) {
        try {
            return reader.readValue(json);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException("the index holds a damaged runbook entry", e);
        }
    }
}
