package dev.baton.ui.incident;

import dev.baton.session.TeamIncidents;
import java.io.IOException;
import java.util.Optional;

/** What Open… asks of the team side ({@link TeamActions}): where the team's remote is, its incidents, joining one. */
interface TeamIncidentSource {
    /** The team remote config.yaml names, if any. Reads a file: off the FX thread. */
    Optional<String> remote() throws IOException;

    /** The remote's incidents. Network I/O: off the FX thread; fails when the remote cannot be reached. */
    TeamIncidents.Remote list(String remote) throws IOException;

    /** Joins the incident through {@code remote} and opens it, as Join… does. Called on the FX thread. */
    void joinAndOpen(String id, String remote);
}
