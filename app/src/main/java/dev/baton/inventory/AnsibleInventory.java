package dev.baton.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Nodes from an Ansible inventory, INI or YAML: groups with their children, group and host variables
 * (the closer wins: host over child group over parent), host ranges such as {@code web[01:03]}, and the
 * connection variables {@code ansible_host}, {@code ansible_port}, {@code ansible_user},
 * {@code ansible_ssh_private_key_file}, a ProxyJump in {@code ansible_ssh_common_args}, and Baton's own
 * {@code baton_env} (a node's environment: {@code baton_env=prod} marks it as production) and
 * {@code baton_engine} ({@code ansible}: fan-outs reach the node through Ansible unless the responder chooses).
 */
public final class AnsibleInventory {
    private static final Pattern RANGE = Pattern.compile("\\[([0-9]+|[a-z]):([0-9]+|[a-z])(?::([0-9]+))?]");
    private static final Pattern JUMP = Pattern.compile("(?:-J\\s*|ProxyJump[= ])([^\\s'\"]+)");

    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> hostVars = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final Path source;

    /** "ansible" for an inventory of an Ansible project (an ansible.cfg beside it): its access lives there. */
    private final String projectEngine;
    /** Its ansible.cfg, named when the project chose the engine; empty outside a project. */
    private final String projectCfg;

    private AnsibleInventory(Path source) {
        this.source = source;
        java.util.Optional<Path> project = AnsibleProject.folderOf(source);
        this.projectEngine = project.isPresent() ? "ansible" : "";
        this.projectCfg = project.map(folder -> folder.resolve("ansible.cfg").toString()).orElse("");
    }

    private static final class Group {
        final Set<String> hosts = new LinkedHashSet<>();
        final Set<String> children = new LinkedHashSet<>();
        final Map<String, String> vars = new LinkedHashMap<>();
    }

    public static Inventory read(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        AnsibleInventory inventory = new AnsibleInventory(file);
        if (name.endsWith(".yml") || name.endsWith(".yaml")) {
            inventory.readYaml(Files.readString(file, StandardCharsets.UTF_8));
        } else {
            inventory.readIni(Files.readAllLines(file, StandardCharsets.UTF_8));
        }
        return inventory.toInventory();
    }

    private Group group(String name) {
        return groups.computeIfAbsent(name, key -> new Group());
    }

    private void readIni(List<String> lines) {
        String section = "ungrouped";
        String kind = "hosts";
        int number = 0;
        for (String raw : lines) {
            number++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                String header = line.substring(1, line.length() - 1).strip();
                int colon = header.indexOf(':');
                section = colon < 0 ? header : header.substring(0, colon);
                kind = colon < 0 ? "hosts" : header.substring(colon + 1);
                group(section);
                if (!kind.equals("hosts") && !kind.equals("children") && !kind.equals("vars")) {
                    problems.add(source + ":" + number + ": unknown section kind :" + kind + "; skipped");
                }
                continue;
            }
            switch (kind) {
                case "children" -> group(section).children.add(line.split("\\s+")[0]);
                case "vars" -> {
                    int equals = line.indexOf('=');
                    if (equals > 0) {
                        group(section).vars.put(line.substring(0, equals).strip(),
                                unquote(line.substring(equals + 1).strip()));
                    } else {
                        problems.add(source + ":" + number + ": expected name=value, got: " + line);
                    }
                }
                case "hosts" -> readIniHost(section, line, number);
                default -> { }
            }
        }
    }

    private void readIniHost(String section, String line, int number) {
        List<String> words = shellWords(line);
        Map<String, String> vars = new LinkedHashMap<>();
        for (String word : words.subList(1, words.size())) {
            int equals = word.indexOf('=');
            if (equals > 0) {
                vars.put(word.substring(0, equals), unquote(word.substring(equals + 1)));
            } else {
                problems.add(source + ":" + number + ": ignored '" + word + "' (expected name=value)");
            }
        }
        for (String host : expandRange(words.get(0))) {
            group(section).hosts.add(host);
            hostVars.computeIfAbsent(host, key -> new LinkedHashMap<>()).putAll(vars);
        }
    }

    private void readYaml(String text) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(text);
        if (root == null || !root.isObject()) {
            throw new IOException(source + ": not an Ansible YAML inventory (expected groups at the top level)");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            readYamlGroup(entry.getKey(), entry.getValue());
        }
    }

    private void readYamlGroup(String name, JsonNode body) {
        Group group = group(name);
        if (body == null || body.isNull()) {
            return;
        }
        JsonNode hosts = body.path("hosts");
        for (Iterator<Map.Entry<String, JsonNode>> it = hosts.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> host = it.next();
            for (String expanded : expandRange(host.getKey())) {
                group.hosts.add(expanded);
                hostVars.computeIfAbsent(expanded, key -> new LinkedHashMap<>()).putAll(scalars(host.getValue()));
            }
        }
        group.vars.putAll(scalars(body.path("vars")));
        for (Iterator<Map.Entry<String, JsonNode>> it = body.path("children").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> child = it.next();
            group.children.add(child.getKey());
            readYamlGroup(child.getKey(), child.getValue());
        }
    }

    private static Map<String, String> scalars(JsonNode node) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isValueNode()) {
                values.put(field.getKey(), field.getValue().asText());
            }
        }
        return values;
    }

    private Inventory toInventory() {
        Map<String, List<String>> parents = new LinkedHashMap<>();
        groups.forEach((name, group) -> group.children.forEach(child ->
                parents.computeIfAbsent(child, key -> new ArrayList<>()).add(name)));
        List<Node> nodes = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> host : hostVars.entrySet()) {
            List<String> chain = new ArrayList<>();
            groups.forEach((name, group) -> {
                if (group.hosts.contains(host.getKey())) {
                    addWithAncestors(name, parents, chain, new LinkedHashSet<>());
                }
            });
            Map<String, String> vars = new LinkedHashMap<>(groups.getOrDefault("all", new Group()).vars);
            // Ancestors come first in the chain, so a child group's value replaces its parent's.
            for (String group : chain) {
                vars.putAll(groups.get(group).vars);
            }
            vars.putAll(host.getValue());
            List<String> shownGroups = chain.stream().filter(g -> !g.equals("all") && !g.equals("ungrouped")).toList();
            nodes.add(toNode(host.getKey(), vars, shownGroups, engineSetBy(host.getKey(), chain)));
        }
        return new Inventory(nodes, problems);
    }

    private static void addWithAncestors(String group, Map<String, List<String>> parents, List<String> chain,
            Set<String> visiting) {
        if (!visiting.add(group)) {
            return;
        }
        for (String parent : parents.getOrDefault(group, List.of())) {
            addWithAncestors(parent, parents, chain, visiting);
        }
        if (!chain.contains(group)) {
            chain.add(group);
        }
    }

    /** What set a host's baton_engine, closest first, in the words the responder is shown: "group prod_db". */
    private String engineSetBy(String host, List<String> chain) {
        if (!first(hostVars.get(host), "", "baton_engine").isEmpty()) {
            return "host " + host;
        }
        for (int i = chain.size() - 1; i >= 0; i--) {
            if (!first(groups.get(chain.get(i)).vars, "", "baton_engine").isEmpty()) {
                return "group " + chain.get(i);
            }
        }
        if (!first(groups.getOrDefault("all", new Group()).vars, "", "baton_engine").isEmpty()) {
            return "group all";
        }
        return projectEngine.isEmpty() ? "" : "the Ansible project " + projectCfg;
    }

    private Node toNode(String host, Map<String, String> vars, List<String> groupNames, String engineSetBy) {
        String address = first(vars, host, "ansible_host", "ansible_ssh_host");
        int port = Node.DEFAULT_PORT;
        String portText = first(vars, "", "ansible_port", "ansible_ssh_port");
        if (!portText.isEmpty()) {
            try {
                port = Integer.parseInt(portText.strip());
            } catch (NumberFormatException e) {
                problems.add(source + ": " + host + ": ansible_port '" + portText + "' is not a number; 22 is used");
            }
        }
        String user = first(vars, Node.localUser(), "ansible_user", "ansible_ssh_user");
        String key = first(vars, "", "ansible_ssh_private_key_file", "ansible_private_key_file");
        List<Path> keys = key.isEmpty() ? List.of()
                : List.of(Path.of(key.startsWith("~/") ? System.getProperty("user.home") + key.substring(1) : key));
        List<String> jumps = new ArrayList<>();
        Matcher jump = JUMP.matcher(first(vars, "", "ansible_ssh_common_args", "ansible_ssh_extra_args"));
        if (jump.find()) {
            for (String hop : jump.group(1).split(",")) {
                jumps.add(hop.strip());
            }
        }
        return new Node(host, address, port, user, keys, false, jumps, Duration.ZERO, 3, false, groupNames,
                source.toString(), first(vars, "", "baton_env"), first(vars, projectEngine, "baton_engine"), engineSetBy);
    }

    private static String first(Map<String, String> vars, String fallback, String... names) {
        for (String name : names) {
            String value = vars.get(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return fallback;
    }

    /** Ansible's host ranges: {@code db[01:03]} is db01, db02, db03; {@code [a:c]} letters; {@code :2} a stride. */
    static List<String> expandRange(String pattern) {
        Matcher range = RANGE.matcher(pattern);
        if (!range.find()) {
            return List.of(pattern);
        }
        String prefix = pattern.substring(0, range.start());
        String suffix = pattern.substring(range.end());
        String from = range.group(1);
        String to = range.group(2);
        int stride = range.group(3) == null ? 1 : Math.max(1, Integer.parseInt(range.group(3)));
        List<String> names = new ArrayList<>();
        boolean letters = Character.isLetter(from.charAt(0));
        int start = letters ? from.charAt(0) : Integer.parseInt(from);
        int end = letters ? to.charAt(0) : Integer.parseInt(to);
        for (int i = start; i <= end && names.size() < 10_000; i += stride) {
            String item = letters ? String.valueOf((char) i)
                    : from.length() > 1 && from.startsWith("0") ? String.format("%0" + from.length() + "d", i)
                    : String.valueOf(i);
            for (String rest : expandRange(suffix)) {
                names.add(prefix + item + rest);
            }
        }
        return names;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    /** Splits a host line into words, keeping quoted values (e.g. ssh args) whole. */
    private static List<String> shellWords(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (Character.isWhitespace(c)) {
                if (!word.isEmpty()) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else if (c == '#' && word.isEmpty()) {
                break;
            } else {
                word.append(c);
            }
        }
        if (!word.isEmpty()) {
            words.add(word.toString());
        }
        return words;
    }
}
