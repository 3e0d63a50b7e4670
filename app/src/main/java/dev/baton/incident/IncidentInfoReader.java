package dev.baton.incident;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an {@code incident.json} written as Baton writes it with Jackson's streaming parser alone: opening an
 * incident to record one run (`baton run`) otherwise set up Jackson's object mapper for five fields. A file it
 * cannot read so (not an object, a field that is not text, not JSON at all) is left to the mapper, which reads it
 * or says what is wrong with it as before.
 */
final class IncidentInfoReader {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final Set<String> FIELDS = Set.of("title", "severity", "alert", "startedAt", "responder");

    private IncidentInfoReader() {
    }

    /** The incident the folder's file describes, or empty when it is not plain enough for this reader. */
    static Optional<IncidentInfo> plain(Path folder) {
        Map<String, String> fields = new HashMap<>();
        try (JsonParser in = FACTORY.createParser(folder.resolve(IncidentStore.INFO_FILE).toFile())) {
            if (in.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            for (JsonToken token = in.nextToken(); token != JsonToken.END_OBJECT; token = in.nextToken()) {
                if (token != JsonToken.FIELD_NAME) {
                    return Optional.empty();
                }
                String name = in.currentName();
                JsonToken value = in.nextToken();
                if (FIELDS.contains(name)) {
                    if (value != JsonToken.VALUE_STRING) {
                        return Optional.empty();
                    }
                    fields.put(name, in.getText());
                } else {
                    in.skipChildren();
                }
            }
            return Optional.of(new IncidentInfo(folder.getFileName().toString(), fields.getOrDefault("title", ""),
                    fields.getOrDefault("severity", ""), fields.getOrDefault("alert", ""),
                    Instant.parse(fields.getOrDefault("startedAt", "")), fields.getOrDefault("responder", "")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
