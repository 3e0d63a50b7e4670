package dev.baton.team;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.baton.sources.SourcesConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The team's incident remote and the responder's signing key, from {@code team:} in the responder's own
 * config.yaml (never from a runbook folder), and the team's allowed_signers beside it.
 *
 * <pre>
 * team:
 *   remote: git@git.example.com:ops/incidents.git
 *   identity: ~/.ssh/id_ed25519
 * </pre>
 */
public record TeamSettings(Optional<String> remote, Optional<Path> identity, Path allowedSigners) {
    public static final String ALLOWED_SIGNERS = "allowed_signers";

    /** {@code allowed_signers} beside the user's config.yaml: {@code $XDG_CONFIG_HOME/baton}, else ~/.config/baton. */
    public static Path defaultAllowedSigners(Map<String, String> environment) {
        return SourcesConfig.userFile(environment).getParent().resolve(ALLOWED_SIGNERS);
    }

    /** Reads the user's config.yaml; a file that cannot be read gives no remote, with the reason. */
    public static TeamSettings load(Map<String, String> environment) throws TeamException {
        Path config = SourcesConfig.userFile(environment);
        Path signers = config.getParent().resolve(ALLOWED_SIGNERS);
        if (!Files.isRegularFile(config)) {
            return new TeamSettings(Optional.empty(), Optional.empty(), signers);
        }
        JsonNode team;
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(config.toFile());
            team = root == null ? null : root.get("team");
        } catch (IOException e) {
            throw new TeamException(config + " cannot be read: " + e.getMessage(), e);
        }
        if (team == null || !team.isObject()) {
            return new TeamSettings(Optional.empty(), Optional.empty(), signers);
        }
        Optional<String> remote = text(team, "remote");
        Optional<Path> identity = text(team, "identity").map(TeamSettings::home);
        Path allowed = text(team, "allowed_signers").map(TeamSettings::home).orElse(signers);
        return new TeamSettings(remote, identity, allowed);
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText().strip())
                : Optional.empty();
    }

    private static Path home(String path) {
        return path.startsWith("~/") ? Path.of(System.getProperty("user.home"), path.substring(2)) : Path.of(path);
    }

    /** The responder's default SSH key: the first of the usual key files in {@code sshFolder} that exists. */
    public static Optional<Path> defaultKey(Path sshFolder) {
        return dev.baton.ssh.KeyFiles.defaults(sshFolder).stream().filter(Files::isRegularFile).findFirst();
    }
}
