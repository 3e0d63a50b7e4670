package dev.baton.cli;

import dev.baton.incident.IncidentStore;
import dev.baton.session.TeamIncidents;
import dev.baton.session.TeamSync;
import dev.baton.team.TeamException;
import dev.baton.team.TeamSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code baton incident list}: the incidents here and in the team's remote, as the window's Open… lists them. */
@Command(name = "list", description = {
    "List the incidents in your data folder and, when a team remote is given or set in config.yaml, every",
    "incident in it: id, severity, state, responders, last activity (UTC), where, title. A remote log is",
    "listed only when its latest commit is signed by its responder's key in allowed_signers; the others",
    "are named on stderr. Exit 0 when listed, 1 when the remote could not be reached (the local ones are",
    "still listed)."})
final class IncidentListCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    @Option(names = "--remote", paramLabel = "URL", description = {
        "The team's incident remote: any git URL, or a bare repository's path (default: team.remote in",
        "config.yaml; with neither, only this data folder's incidents are listed)."})
    String remote;

    @Option(names = "--allowed-signers", paramLabel = "FILE", description = {
        "OpenSSH allowed_signers: who may sign as whom (default: allowed_signers in Baton's config folder)."})
    Path allowedSigners;

    @Option(names = "--json", description = "One JSON array of incidents, for scripts.")
    boolean json;

    @Spec
    CommandSpec spec;

    /** One incident as printed in JSON: times in ISO 8601, UTC. */
    record Listed(String id, String title, String severity, String started, String state, List<String> responders,
            String lastActivity, String where) {
        static Listed of(TeamIncidents.Row row) {
            return new Listed(row.id(), row.title(), row.severity(),
                    row.started() == null ? null : row.started().toString(), row.state(), row.responders(),
                    row.lastActivity().toString(), row.where());
        }
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path data = IncidentStore.defaultDataDirectory();
        IncidentStore store = new IncidentStore(data);
        List<TeamIncidents.Row> rows = TeamIncidents.local(store);
        TeamSettings settings = TeamSettings.load(System.getenv());
        Optional<String> url = Optional.ofNullable(remote).filter(r -> !r.isBlank()).or(settings::remote);
        int exit = 0;
        if (url.isPresent()) {
            Path signers = allowedSigners != null ? allowedSigners : settings.allowedSigners();
            try {
                TeamIncidents.Remote listed = new TeamSync(store, data, System.getenv())
                        .remoteIncidents(new TeamSync.Access(url.get(), null, signers));
                rows = TeamIncidents.merge(rows, listed.incidents());
                listed.skipped().forEach(why -> err.println("baton incident list: skipped " + Printable.of(why)));
            } catch (TeamException unreachable) {
                err.println("baton incident list: team remote unreachable: " + Printable.of(unreachable.getMessage()));
                exit = 1;
            }
        }
        if (json) {
            out.println(Printable.json(rows.stream().map(Listed::of).toList()));
        } else if (rows.isEmpty()) {
            out.println("No incidents" + (url.isPresent() && exit == 0 ? " here or in " + Printable.of(url.get()) : " here")
                    + ".");
        } else {
            for (TeamIncidents.Row row : rows) {
                out.println(Printable.of(row.id()) + "  " + Printable.of(row.severity().isBlank() ? "-" : row.severity())
                        + "  " + Printable.of(row.state()) + "  " + Printable.of(row.responders().isEmpty() ? "-"
                        : String.join(",", row.responders())) + "  " + time(row.lastActivity()) + "  "
                        + row.where() + "  " + Printable.of(row.title()));
            }
        }
        return exit;
    }

    private static String time(Instant instant) {
        return TIME.format(instant);
    }
}
