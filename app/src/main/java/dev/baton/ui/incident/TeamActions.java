package dev.baton.ui.incident;

import dev.baton.handoff.Redactor;
import dev.baton.session.IncidentSession;
import dev.baton.session.IncidentSnapshot;
import dev.baton.session.LiveSync;
import dev.baton.session.TeamSync;
import dev.baton.ui.Background;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
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
        session.addListener(new IncidentSession.Listener() {
            @Override
            public void recorded(dev.baton.incident.TimelineEvent event) {
                LiveSync syncing = live;
                if (syncing != null) {
                    syncing.nudge();
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
                Platform.runLater(() -> pane.addTeamEvents(events));
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
        pane.setTeamStatus("", "");
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
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner.get());
        dialog.setTitle("Share this incident");
        dialog.setHeaderText("Share \"" + pane.currentProperty().get().info().title() + "\" through the team's git "
                + "remote: your events go out signed, and your teammates' come in as they record them");
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
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label("Remote"), remote);
        grid.addRow(1, new Label("Signing key"), key);
        grid.addRow(2, new Label("Redacted before it leaves"), redacted);
        remote.setPrefColumnCount(40);
        dialog.getDialogPane().setContent(grid);
        ButtonType share = new ButtonType("Share", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(share, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(share).setId("team-share-ok");
        if (dialog.showAndWait().filter(share::equals).isEmpty()) {
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
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner.get());
        dialog.setTitle("Join a shared incident");
        dialog.setHeaderText("Join an incident a teammate shared: its events are checked against allowed_signers");
        TextField id = new TextField();
        id.setId("team-join-id");
        id.setPromptText("20261207-091200-checkout-latency");
        TextField remote = new TextField();
        remote.setId("team-join-remote");
        remote.setPromptText("empty: team.remote in config.yaml");
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label("Incident"), id);
        grid.addRow(1, new Label("Remote"), remote);
        id.setPrefColumnCount(40);
        dialog.getDialogPane().setContent(grid);
        ButtonType join = new ButtonType("Join", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(join, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(join).setId("team-join-ok");
        if (dialog.showAndWait().filter(join::equals).isEmpty() || id.getText().isBlank()) {
            return;
        }
        String incident = id.getText().strip();
        String url = remote.getText().strip();
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
