package dev.baton.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.handoff.Redactor;
import dev.baton.incident.AtomicFiles;
import dev.baton.incident.IncidentInfo;
import dev.baton.incident.IncidentStore;
import dev.baton.incident.Timeline;
import dev.baton.incident.TimelineEvent;
import dev.baton.team.SharedLogs;
import dev.baton.team.TeamException;
import dev.baton.team.TeamRefs;
import dev.baton.team.TeamRepository;
import dev.baton.team.TeamSettings;
import dev.baton.team.TeamTimeline;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Incidents kept in the team's own git remote, for the window and the command line alike. Each responder's
 * timeline goes out redacted (as a bundle is) as their own signed log; the others' logs come in only once their
 * signatures, history and chains check out. Reads the local timeline file and never opens the incident, so the
 * window and {@code baton incident sync} can run side by side. Calls block on git: run them off the UI thread.
 */
public final class TeamSync {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How a responder reaches the remote: its URL, their signing key, the team's allowed signers. */
    public record Access(String remote, Path key, Path allowedSigners) {}

    /** What a sync did: events this responder has shared, what came in and what was refused. */
    public record Outcome(int shared, boolean committed, List<String> grown, List<SharedLogs.Refusal> refused,
            List<Redactor.Finding> redacted) {
        public Outcome {
            grown = List.copyOf(grown);
            refused = List.copyOf(refused);
            redacted = List.copyOf(redacted);
        }
    }

    private final IncidentStore store;
    private final TeamRepository repository;
    private final SharedLogs logs;

    public TeamSync(IncidentStore store, Path dataDirectory, Map<String, String> environment) throws TeamException {
        this.store = store;
        this.repository = TeamRepository.open(dataDirectory.resolve("team.git"), environment);
        this.logs = new SharedLogs(repository);
    }

    /** The repository in the store's data folder, beside its incidents. */
    public TeamSync(IncidentStore store, Map<String, String> environment) throws TeamException {
        this(store, store.incidentsDirectory().getParent(), environment);
    }

    /**
     * How to reach the remote: {@code remote} when given, else the one the incident was shared through, else
     * config.yaml's; the key likewise from {@code key}, config.yaml, the responder's default key.
     */
    public Access access(String id, String remote, Path key) throws TeamException {
        TeamSettings settings = TeamSettings.load(System.getenv());
        String url = remote != null && !remote.isBlank() ? remote.strip()
                : (id == null ? Optional.<String>empty() : remote(id)).or(settings::remote).orElseThrow(
                        () -> new TeamException("No remote: give its URL, or set team.remote in config.yaml"));
        Path signing = key != null ? key : settings.identity().or(() -> TeamSettings.defaultKey(
                Path.of(System.getProperty("user.home"), ".ssh"))).orElseThrow(
                        () -> new TeamException("No SSH key to sign with: set team.identity in config.yaml"));
        return new Access(url, signing, settings.allowedSigners());
    }

    /** What would be redacted from the incident's timeline and incident.json before it leaves: the first push lists it. */
    public List<Redactor.Finding> redactions(String id) throws IOException {
        Redactor redactor = new Redactor(Set.of());
        redact(id, redactor);
        return redactor.redacted();
    }

    /** Shares the incident through {@code access.remote()}: remembers the remote, then syncs. */
    public synchronized Outcome share(String id, String responder, Access access) throws IOException {
        TeamRefs.checkId(id);
        TeamRefs.checkResponder(responder);
        repository.set("incident." + id + ".remote", access.remote());
        return sync(id, responder, access);
    }

    /**
     * Joins an incident another responder shared: fetches it, checks every log, and makes a local folder for
     * it from its {@code incident.json} (as the responder who started it published it).
     */
    public synchronized Outcome join(String id, String responder, Access access) throws IOException {
        TeamRefs.checkId(id);
        TeamRefs.checkResponder(responder);
        SharedLogs.Received received = logs.receive(access.remote(), id, responder, access.allowedSigners());
        Optional<byte[]> info = logs.info(id, null);
        if (info.isEmpty()) {
            String why = received.refused().isEmpty() ? "" : " (refused: " + received.refused().get(0).responder()
                    + ": " + received.refused().get(0).reason() + ")";
            throw new TeamException("No incident " + id + " that Baton could accept in " + access.remote() + why);
        }
        store.join(info(id, info.get()));
        repository.set("incident." + id + ".remote", access.remote());
        copyTeammatesLogs(id, responder);
        return new Outcome(0, false, received.grown(), received.refused(), List.of());
    }

    /** The remote the incident was shared or joined through, if it was. */
    public Optional<String> remote(String id) throws TeamException {
        return repository.setting("incident." + TeamRefs.checkId(id) + ".remote");
    }

    /**
     * Publishes this responder's new events (redacted, signed), pushes them, and takes in the others'. The local
     * commit comes before the push, so an interrupted push is simply repeated by the next sync: the log is the
     * timeline itself, so an event can be neither lost nor sent twice.
     */
    public synchronized Outcome sync(String id, String responder, Access access) throws IOException {
        Redactor redactor = new Redactor(Set.of());
        Redacted redacted = redact(id, redactor);
        // The first time, the remote's copy of this responder's log (a data folder set up again) is taken in
        // first, so that publishing extends it; after that the push goes first, for the team sees it sooner.
        boolean first = repository.head(TeamRefs.shared(id, responder)).isEmpty();
        SharedLogs.Received before = first
                ? logs.receive(access.remote(), id, responder, access.allowedSigners()) : null;
        SharedLogs.Published published = logs.publish(id, responder, redacted.info(), redacted.events(), access.key());
        TeamRepository.RewrittenException rewritten = null;
        try {
            logs.push(access.remote(), id, responder);
        } catch (TeamRepository.RewrittenException e) {
            rewritten = e;
        }
        SharedLogs.Received received = first ? before
                : logs.receive(access.remote(), id, responder, access.allowedSigners());
        List<SharedLogs.Refusal> refused = new ArrayList<>(received.refused());
        // The fetch says so too when it sees the rewrite; said once.
        if (rewritten != null && refused.stream().noneMatch(refusal -> refusal.responder().equals(responder))) {
            refused.add(new SharedLogs.Refusal(responder, rewritten.getMessage()));
        }
        if (!received.grown().isEmpty()) {
            copyTeammatesLogs(id, responder);
        }
        return new Outcome(published.events(), published.committed(), received.grown(), refused,
                redactor.redacted());
    }

    /** Takes in the others' new events without pushing (a quick poll). */
    public synchronized SharedLogs.Received fetch(String id, String responder, Access access) throws IOException {
        SharedLogs.Received received = logs.receive(access.remote(), id, responder, access.allowedSigners());
        if (!received.grown().isEmpty()) {
            copyTeammatesLogs(id, responder);
        }
        return received;
    }

    /**
     * Copies the teammates' accepted logs into the incident's folder ({@link IncidentStore#TEAM_LOGS}), where the
     * history indexes them beside the local timeline. Only logs that passed every check are copied, each whole.
     */
    private void copyTeammatesLogs(String id, String responder) throws IOException {
        Path folder = store.incidentsDirectory().resolve(TeamRefs.checkId(id));
        if (!Files.isRegularFile(folder.resolve(IncidentStore.INFO_FILE))) {
            return;
        }
        for (Map.Entry<String, byte[]> log : logs.logs(id).entrySet()) {
            if (log.getKey().equals(responder) || !TeamRefs.isResponder(log.getKey())) {
                continue;
            }
            Path copy = folder.resolve(IncidentStore.TEAM_LOGS).resolve(log.getKey() + ".jsonl");
            if (Files.isRegularFile(copy) && java.util.Arrays.equals(Files.readAllBytes(copy), log.getValue())) {
                continue;
            }
            Files.createDirectories(copy.getParent());
            AtomicFiles.write(copy, log.getValue());
        }
    }

    /** How many of this responder's events the remote has not accepted yet (last known). */
    public int behind(String id, String responder) throws IOException {
        Path timeline = store.timelineFile(id);
        // A joined incident has no timeline of this responder's until they first open it.
        int local = Files.isRegularFile(timeline) ? SharedLogs.lines(completeLines(Files.readAllBytes(timeline))) : 0;
        byte[] pushed = logs.pushed(id, responder).orElse(new byte[0]);
        return Math.max(0, local - SharedLogs.lines(pushed));
    }

    /**
     * The merged timeline: this responder's events from the local timeline (all of them, pushed or not), the
     * others' as accepted from the remote.
     */
    public List<TeamTimeline.TeamEvent> timeline(String id, String responder) throws IOException {
        Map<String, List<TimelineEvent>> all = new LinkedHashMap<>();
        logs.logs(id).forEach((who, bytes) -> all.put(who, TeamTimeline.events(bytes)));
        Path mine = store.timelineFile(id);
        if (Files.isRegularFile(mine)) {
            all.put(responder, TeamTimeline.events(completeLines(Files.readAllBytes(mine))));
        }
        return TeamTimeline.merge(all);
    }

    /** Each accepted log's chain, checked again: responder → problems (empty when intact). */
    public Map<String, List<String>> verify(String id) throws IOException {
        Map<String, List<String>> checks = new LinkedHashMap<>();
        for (var log : logs.logs(id).entrySet()) {
            checks.put(log.getKey(), Timeline.verify(log.getValue()).problems());
        }
        return checks;
    }

    /**
     * Every incident in the remote, each from the logs whose latest commit is signed by its responder's allowed
     * key (the others are skipped and said); their refs are fetched apart from the logs taken in.
     */
    public TeamIncidents.Remote remoteIncidents(Access access) throws TeamException {
        return TeamIncidents.of(logs.survey(access.remote(), access.allowedSigners()));
    }

    private record Redacted(byte[] info, byte[] events) {}

    private Redacted redact(String id, Redactor redactor) throws IOException {
        Path timeline = store.timelineFile(id);
        if (!Files.isRegularFile(timeline.resolveSibling(IncidentStore.INFO_FILE))) {
            throw new TeamException("No incident " + id + " in " + store.incidentsDirectory());
        }
        byte[] events = Files.isRegularFile(timeline) ? completeLines(Files.readAllBytes(timeline)) : new byte[0];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        redactor.copyJsonLines(OpenIncidentFiles.TIMELINE, new ByteArrayInputStream(events), out, true);
        String info = Files.readString(timeline.resolveSibling(IncidentStore.INFO_FILE));
        byte[] redactedInfo = redactor.redactText(IncidentStore.INFO_FILE, info).getBytes(StandardCharsets.UTF_8);
        return new Redacted(redactedInfo, out.toByteArray());
    }

    /** The log up to its last line end: a line being written right now waits for the next sync. */
    private static byte[] completeLines(byte[] bytes) {
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        return java.util.Arrays.copyOf(bytes, end);
    }

    private static IncidentInfo info(String id, byte[] json) throws TeamException {
        try {
            JsonNode node = JSON.readTree(json);
            return new IncidentInfo(id, node.path("title").asText(id), node.path("severity").asText(""),
                    node.path("alert").asText(""), Instant.parse(node.path("startedAt").asText()),
                    node.path("responder").asText(""));
        } catch (IOException | RuntimeException e) {
            throw new TeamException("The shared incident.json of " + id + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** File names inside an incident folder, as bundles and the remote call them. */
    private static final class OpenIncidentFiles {
        static final String TIMELINE = "timeline.jsonl";
    }
}
