package dev.baton.sources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The responder's {@code engines:} in their own config.yaml: which engine runs a group's nodes unless they choose
 * another ({@code all} is the default for nodes nothing else names). Read from the user's file only: how Baton
 * reaches the responder's nodes is not a runbook repository's to say, so a runbook folder's baton.yaml that tries
 * is named in {@link #problems()} and ignored.
 *
 * <pre>
 * engines:
 *   prod_db: ansible
 *   all: ssh
 * </pre>
 *
 * @param groups engine names by group, as written (checked when a run chooses its engine)
 * @param file   the file they came from, as the responder is told
 */
public record EngineConfig(Map<String, String> groups, String file, List<String> problems) {
    public static final String KEY = "engines";
    /** The group that stands for every node, as in Ansible. */
    public static final String ALL = "all";

    public EngineConfig {
        groups = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(groups));
        problems = List.copyOf(problems);
    }

    /** The user's config.yaml, and whether the runbook folder (when given) has a baton.yaml that tries to choose. */
    public static EngineConfig load(Map<String, String> environment, Path runbookFolder) {
        Path file = SourcesConfig.userFile(environment);
        EngineConfig mine = new EngineConfig(Map.of(), file.toString(), List.of());
        if (Files.exists(file)) {
            try {
                mine = parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
            } catch (IOException e) {
                mine = new EngineConfig(Map.of(), file.toString(), List.of(file + ": cannot be read: " + e.getMessage()));
            }
        }
        if (runbookFolder == null) {
            return mine;
        }
        Path folderFile = runbookFolder.resolve(SourcesConfig.FOLDER_FILE);
        try {
            if (Files.isRegularFile(folderFile) && root(Files.readString(folderFile, StandardCharsets.UTF_8)).has(KEY)) {
                List<String> problems = new ArrayList<>(mine.problems);
                problems.add(folderFile + ": " + KEY + ": ignored: a runbook folder's baton.yaml does not choose how "
                        + "Baton reaches your nodes; set engines in your own " + file + " or choose with --engine");
                return new EngineConfig(mine.groups, mine.file, problems);
            }
        } catch (IOException e) {
            // The folder's file is reported by the data sources that read it; nothing of it is used here.
        }
        return mine;
    }

    /** @param origin how messages name the file */
    public static EngineConfig parse(String yaml, String origin) {
        JsonNode node = root(yaml).get(KEY);
        if (node == null || node.isNull()) {
            return new EngineConfig(Map.of(), origin, List.of());
        }
        if (!node.isObject()) {
            return new EngineConfig(Map.of(), origin, List.of(origin + ": " + KEY
                    + " maps each group to its engine (prod_db: ansible, all: ssh); ignored"));
        }
        Map<String, String> groups = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isValueNode() || entry.getValue().isNull()) {
                problems.add(origin + ": " + KEY + ": " + entry.getKey() + " needs an engine (ssh or ansible); ignored");
                continue;
            }
            groups.put(entry.getKey().strip(), entry.getValue().asText().strip());
        }
        return new EngineConfig(groups, origin, problems);
    }

    private static JsonNode root(String yaml) {
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
            return root == null || !root.isObject() ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
                    : root;
        } catch (JsonProcessingException e) {
            // SourcesConfig reports the file's bad YAML, once.
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }
}
