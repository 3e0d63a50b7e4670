package dev.baton.sources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.baton.runbook.RunbookUrlMapping;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The responder's {@code runbook_urls:} in their own config.yaml: which local folder holds the pages an
 * alert's {@code runbook_url} links to. Read from the user's file only, never from a runbook folder's
 * baton.yaml: where a link leads on this machine is the responder's to say, not a repository's.
 *
 * <pre>
 * runbook_urls:
 *   https://runbooks.example.com/runbooks/: ~/src/runbooks/content/runbooks
 * </pre>
 */
public record RunbookUrlConfig(List<RunbookUrlMapping> mappings, List<String> problems) {
    public static final String KEY = "runbook_urls";

    public RunbookUrlConfig {
        mappings = List.copyOf(mappings);
        problems = List.copyOf(problems);
    }

    /** The user's {@code $XDG_CONFIG_HOME/baton/config.yaml}; nothing when it is missing. */
    public static RunbookUrlConfig load(Map<String, String> environment) {
        Path file = SourcesConfig.userFile(environment);
        if (!Files.exists(file)) {
            return new RunbookUrlConfig(List.of(), List.of());
        }
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString(), file.toAbsolutePath().getParent());
        } catch (IOException e) {
            return new RunbookUrlConfig(List.of(), List.of(file + ": cannot be read: " + e.getMessage()));
        }
    }

    /**
     * @param base the folder a relative folder is taken from (the config file's)
     */
    public static RunbookUrlConfig parse(String yaml, String origin, Path base) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (JsonProcessingException e) {
            return new RunbookUrlConfig(List.of(), List.of()); // SourcesConfig reports the file's bad YAML, once
        }
        JsonNode node = root == null ? null : root.get(KEY);
        if (node == null || node.isNull()) {
            return new RunbookUrlConfig(List.of(), List.of());
        }
        if (!node.isObject()) {
            return new RunbookUrlConfig(List.of(), List.of(origin + ": " + KEY
                    + " maps each URL prefix to a folder (https://runbooks.example.com/: ~/runbooks)"));
        }
        List<RunbookUrlMapping> mappings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String prefix = entry.getKey().strip();
            if (!prefix.matches("(?i)https?://[^/\\s]+.*")) {
                problems.add(origin + ": " + KEY + ": " + prefix + " is not an http or https address; left out");
                continue;
            }
            if (!entry.getValue().isTextual() || entry.getValue().asText().isBlank()) {
                problems.add(origin + ": " + KEY + ": " + prefix + " needs a folder; left out");
                continue;
            }
            try {
                mappings.add(new RunbookUrlMapping(prefix, folder(entry.getValue().asText().strip(), base)));
            } catch (InvalidPathException e) {
                problems.add(origin + ": " + KEY + ": " + entry.getValue().asText() + " is not a path; left out");
            }
        }
        return new RunbookUrlConfig(mappings, problems);
    }

    private static Path folder(String text, Path base) {
        if (text.equals("~") || text.startsWith("~/")) {
            return Path.of(System.getProperty("user.home")).resolve(text.equals("~") ? "" : text.substring(2));
        }
        Path path = Path.of(text);
        return path.isAbsolute() || base == null ? path : base.resolve(path);
    }
}
