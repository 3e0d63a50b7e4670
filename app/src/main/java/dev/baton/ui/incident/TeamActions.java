package dev.baton.ui.incident;

import dev.baton.handoff.Redactor;
import dev.baton.session.GitHandoffs;
import dev.baton.session.IncidentSession;
import dev.baton.session.IncidentSnapshot;
import dev.baton.session.LiveSync;
import dev.baton.session.TeamIncidents;
import dev.baton.session.TeamSync;
import dev.baton.team.TeamSettings;
import dev.baton.ui.Background;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Window;

/**
 * Share this incident and Join…: the dialogs, and the live syncer of the open incident while it is shared. The
 * git work is {@link TeamSync}'s and {@link LiveSync}'s, always off the FX thread.
 */
public final class TeamActions {
    private final IncidentSession session;
    private final Background background;
    private final Consumer<String> status;
    private final IncidentPane pane;
    private final Supplier<Window> owner;
    private TeamSync team;
    /** Written on the FX thread, read by the incident thread to nudge it. */
    private volatile LiveSync live;
    private HandoffBanner banner;
    private Supplier<dev.baton.inventory.Inventory> inventory = dev.baton.inventory.Inventory::empty;
    private Consumer<String> openRunbook = id -> { };
    private Consumer<dev.baton.session.Handoffs.HandedOffNodes> addNodes = handed -> { };
    /** The open incident's git handoff as last read from the merged timeline; read and written on the FX thread. */
    private Optional<GitHandoffs.Standing> standing = Optional.empty();
    /** Brought up to date when teammates' events come in; null until the window sets it. */
    private volatile dev.baton.session.IncidentHistory history;

    public TeamActions(IncidentSession session, Background background, Consumer<String> status, IncidentPane pane,
            Supplier<Window> owner) {
        this.session = session;
        this.background = background;
        this.status = status;
        this.pane = pane;
        this.owner = owner;
        pane.currentProperty().addListener((obs, old, now) -> follow(now));
        pane.listTeamIncidents(new TeamIncidentSource() {
            @Override
            public Optional<String> remote() throws java.io.IOException {
                return TeamSettings.load(System.getenv()).remote();
            }

            @Override
            public TeamIncidents.Remote list(String remote) throws java.io.IOException {
                // Listing signs nothing: no key is needed, only the team's allowed signers.
                return team().remoteIncidents(new TeamSync.Access(remote, null,
                        TeamSettings.load(System.getenv()).allowedSigners()));
            }

            @Override
            public void joinAndOpen(String id, String remote) {
                TeamActions.this.joinAndOpen(id, remote);
            }
        });
        session.addListener(new IncidentSession.Listener() {
            @Override
            public void recorded(dev.baton.incident.TimelineEvent event) {
                LiveSync syncing = live;
                if (syncing != null) {
                    syncing.nudge();
                    if (event.type().startsWith("handoff.")) {
                        Platform.runLater(() -> readStanding(syncing.incident()));
                    }
                }
            }
        });
    }

    /** Teammates' events that come in are indexed into {@code history}, so a search finds them. */
    public void indexInto(dev.baton.session.IncidentHistory history) {
        this.history = history;
    }

    /** Baton's git repository, opened (created on first use) off the FX thread. */
    private synchronized TeamSync team() throws java.io.IOException {
        if (team == null) {
            team = new TeamSync(session.store(), System.getenv());
        }
        return team;
    }

    /** A newly opened incident is kept in step when it was shared before; any other one's syncer stops. */
    private void follow(IncidentSnapshot now) {
        stopLive();
        if (now == null) {
            return;
        }
        String id = now.info().id();
        background.run("Could not read how " + id + " is shared", () -> team().remote(id).isPresent()
                ? Optional.of(team().access(id, null, null)) : Optional.<TeamSync.Access>empty(),
                access -> access.ifPresent(a -> startLive(id, a)));
    }

    private void startLive(String id, TeamSync.Access access) {
        IncidentSnapshot shown = pane.currentProperty().get();
        if (shown == null || !shown.info().id().equals(id)) {
            return;
        }
        stopLive();
        pane.setTeamStatus("Shared: syncing…", "Sharing through " + access.remote());
        live = new LiveSync(team, id, session.responder(), access, new LiveSync.Listener() {
            @Override
            public void arrived(List<dev.baton.incident.TimelineEvent> events) {
                Platform.runLater(() -> {
                    pane.addTeamEvents(events);
                    if (events.stream().anyMatch(event -> event.type().startsWith("handoff."))) {
                        readStanding(id);
                    }
                });
            }

            @Override
            public void status(LiveSync.Status now) {
                Platform.runLater(() -> pane.setTeamStatus(now.words(), now.detail()));
            }
        });
        live.indexInto(history);
        live.start();
    }

    private void stopLive() {
        if (live != null) {
            live.close();
            live = null;
        }
        standing = Optional.empty();
        pane.setTeamStatus("", "");
    }

    /**
     * Where the handoff banner goes, how the sender's inventory says which nodes are production, and how the
     * receiver's window reopens the runbooks handed over (as after opening a bundle).
     */
    public void attach(HandoffBanner banner, Supplier<dev.baton.inventory.Inventory> inventory,
            Consumer<String> openRunbook, Consumer<dev.baton.session.Handoffs.HandedOffNodes> addNodes) {
        this.banner = banner;
        this.addNodes = addNodes;
        this.inventory = inventory;
        this.openRunbook = openRunbook;
    }

    /** Reads the git handoff's standing from the merged timeline (off the FX thread) and shows it. */
    private void readStanding(String id) {
        String me = session.responder();
        background.run("Could not read the incident's handoff", () -> GitHandoffs.standing(team().timeline(id, me)),
                now -> {
            IncidentSnapshot shown = pane.currentProperty().get();
            if (shown == null || !shown.info().id().equals(id) || live == null) {
                return;
            }
            boolean justTaken = standing.map(s -> !s.takenOver()).orElse(true)
                    && now.map(s -> me.equals(s.takenBy())).orElse(false);
            standing = now;
            showStanding(me, justTaken);
        });
    }

    private void showStanding(String me, boolean justTaken) {
        if (banner == null || standing.isEmpty()) {
            return;
        }
        GitHandoffs.Standing s = standing.get();
        if (s.takenBack()) {
            if (!s.from().equals(me)) {
                banner.show(Optional.empty()); // the sender took it back: nothing left to take over
            }
            return;
        }
        if (s.from().equals(me) && !s.takenOver()) {
            return; // the sender's own notice (read-only, Take back) says it already
        }
        s.words(me, java.time.ZoneId.systemDefault()).ifPresent(words -> banner.showTeam(words, s.awaits(me)));
        if (justTaken) {
            s.handoff().runbooks().forEach(openRunbook);
            addNodes.accept(s.nodes()); // in the Nodes pane, production kept, as after opening a bundle
            s.nodes().refused().forEach(status);
        }
    }

    /** Incident ▸ Hand off through the team's remote…: whom to, and the note; the copy turns read-only at once. */
    public void handOff() {
        IncidentSnapshot now = pane.currentProperty().get();
        LiveSync syncing = live;
        if (now == null || syncing == null || !syncing.incident().equals(now.info().id())) {
            status.accept("Only a shared incident is handed off through the team's remote: share it first, or hand "
                    + "it off as a bundle (Incident ▸ Hand off…)");
            return;
        }
        TeamForm form = new TeamForm(owner.get(), "Hand off through the team's remote", "Hand \"" + now.info().title()
                + "\" to a teammate: your note, the runbooks, every node and the steps typed but not run go out in your "
                + "log, and this window turns read-only", "Hand off", "team-handoff-ok");
        TextField to = new TextField();
        to.setId("team-handoff-to");
        to.setPromptText("their responder name, as in allowed_signers");
        TextArea note = new TextArea();
        note.setId("team-handoff-note");
        note.setPromptText("What they need to know first");
        note.setPrefRowCount(4);
        note.setWrapText(true);
        to.setPrefColumnCount(30);
        if (!form.row("To", to).row("Note", note).confirmed() || to.getText().isBlank()) {
            status.accept("Not handed off");
            return;
        }
        handOffTo(to.getText().strip(), note.getText());
    }

    private void handOffTo(String to, String note) {
        dev.baton.inventory.Inventory nodes = inventory.get();
        background.onFx(GitHandoffs.handOff(session, nodes::find, to, note, live.remote()), "Not handed off",
                sent -> status.accept("Handed off to " + sent.to() + " through the team's remote: read-only here "
                        + "until they take over"));
    }

    /** The receiver's Take over: the acceptance goes into their log and out with the next sync. */
    public void takeOver() {
        if (standing.isEmpty() || !standing.get().awaits(session.responder())) {
            status.accept("Nothing to take over: no teammate handed this incident off through the team's remote");
            return;
        }
        background.onFx(GitHandoffs.takeOver(session, standing), "Not taken over",
                accepted -> status.accept("Taken over from " + accepted.from()));
    }

    /**
     * Take back, unless the handoff was through the team's remote and the receiver already took over: then the
     * incident is theirs, and saying so beats a take-back that forks it.
     */
    public void takeBack(Runnable bundleTakeBack) {
        Optional<String> refused = GitHandoffs.takeBackRefusal(standing, session.responder());
        if (refused.isPresent()) {
            status.accept(refused.get());
            return;
        }
        bundleTakeBack.run();
    }

    private record Prepared(String id, String remote, Path key, List<Redactor.Finding> redacted) {}

    /** Incident ▸ Share this incident…: the remote and key to use, and what redaction removes, before the first push. */
    public void share() {
        IncidentSnapshot now = pane.currentProperty().get();
        if (now == null) {
            status.accept("No incident to share: start or open one first");
            return;
        }
        String id = now.info().id();
        status.accept("Looking for secrets before sharing…");
        background.run("Could not prepare the share", () -> {
            TeamSync sync = team();
            String remote = sync.remote(id).orElse(null);
            Path key = null;
            try {
                TeamSync.Access access = sync.access(id, null, null);
                remote = access.remote();
                key = access.key();
            } catch (dev.baton.team.TeamException notConfigured) {
                // The dialog asks for what config.yaml does not say.
            }
            return new Prepared(id, remote, key, sync.redactions(id));
        }, this::askShare);
    }

    private void askShare(Prepared prepared) {
        TeamForm form = new TeamForm(owner.get(), "Share this incident", "Share \""
                + pane.currentProperty().get().info().title() + "\" through the team's git remote: your events go out "
                + "signed, and your teammates' come in as they record them", "Share", "team-share-ok");
        TextField remote = new TextField(prepared.remote() == null ? "" : prepared.remote());
        remote.setId("team-remote");
        remote.setPromptText("git@git.example.com:ops/incidents.git or a bare repository's path");
        TextField key = new TextField(prepared.key() == null ? "" : prepared.key().toString());
        key.setId("team-key");
        key.setPromptText("~/.ssh/id_ed25519");
        TextArea redacted = new TextArea(prepared.redacted().isEmpty() ? "Nothing to redact."
                : String.join("\n", prepared.redacted().stream().map(f -> f.kind() + " at " + f.place()).toList()));
        redacted.setId("team-redactions");
        redacted.setEditable(false);
        redacted.setPrefRowCount(5);
        remote.setPrefColumnCount(40);
        form.row("Remote", remote).row("Signing key", key).row("Redacted before it leaves", redacted);
        if (!prepared.redacted().isEmpty()) {
            // With secrets found, Share takes a click made after the list was in view.
            form.cancelByDefault(prepared.redacted().size() + " secret(s) found: each is replaced by [REDACTED] "
                    + "before anything leaves this machine. Read the list, then Share.");
        }
        if (!form.confirmed()) {
            status.accept("Not shared");
            return;
        }
        String url = remote.getText().strip();
        Path signing = key.getText().isBlank() ? null : Path.of(key.getText().strip());
        status.accept("Sharing " + prepared.id() + "…");
        background.run("Could not share the incident", () -> {
            TeamSync.Access access = team().access(prepared.id(), url, signing);
            team().share(prepared.id(), session.responder(), access);
            return access;
        }, access -> {
            status.accept("Shared through " + access.remote());
            startLive(prepared.id(), access);
        });
    }

    /** Incident ▸ Join shared incident…: fetches it, checks it, and opens it here. */
    public void join() {
        TeamForm form = new TeamForm(owner.get(), "Join a shared incident",
                "Join an incident a teammate shared: its events are checked against allowed_signers", "Join",
                "team-join-ok");
        TextField id = new TextField();
        id.setId("team-join-id");
        id.setPromptText("20261207-091200-checkout-latency");
        TextField remote = new TextField();
        remote.setId("team-join-remote");
        remote.setPromptText("empty: team.remote in config.yaml");
        id.setPrefColumnCount(40);
        if (!form.row("Incident", id).row("Remote", remote).confirmed() || id.getText().isBlank()) {
            return;
        }
        joinAndOpen(id.getText().strip(), remote.getText().strip());
    }

    /** Joins the incident through {@code url} (blank: config.yaml's remote) and opens it: Join… and Open… alike. */
    void joinAndOpen(String incident, String url) {
        status.accept("Joining " + incident + "…");
        background.run("Could not join the incident", () -> {
            TeamSync.Access access = team().access(null, url, null);
            return team().join(incident, session.responder(), access);
        }, outcome -> {
            outcome.refused().forEach(refusal -> status.accept("Refused " + refusal.responder() + "'s log: "
                    + refusal.reason()));
            background.onFx(session.open(incident), "Could not open the joined incident",
                    opened -> status.accept("Joined " + incident));
        });
    }

    /** The window closes: the syncer stops. */
    public void stop() {
        stopLive();
    }
}
