package dev.baton.session;

import dev.baton.incident.IncidentStore;
import dev.baton.incident.OpenIncident;
import java.nio.file.Path;
import java.util.Map;

/**
 * The Baton {@link TeamKillNineTest} kills: it notes and syncs without pause, saying on stdout what it noted
 * and each sync that finished. Arguments: data folder, incident id, responder, remote, key, allowed_signers.
 */
public final class TeamSyncChild {
    private TeamSyncChild() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        String id = args[1];
        String responder = args[2];
        IncidentStore store = new IncidentStore(data);
        TeamSync sync = new TeamSync(store, data, Map.of());
        TeamSync.Access access = new TeamSync.Access(args[3], Path.of(args[4]), Path.of(args[5]));
        try (OpenIncident incident = store.open(id, false)) {
            incident.creditTo(responder);
            for (int i = 0; ; i++) {
                incident.note(responder + " pid " + ProcessHandle.current().pid() + " note " + i);
                System.out.println("noted " + i);
                sync.sync(id, responder, access);
                System.out.println("synced " + i);
            }
        }
    }
}
