package dev.baton.ansible;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the per-host results Ansible writes: lines of the {@code ansible.posix.jsonl} stdout callback, or the
 * files {@code --tree} leaves, one JSON per host. Everything here came from the nodes through Ansible: a
 * value of the wrong type is read as absent, never trusted to be well formed.
 */
public final class AnsibleResults {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DELTA = Pattern.compile("(\\d+):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?");
    private static final List<String> HOST_EVENTS = List.of("v2_runner_on_ok", "v2_runner_on_failed",
            "v2_runner_on_unreachable", "v2_runner_on_skipped");

    private AnsibleResults() {}

    /** The host results of one jsonl line; empty for the play, task and stats events and for a torn line. */
    public static List<HostResult> fromJsonLine(String line) {
        JsonNode event;
        try {
            event = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return List.of();
        }
        if (event == null || !HOST_EVENTS.contains(event.path("_event").asText())) {
            return List.of();
        }
        Instant at = instant(event.path("_timestamp").asText()).orElseGet(Instant::now);
        List<HostResult> results = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = event.path("hosts").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> host = it.next();
            results.add(result(host.getKey(), host.getValue(), at));
        }
        return results;
    }

    /** The result in a {@code --tree} file; empty while the file is still being written. */
    public static Optional<HostResult> fromTreeFile(String host, String text, Instant seenAt) {
        try {
            JsonNode result = JSON.readTree(text);
            return result != null && result.isObject() ? Optional.of(result(host, result, seenAt)) : Optional.empty();
        } catch (JsonProcessingException tornOrEmpty) {
            return Optional.empty();
        }
    }

    private static HostResult result(String host, JsonNode result, Instant at) {
        Integer rc = result.path("rc").isInt() ? result.path("rc").asInt() : null;
        HostResult.Ending ending = result.path("unreachable").asBoolean(false) ? HostResult.Ending.UNREACHABLE
                : rc != null ? HostResult.Ending.RAN : result.path("failed").asBoolean(false)
                ? HostResult.Ending.FAILED : HostResult.Ending.RAN;
        String message = ending == HostResult.Ending.RAN && (rc == null || rc == 0) ? "" : text(result, "msg");
        return new HostResult(host, ending, ending == HostResult.Ending.UNREACHABLE ? null : rc,
                text(result, "stdout"), text(result, "stderr"), message.strip(), delta(text(result, "delta")), at);
    }

    private static String text(JsonNode result, String field) {
        JsonNode value = result.path(field);
        return value.isTextual() ? value.asText() : value.isMissingNode() || value.isNull() ? "" : value.toString();
    }

    /** Ansible's {@code delta}, {@code 0:00:01.234567}. */
    static Duration delta(String text) {
        Matcher m = DELTA.matcher(text.strip());
        if (!m.matches()) {
            return Duration.ZERO;
        }
        String fraction = m.group(4) == null ? "0" : (m.group(4) + "000000000").substring(0, 9);
        return Duration.ofHours(Long.parseLong(m.group(1))).plusMinutes(Long.parseLong(m.group(2)))
                .plusSeconds(Long.parseLong(m.group(3))).plusNanos(Long.parseLong(fraction));
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
