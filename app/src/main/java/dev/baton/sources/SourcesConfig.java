package dev.baton.sources;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The data sources the responder has configured: their own {@code $XDG_CONFIG_HOME/baton/config.yaml}
 * and a runbook folder's {@code baton.yaml}. The folder's file came with a repository and is not trusted:
 * it adds sources but never replaces the user's of the same name, never allows redirects, and a source of
 * its that reads a secret is left out until the responder approves that folder's file
 * ({@link FolderApprovals}). What is wrong in a file (bad YAML, a url that is not http or https, two
 * defaults) becomes a message in {@link #problems()}; the rest of the file still counts.
 */
public final class SourcesConfig {
    /** The file at the root of a runbook folder. */
    public static final String FOLDER_FILE = "baton.yaml";

    private static final Set<String> SOURCE_KEYS = Set.of("name", "url", "default", "auth", "ca_file", "verify_tls",
            "allow_redirects_to");
    private static final Set<String> AUTH_KEYS = Set.of("bearer_token_env", "bearer_token_file", "username",
            "password_env", "password_file");

    private final List<DataSource> sources;
    private final String grafanaUrl;
    private final List<String> problems;
    private final FolderSecrets unapproved;

    private SourcesConfig(List<DataSource> sources, String grafanaUrl, List<String> problems) {
        this(sources, grafanaUrl, problems, null);
    }

    private SourcesConfig(List<DataSource> sources, String grafanaUrl, List<String> problems, FolderSecrets unapproved) {
        this.sources = List.copyOf(sources);
        this.grafanaUrl = grafanaUrl;
        this.problems = List.copyOf(problems);
        this.unapproved = unapproved;
    }

    public static SourcesConfig empty() {
        return new SourcesConfig(List.of(), null, List.of());
    }

    /** A configuration made in code, e.g. from {@code --alertmanager URL}. */
    public static SourcesConfig of(List<DataSource> sources) {
        return new SourcesConfig(sources, null, List.of());
    }

    /**
     * The user's file: {@code $XDG_CONFIG_HOME/baton/config.yaml}, by default under {@code ~/.config}. The
     * {@code baton.config-home} setting, when given, stands for {@code $XDG_CONFIG_HOME}: a test (or a second
     * profile) points the window and the command line elsewhere without touching the environment.
     */
    public static Path userFile(Map<String, String> environment) {
        String configured = System.getProperty("baton.config-home", "");
        String xdg = configured.isBlank() ? environment.get("XDG_CONFIG_HOME") : configured;
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("baton").resolve("config.yaml");
    }

    /**
     * The user's file, then the runbook folder's (when given) added to it as an untrusted file; missing
     * files are no problem.
     */
    public static SourcesConfig load(Map<String, String> environment, Path runbookFolder) {
        SourcesConfig config = readIfPresent(userFile(environment));
        if (runbookFolder == null || !Files.exists(runbookFolder.resolve(FOLDER_FILE))) {
            return config;
        }
        Path file = runbookFolder.resolve(FOLDER_FILE);
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            return config.overriddenBy(new SourcesConfig(List.of(), null, List.of(file + ": cannot be read: "
                    + e.getMessage())));
        }
        SourcesConfig folder = parse(new String(content, StandardCharsets.UTF_8), file.toString(),
                file.toAbsolutePath().getParent());
        boolean approved = FolderApprovals.of(environment).approved(runbookFolder, content);
        return config.overriddenBy(folder.untrusted(config, runbookFolder, content, approved));
    }

    /** Only what an untrusted folder file may do: add sources, and read secrets only once approved. */
    private SourcesConfig untrusted(SourcesConfig user, Path folder, byte[] content, boolean approved) {
        List<DataSource> kept = new ArrayList<>();
        List<String> allProblems = new ArrayList<>(problems);
        List<String> asks = new ArrayList<>();
        String file = folder.resolve(FOLDER_FILE).toString();
        for (DataSource source : sources) {
            String named = source.kind().configKey() + " " + source.name();
            if (user.byName(source.kind(), source.name()).isPresent()) {
                allProblems.add(file + ": " + named + " is also in your config.yaml; yours is used (a runbook folder's "
                        + "baton.yaml adds sources, it never replaces yours)");
                continue;
            }
            DataSource added = source;
            if (!source.allowRedirectsTo().isEmpty()) {
                allProblems.add(file + ": " + named + ": allow_redirects_to is read only from your own config.yaml; "
                        + "ignored here");
                added = source.withAllowRedirectsTo(List.of());
            }
            if (!(source.auth() instanceof SourceAuth.None) && !approved) {
                asks.add(named + " at " + DataSource.masked(source.url()) + ": " + source.auth().secretNames());
                continue;
            }
            kept.add(added);
        }
        FolderSecrets pending = null;
        if (!asks.isEmpty()) {
            pending = new FolderSecrets(folder, content, asks);
            allProblems.add(file + ": left out until you approve this folder, as it names secrets to send ("
                    + String.join("; ", asks) + "). If you trust it, run: baton sources approve " + folder
                    + " (a changed file asks again)");
        }
        return new SourcesConfig(kept, grafanaUrl, allProblems, pending);
    }

    /** The folder file's sources that wait for the responder's approval to read secrets, if any. */
    public Optional<FolderSecrets> unapproved() {
        return Optional.ofNullable(unapproved);
    }

    public static SourcesConfig readIfPresent(Path file) {
        if (!Files.exists(file)) {
            return empty();
        }
        return read(file);
    }

    public static SourcesConfig read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new SourcesConfig(List.of(), null, List.of(file + ": cannot be read: " + e.getMessage()));
        }
        Path base = file.toAbsolutePath().getParent();
        SourcesConfig config = parse(text, file.toString(), base);
        List<String> warnings = new ArrayList<>();
        if (FileModes.writableByOthers(file)) {
            warnings.add(file + ": writable by other users of this machine, who could point your sources (and their "
                    + "credentials) elsewhere; run chmod o-w " + file);
        }
        for (DataSource source : config.sources) {
            Path secret = source.auth() instanceof SourceAuth.Bearer b ? b.tokenFile()
                    : source.auth() instanceof SourceAuth.Basic basic ? basic.passwordFile() : null;
            if (secret != null && FileModes.readableByOthers(secret)) {
                warnings.add(file + ": " + source.kind().configKey() + " " + source.name() + ": the secret file " + secret
                        + " is readable by other users of this machine; run chmod 600 " + secret);
            }
        }
        if (warnings.isEmpty()) {
            return config;
        }
        warnings.addAll(0, config.problems);
        return new SourcesConfig(config.sources, config.grafanaUrl, warnings, config.unapproved);
    }

    /**
     * Reads one file's text.
     *
     * @param origin how messages name the file
     * @param base   the folder a relative {@code ca_file} or {@code *_file} is taken from
     */
    public static SourcesConfig parse(String yaml, String origin, Path base) {
        List<String> problems = new ArrayList<>();
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            String line = where != null && where.getLineNr() > 0 ? ", line " + where.getLineNr() : "";
            return new SourcesConfig(List.of(), null,
                    List.of(origin + line + ": not valid YAML: " + e.getOriginalMessage()));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return empty();
        }
        if (!root.isObject()) {
            return new SourcesConfig(List.of(), null,
                    List.of(origin + ": expected keys such as prometheus:, loki:, alertmanager: at the top"));
        }
        String grafana = null;
        JsonNode grafanaNode = root.get("grafana_url");
        if (grafanaNode != null && !grafanaNode.isNull()) {
            grafana = grafanaNode.asText().strip();
            if (httpUri(grafana) == null) {
                problems.add(origin + ": grafana_url " + grafana + " is not an http or https address; left out");
                grafana = null;
            }
        }
        List<DataSource> sources = new ArrayList<>();
        for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            Optional<SourceKind> kind = kindOf(key);
            if (kind.isEmpty()) {
                if (!key.equals("grafana_url") && !key.equals(RunbookUrlConfig.KEY) && !key.equals(EngineConfig.KEY)) {
                    problems.add(origin + ": unknown key " + key + " (Baton reads prometheus, loki, alertmanager, "
                            + "grafana_url)");
                }
                continue;
            }
            JsonNode list = root.get(key);
            if (list.isNull()) {
                continue;
            }
            if (!list.isArray()) {
                problems.add(origin + ": " + key + " should be a list of sources (- name: …, url: …)");
                continue;
            }
            boolean sawDefault = false;
            for (JsonNode entry : list) {
                DataSource source = source(kind.get(), entry, origin, base, problems);
                if (source == null) {
                    continue;
                }
                if (sources.stream().anyMatch(s -> s.kind() == source.kind() && s.name().equals(source.name()))) {
                    problems.add(origin + ": two " + key + " sources are named " + source.name()
                            + "; the first is used");
                    continue;
                }
                if (source.isDefault() && sawDefault) {
                    problems.add(origin + ": two " + key + " sources are marked default; " + source.name()
                            + " is not the default, the first one is");
                    sources.add(source.withDefault(false).withGrafanaUrl(grafana));
                    continue;
                }
                sawDefault |= source.isDefault();
                sources.add(source.withGrafanaUrl(grafana));
            }
        }
        return new SourcesConfig(sources, grafana, problems);
    }

    private static DataSource source(SourceKind kind, JsonNode entry, String origin, Path base, List<String> problems) {
        String where = origin + ": " + kind.configKey();
        if (!entry.isObject()) {
            problems.add(where + ": each source is a map with name: and url:");
            return null;
        }
        String name = text(entry, "name");
        if (name == null || name.isBlank()) {
            problems.add(where + ": a source has no name; left out");
            return null;
        }
        where = where + " " + name;
        for (Iterator<String> keys = entry.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!SOURCE_KEYS.contains(key)) {
                problems.add(where + ": unknown key " + key + " ignored");
            }
        }
        String url = text(entry, "url");
        URI uri = url == null ? null : httpUri(url.strip());
        if (uri == null) {
            problems.add(where + ": url " + (url == null ? "is missing" : url + " is not an http or https address")
                    + "; left out");
            return null;
        }
        if (uri.getRawUserInfo() != null) {
            problems.add(where + ": the url holds credentials; put them under auth: (from an environment variable "
                    + "or a file) instead; left out");
            return null;
        }
        boolean isDefault = entry.path("default").asBoolean(false);
        boolean verifyTls = entry.path("verify_tls").asBoolean(true);
        if (!verifyTls) {
            problems.add(where + ": verify_tls: false is not supported (Baton always checks the server's "
                    + "certificate); give the CA that signed it as ca_file");
            verifyTls = true;
        }
        Path caFile = null;
        String ca = text(entry, "ca_file");
        if (ca != null) {
            caFile = resolve(base, ca);
        }
        SourceAuth auth = SourceAuth.none();
        JsonNode authNode = entry.get("auth");
        if (authNode != null && !authNode.isNull()) {
            auth = auth(authNode, where, base, problems);
            if (auth == null) {
                return null;
            }
        }
        return new DataSource(kind, name.strip(), uri, isDefault, auth, caFile, verifyTls, null,
                hosts(entry.get("allow_redirects_to"), where, problems));
    }

    /** {@code allow_redirects_to}: a host, or a list of hosts (host or host:port). */
    private static List<String> hosts(JsonNode node, String where, List<String> problems) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        List<String> hosts = new ArrayList<>();
        for (JsonNode item : node.isArray() ? node : List.of(node)) {
            String host = item.isValueNode() ? item.asText().strip() : "";
            if (host.isEmpty() || !host.matches("[A-Za-z0-9.\\-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?")) {
                problems.add(where + ": allow_redirects_to holds " + (host.isEmpty() ? "an empty entry" : host)
                        + ", which is not a host or host:port; ignored");
                continue;
            }
            hosts.add(host);
        }
        return hosts;
    }

    private static SourceAuth auth(JsonNode node, String where, Path base, List<String> problems) {
        if (!node.isObject()) {
            problems.add(where + ": auth should be a map such as { bearer_token_env: NAME }; left out");
            return null;
        }
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!AUTH_KEYS.contains(key)) {
                // Never echo the value: someone may have pasted the token itself here.
                problems.add(where + ": auth key " + key + " is not one Baton reads (" + String.join(", ",
                        AUTH_KEYS.stream().sorted().toList()) + "); left out");
                return null;
            }
        }
        String tokenEnv = text(node, "bearer_token_env");
        String tokenFile = text(node, "bearer_token_file");
        String username = text(node, "username");
        String passwordEnv = text(node, "password_env");
        String passwordFile = text(node, "password_file");
        if (tokenEnv != null || tokenFile != null) {
            if (username != null || passwordEnv != null || passwordFile != null) {
                problems.add(where + ": auth has both a bearer token and a username; pick one; left out");
                return null;
            }
            if (tokenEnv != null && tokenFile != null) {
                problems.add(where + ": auth has both bearer_token_env and bearer_token_file; pick one; left out");
                return null;
            }
            return new SourceAuth.Bearer(tokenEnv, tokenFile == null ? null : resolve(base, tokenFile));
        }
        if (username != null) {
            if ((passwordEnv == null) == (passwordFile == null)) {
                problems.add(where + ": basic auth needs password_env or password_file (one of them); left out");
                return null;
            }
            return new SourceAuth.Basic(username, passwordEnv, passwordFile == null ? null : resolve(base, passwordFile));
        }
        if (passwordEnv != null || passwordFile != null) {
            problems.add(where + ": auth has a password but no username; left out");
            return null;
        }
        return SourceAuth.none();
    }

    private static Path resolve(Path base, String file) {
        Path path = Path.of(file.strip());
        if (file.startsWith("~/")) {
            return Path.of(System.getProperty("user.home")).resolve(file.substring(2));
        }
        return path.isAbsolute() || base == null ? path : base.resolve(path);
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    private static Optional<SourceKind> kindOf(String key) {
        for (SourceKind kind : SourceKind.values()) {
            if (kind.configKey().equals(key.toLowerCase(Locale.ROOT))) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** The address, when it is an absolute http or https URL with a host; null otherwise. */
    static URI httpUri(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /**
     * This configuration with another's sources added, a source of the same kind and name replaced by the
     * other's; a default in the other takes over from this one's default of the same kind.
     */
    public SourcesConfig overriddenBy(SourcesConfig other) {
        Map<String, DataSource> merged = new LinkedHashMap<>();
        Set<SourceKind> otherDefaults = java.util.EnumSet.noneOf(SourceKind.class);
        other.sources.stream().filter(DataSource::isDefault).forEach(s -> otherDefaults.add(s.kind()));
        String grafana = other.grafanaUrl != null ? other.grafanaUrl : grafanaUrl;
        for (DataSource source : sources) {
            DataSource kept = otherDefaults.contains(source.kind()) ? source.withDefault(false) : source;
            merged.put(source.kind() + "/" + source.name(), kept.withGrafanaUrl(grafana));
        }
        for (DataSource source : other.sources) {
            merged.put(source.kind() + "/" + source.name(), source.withGrafanaUrl(grafana));
        }
        List<String> allProblems = new ArrayList<>(problems);
        allProblems.addAll(other.problems);
        return new SourcesConfig(new ArrayList<>(merged.values()), grafana, allProblems,
                other.unapproved != null ? other.unapproved : unapproved);
    }

    public List<DataSource> sources() {
        return sources;
    }

    public List<DataSource> sources(SourceKind kind) {
        return sources.stream().filter(s -> s.kind() == kind).toList();
    }

    /** The source marked default for this kind, else the first of the kind; empty when there is none. */
    public Optional<DataSource> defaultSource(SourceKind kind) {
        return sources(kind).stream().filter(DataSource::isDefault).findFirst()
                .or(() -> sources(kind).stream().findFirst());
    }

    public Optional<DataSource> byName(SourceKind kind, String name) {
        return sources(kind).stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Optional<String> grafanaUrl() {
        return Optional.ofNullable(grafanaUrl);
    }

    /** What was wrong in the files, one message each, naming the file (and line, for bad YAML). */
    public List<String> problems() {
        return problems;
    }
}
