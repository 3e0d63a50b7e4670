package dev.baton.inventory;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.sshd.client.config.hosts.HostConfigEntry;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.config.hosts.HostPatternValue;
import org.apache.sshd.client.config.hosts.HostPatternsHolder;

/**
 * Nodes from an OpenSSH client config: every concrete {@code Host} alias becomes a node, its settings
 * resolved by Apache MINA SSHD's config support (first value wins, patterns and negation). Baton adds
 * what that parser lacks: {@code Include} is expanded in place, and {@code Match} blocks, which
 * depend on run-time conditions, are skipped with a note.
 */
public final class SshConfigInventory {
    private static final int MAX_INCLUDE_DEPTH = 16;

    private SshConfigInventory() {}

    public static Inventory read(Path config) throws IOException {
        List<String> problems = new ArrayList<>();
        Path sshDirectory = config.toAbsolutePath().getParent();
        String text = expand(config, sshDirectory, problems, 0);
        List<HostConfigEntry> entries;
        try {
            entries = HostConfigEntry.readHostConfigEntries(new StringReader(text), true);
        } catch (IOException | RuntimeException e) {
            throw new IOException(config + ": " + e.getMessage(), e);
        }
        HostConfigEntryResolver resolver = HostConfigEntry.toHostConfigEntryResolver(entries);
        Set<String> aliases = new LinkedHashSet<>();
        for (HostConfigEntry entry : entries) {
            for (HostPatternValue pattern : entry.getPatterns()) {
                String value = pattern.getPattern().pattern();
                String literal = value.replace("\\.", ".");
                if (!pattern.isNegated() && HostPatternsHolder.isSpecificHostPattern(literal)) {
                    aliases.add(literal);
                }
            }
        }
        List<Node> nodes = new ArrayList<>();
        for (String alias : aliases) {
            try {
                HostConfigEntry resolved = resolver.resolveEffectiveHost(alias, 0, null, null, null, null);
                nodes.add(toNode(alias, resolved, config));
            } catch (IOException | RuntimeException e) {
                problems.add(config + ": Host " + alias + ": " + e.getMessage());
            }
        }
        return new Inventory(nodes, problems);
    }

    private static Node toNode(String alias, HostConfigEntry entry, Path source) {
        List<Path> identities = entry.getIdentities().stream().map(Path::of).toList();
        List<String> jumps = entry.getProxyJump() == null || entry.getProxyJump().isBlank()
                || entry.getProxyJump().equalsIgnoreCase("none")
                ? List.of() : Arrays.stream(entry.getProxyJump().split(",")).map(String::strip).toList();
        Duration keepAlive = Duration.ofSeconds(intProperty(entry, "ServerAliveInterval", 0));
        int keepAliveCount = intProperty(entry, "ServerAliveCountMax", 3);
        boolean forwardAgent = "yes".equalsIgnoreCase(entry.getProperty("ForwardAgent", "no"));
        String user = entry.getUsername() == null || entry.getUsername().isBlank() ? Node.localUser()
                : entry.getUsername();
        return new Node(alias, entry.getHostName(), entry.getPort() > 0 ? entry.getPort() : Node.DEFAULT_PORT, user,
                identities, entry.isIdentitiesOnly(), jumps, keepAlive, keepAliveCount, forwardAgent,
                List.of("ssh config"), source.toString());
    }

    private static int intProperty(HostConfigEntry entry, String name, int fallback) {
        String value = entry.getProperty(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** The config with every Include replaced by the files it names and Match blocks left out. */
    private static String expand(Path file, Path sshDirectory, List<String> problems, int depth) throws IOException {
        if (depth > MAX_INCLUDE_DEPTH) {
            problems.add(file + ": Include nested deeper than " + MAX_INCLUDE_DEPTH + " levels; not read");
            return "";
        }
        StringBuilder out = new StringBuilder();
        boolean inMatch = false;
        int number = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            String[] words = line.strip().split("[\\s=]+", 2);
            String keyword = words[0].toLowerCase(Locale.ROOT);
            if (keyword.equals("match")) {
                inMatch = true;
                problems.add(file + ":" + number + ": Match blocks are not applied (they depend on the moment "
                        + "of connection); their settings are ignored");
                continue;
            }
            if (keyword.equals("host")) {
                inMatch = false;
            }
            if (inMatch) {
                continue;
            }
            if (keyword.equals("include") && words.length > 1) {
                for (String pattern : words[1].strip().split("\\s+")) {
                    for (Path included : resolveInclude(pattern, sshDirectory)) {
                        out.append(expand(included, sshDirectory, problems, depth + 1)).append('\n');
                    }
                }
                continue;
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }

    /** Include paths as OpenSSH reads them: ~ is home, relative is under ~/.ssh, globs in the last part. */
    private static List<Path> resolveInclude(String pattern, Path sshDirectory) throws IOException {
        String expanded = pattern.startsWith("~/") ? System.getProperty("user.home") + pattern.substring(1) : pattern;
        Path path = sshDirectory.resolve(expanded);
        Path parent = path.getParent();
        String glob = path.getFileName().toString();
        if (parent == null || !Files.isDirectory(parent)) {
            return List.of();
        }
        List<Path> matches = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(parent, glob)) {
            stream.forEach(match -> {
                if (Files.isRegularFile(match)) {
                    matches.add(match);
                }
            });
        }
        matches.sort(null);
        return matches;
    }
}
