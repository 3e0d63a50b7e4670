package dev.baton.incident;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The local data folder: one folder per incident, and a pointer to the incident the responder is
 * working on, so that the next start (after a crash too) continues it.
 */
public final class IncidentStore {
    public static final String INFO_FILE = "incident.json";
    /**
     * Inside an incident's folder: teammates' logs as accepted from the team's git remote, one
     * {@code RESPONDER.jsonl} each, so that the history searches them as it does the folder's own timeline.
     */
    public static final String TEAM_LOGS = "team-logs";
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private final Path dataDirectory;

    public IncidentStore(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    /** {@code baton.data} if set, else $XDG_DATA_HOME/baton, else ~/.local/share/baton. */
    public static Path defaultDataDirectory() {
        String configured = System.getProperty("baton.data", "");
        if (!configured.isBlank()) {
            return Path.of(configured);
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("baton");
    }

    public Path incidentsDirectory() {
        return dataDirectory.resolve("incidents");
    }

    private Path currentPointer() {
        return dataDirectory.resolve("current-incident");
    }

    /** Starts an incident and makes it the current one. */
    public OpenIncident start(String title, String severity, String alert, String responder, Instant at)
            throws IOException {
        String id = uniqueId(at, title);
        Path folder = incidentsDirectory().resolve(id);
        IncidentInfo info = new IncidentInfo(id, title.strip(), severity.strip(), alert.strip(), at, responder);
        Files.createDirectories(folder);
        AtomicFiles.write(folder.resolve(INFO_FILE), toJson(info));
        OpenIncident incident = OpenIncident.open(folder);
        incident.timeline().append(new IncidentEvent.IncidentStarted(info.title(), info.severity(), info.alert(),
                responder));
        makeCurrent(id);
        return incident;
    }

    private String uniqueId(Instant at, String title) {
        // The id names the folder, the team remote's refs and bundle paths: a token pasted into a title stays out.
        String slug = SecretMask.text(title).text().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-|-$)", "");
        return uniqueId(ID_TIME.format(at) + (slug.isEmpty() ? "" : "-" + slug.substring(0, Math.min(40, slug.length()))));
    }

    private String uniqueId(String base) {
        String id = base;
        for (int n = 2; Files.exists(incidentsDirectory().resolve(id)); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    /** An empty folder beside the incidents for building one (an import) before it is complete. */
    public Path newStagingFolder() throws IOException {
        Files.createDirectories(incidentsDirectory());
        return Files.createTempDirectory(incidentsDirectory(), ".staging-");
    }

    /**
     * Moves a complete incident folder built in {@link #newStagingFolder()} into place, under
     * {@code preferredId} unless an incident already has that name. Returns the id it got.
     */
    public String adopt(Path staging, String preferredId) throws IOException {
        String base = preferredId.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[.-]+", "");
        String id = uniqueId(base.isEmpty() ? "imported" : base);
        Files.move(staging, incidentsDirectory().resolve(id), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        AtomicFiles.syncDirectory(incidentsDirectory());
        return id;
    }

    public void makeCurrent(String id) throws IOException {
        AtomicFiles.write(currentPointer(), id.getBytes(StandardCharsets.UTF_8));
    }

    /** Forgets which incident is current (it was closed); its folder stays. */
    public void clearCurrent() throws IOException {
        Files.deleteIfExists(currentPointer());
    }

    /** Where an incident's timeline is: read it (never write it) without opening the incident. */
    public Path timelineFile(String id) {
        return incidentsDirectory().resolve(id).resolve(OpenIncident.TIMELINE);
    }

    /**
     * A folder for an incident another responder started ({@code info} as they shared it), unless one is already
     * here; this responder's own timeline in it starts empty.
     */
    public void join(IncidentInfo info) throws IOException {
        if (!isIncident(info.id()) && (info.id().contains("/") || info.id().startsWith("."))) {
            throw new IOException("\"" + info.id() + "\" cannot name an incident folder");
        }
        Path folder = incidentsDirectory().resolve(info.id());
        if (!Files.isRegularFile(folder.resolve(INFO_FILE))) {
            Files.createDirectories(folder);
            AtomicFiles.write(folder.resolve(INFO_FILE), toJson(info));
        }
    }

    /** The id of the incident the responder was working on, if its folder is still there. */
    public Optional<String> currentId() throws IOException {
        if (!Files.isRegularFile(currentPointer())) {
            return Optional.empty();
        }
        String id = Files.readString(currentPointer()).strip();
        return isIncident(id) ? Optional.of(id) : Optional.empty();
    }

    private boolean isIncident(String id) {
        return !id.isEmpty() && !id.contains("/") && !id.contains("\\") && !id.startsWith(".")
                && Files.isRegularFile(incidentsDirectory().resolve(id).resolve(INFO_FILE));
    }

    public OpenIncident open(String id) throws IOException {
        return open(id, true);
    }

    /** Opens an incident; a command line tool working on it leaves the responder's current one alone. */
    public OpenIncident open(String id, boolean makeCurrent) throws IOException {
        if (!isIncident(id)) {
            throw new IOException("no incident " + id + " in " + incidentsDirectory());
        }
        OpenIncident incident = OpenIncident.open(incidentsDirectory().resolve(id));
        if (makeCurrent) {
            makeCurrent(id);
        }
        return incident;
    }

    /** Every incident in the data folder, newest first; unreadable ones are left out. */
    public List<IncidentInfo> list() throws IOException {
        List<IncidentInfo> found = new ArrayList<>();
        if (!Files.isDirectory(incidentsDirectory())) {
            return found;
        }
        try (var folders = Files.list(incidentsDirectory())) {
            for (Path folder : (Iterable<Path>) folders::iterator) {
                if (folder.getFileName().toString().startsWith(".")) {
                    continue;
                }
                try {
                    found.add(readInfo(folder));
                } catch (IOException | RuntimeException e) {
                    // A folder that is not an incident is not listed.
                }
            }
        }
        found.sort(Comparator.comparing(IncidentInfo::startedAt).reversed());
        return found;
    }

    /**
     * Every incident with where it stands, newest first; for each only {@code incident.json} and the end
     * of its timeline are read.
     */
    public List<IncidentListing> listings() throws IOException {
        List<IncidentListing> found = new ArrayList<>();
        for (IncidentInfo info : list()) {
            try {
                found.add(IncidentListing.of(info, incidentsDirectory().resolve(info.id())));
            } catch (IOException | RuntimeException e) {
                found.add(new IncidentListing(info, IncidentListing.OPEN));
            }
        }
        return found;
    }

    /** The {@code incident.json} of an incident folder. */
    public static IncidentInfo readInfo(Path folder) throws IOException {
        Optional<IncidentInfo> plain = IncidentInfoReader.plain(folder);
        if (plain.isPresent()) {
            return plain.get();
        }
        var node = Json.MAPPER.readTree(folder.resolve(INFO_FILE).toFile());
        return new IncidentInfo(folder.getFileName().toString(), node.path("title").asText(),
                node.path("severity").asText(), node.path("alert").asText(),
                Instant.parse(node.path("startedAt").asText()), node.path("responder").asText());
    }

    /**
     * Adds an alert to the folder's {@code incident.json} ({@code alerts}: labels, annotations, generator URL),
     * keeping every other field as it is; the same alert (by fingerprint) is listed once, the latest word kept.
     */
    static void addAlert(Path folder, IncidentEvent.AlertOpened alert) throws IOException {
        Path file = folder.resolve(INFO_FILE);
        ObjectNode node = (ObjectNode) Json.MAPPER.readTree(file.toFile());
        com.fasterxml.jackson.databind.node.ArrayNode alerts = node.withArray("alerts");
        for (int i = alerts.size() - 1; i >= 0; i--) {
            if (!alert.fingerprint().isEmpty() && alert.fingerprint().equals(alerts.get(i).path("fingerprint").asText())) {
                alerts.remove(i);
            }
        }
        ObjectNode entry = alerts.addObject();
        entry.put("alertname", alert.alertname());
        entry.put("fingerprint", alert.fingerprint());
        entry.put("source", alert.source());
        entry.put("status", alert.status());
        entry.put("startsAt", alert.startsAt() == null ? null : alert.startsAt().toString());
        entry.set("labels", Json.MAPPER.valueToTree(alert.labels()));
        entry.set("annotations", Json.MAPPER.valueToTree(alert.annotations()));
        entry.put("generatorURL", alert.generatorUrl());
        AtomicFiles.write(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(node));
    }

    public static byte[] toJson(IncidentInfo info) throws IOException {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("schema", 1);
        node.put("title", info.title());
        node.put("severity", info.severity());
        node.put("alert", info.alert());
        node.put("startedAt", info.startedAt().toString());
        node.put("responder", info.responder());
        return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
    }

    /** The responder's name: the {@code baton.responder} setting, else the OS user. */
    public static String defaultResponder() {
        String configured = System.getProperty("baton.responder", "");
        return configured.isBlank() ? System.getProperty("user.name", "responder") : configured;
    }

    /** Set up on first use: Jackson's first mapper takes tens of milliseconds, and the store is built with the window. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
}
