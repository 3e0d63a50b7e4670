package dev.baton.ui.incident;

import dev.baton.session.IncidentSession;
import dev.baton.session.TeamIncidents;
import dev.baton.ui.Background;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Open…: this machine's incidents at once, the team remote's as it answers, and the one chosen opened here or
 * joined through the remote. Listing reads files and the network, off the FX thread.
 */
final class IncidentOpening {
    private final IncidentSession session;
    private final Background background;
    /** Where "no incidents yet" is said: the pane's title. */
    private final Consumer<String> say;
    /** Set once the team actions exist; read on the FX thread. */
    private TeamIncidentSource teamIncidents;

    IncidentOpening(IncidentSession session, Background background, Consumer<String> say) {
        this.session = session;
        this.background = background;
        this.say = say;
    }

    /** Open… lists the team remote's incidents too, and joins through {@code source} the one chosen there. */
    void listTeamIncidents(TeamIncidentSource source) {
        this.teamIncidents = source;
    }

    /** This machine's incidents and the team remote config.yaml names, if any. */
    private record Openable(List<TeamIncidents.Row> local, Optional<String> remote) {}

    void ask() {
        TeamIncidentSource team = teamIncidents;
        background.run("Could not list incidents", () -> new Openable(TeamIncidents.local(session.store()),
                team == null ? Optional.empty() : team.remote()), openable -> choose(openable, team));
    }

    private void choose(Openable openable, TeamIncidentSource team) {
        if (openable.local().isEmpty() && openable.remote().isEmpty()) {
            say.accept("No incidents yet in " + session.store().incidentsDirectory());
            return;
        }
        OpenIncidentDialog dialog = new OpenIncidentDialog(openable.local());
        String url = openable.remote().orElse(null);
        if (url == null) {
            dialog.noRemote();
        } else {
            dialog.looking(url);
            // The remote answers when it does: the local list is there meanwhile, and stays if it cannot.
            background.run("Could not list the team remote's incidents", () -> {
                try {
                    return team.list(url);
                } catch (IOException unreachable) {
                    return unreachable;
                }
            }, listed -> {
                if (listed instanceof TeamIncidents.Remote remote) {
                    dialog.showRemote(url, remote);
                } else {
                    dialog.showUnreachable(((IOException) listed).getMessage());
                }
            });
        }
        dialog.showAndWait().ifPresent(row -> {
            if (row.local()) {
                session.open(row.id());
            } else {
                team.joinAndOpen(row.id(), url);
            }
        });
    }
}
