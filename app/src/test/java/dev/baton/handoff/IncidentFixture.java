package dev.baton.handoff;

import dev.baton.handoff.HandoffState.Target;
import dev.baton.incident.IncidentEvent;
import dev.baton.incident.IncidentStore;
import dev.baton.incident.OpenIncident;
import dev.baton.incident.TimelineEvent;
import dev.baton.inventory.Node;
import dev.baton.ssh.OutputSpool;
import dev.baton.ssh.RunOutcome;
import dev.baton.ssh.RunResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Builds incidents for bundle tests the way the console records them. */
final class IncidentFixture {
    static final String RUNBOOK_ID = "postgres/replication-lag.md";

    private IncidentFixture() {}

    static RunResult run(Path spool, String node, String command, String stdout, int exit) throws IOException {
        OutputSpool out = new OutputSpool(spool, "stdout", 1 << 20);
        byte[] bytes = stdout.getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
        OutputSpool err = new OutputSpool(spool, "stderr", 1 << 20);
        return new RunResult(node, command, Instant.now(), Duration.ofMillis(840), RunOutcome.COMPLETED, exit, null,
                out, err, "");
    }

    static RunResult failedRun(Path spool, String node, String command, String stdout, String stderr, int exit)
            throws IOException {
        OutputSpool out = new OutputSpool(spool, "stdout", 1 << 20);
        byte[] bytes = stdout.getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
        OutputSpool err = new OutputSpool(spool, "stderr", 1 << 20);
        byte[] errors = stderr.getBytes(StandardCharsets.UTF_8);
        err.write(errors, 0, errors.length);
        return new RunResult(node, command, Instant.now(), Duration.ofMillis(1200), RunOutcome.COMPLETED, exit, null,
                out, err, "");
    }

    /**
     * An incident where a step was typed into a terminal and run, another typed and abandoned, and one run
     * on four nodes two at a time, two of which failed with an error on stderr.
     */
    static OpenIncident triedIncident(IncidentStore store, Path scratch) throws IOException {
        return triedIncident(store, scratch, "Web tier 502s");
    }

    static OpenIncident triedIncident(IncidentStore store, Path scratch, String title) throws IOException {
        OpenIncident incident = store.start(title, "P1", "HighErrorRate", "ana", Instant.now());
        incident.stepSent(RUNBOOK_ID, 1, "curl -sI http://localhost/healthz\n", "Local 1", Map.of(), true);
        TimelineEvent typed = incident.stepSent(RUNBOOK_ID, 2, "systemctl restart nginx", "Local 1", Map.of(), false);
        incident.stepOutcome(new IncidentEvent.StepAbandoned(RUNBOOK_ID, 2, "Local 1", "systemctl restart nginx",
                "Ctrl+C", typed.seq()), Map.of());
        List<String> nodes = List.of("web1", "web2", "web3", "web4");
        String command = "nginx -t";
        incident.stepRun(RUNBOOK_ID, 3, command, nodes, Map.of(), 2);
        int n = 0;
        for (String node : nodes) {
            boolean bad = node.equals("web3") || node.equals("web4");
            incident.runResult(bad
                    ? failedRun(scratch.resolve("spool-" + n++), node, command, "",
                            "nginx: [emerg] open() \"/etc/nginx/conf.d/" + node + ".conf\" failed\n", 1)
                    : run(scratch.resolve("spool-" + n++), node, command, "syntax is ok\n", 0), Map.of());
        }
        return incident;
    }

    static Path runbook(Path dir) throws IOException {
        Path file = dir.resolve("runbooks/postgres/replication-lag.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "# PostgreSQL replication lag\n\n- [ ] Page the DBA\n- [ ] Check lag\n\n"
                + "```bash\npsql -h {{host}} -c 'select now() - pg_last_xact_replay_timestamp()'\n```\n");
        return file;
    }

    static BundleWriter.Request request(String note, Path runbook, OpenIncident incident, Set<String> keep) {
        Node db1 = Node.direct("db1", "10.0.4.11", 2222, "postgres");
        HandoffState state = new HandoffState(List.of(Target.of(db1)), List.copyOf(incident.tickedItems()),
                incident.variables(), List.of(new HandoffState.Terminal("Local 1", "local", ""),
                        new HandoffState.Terminal("db1", "ssh", "db1")));
        return new BundleWriter.Request(note, "ana", Instant.parse("2026-11-25T03:00:00Z"), "test",
                state, id -> id.equals(RUNBOOK_ID) ? Optional.of(runbook) : Optional.empty(), keep, null);
    }

    /** An incident with a local step, an SSH run and its capture, a selection capture, ticks, variables and notes. */
    static OpenIncident busyIncident(IncidentStore store, Path scratch) throws IOException {
        OpenIncident incident = store.start("Replica lagging", "P2", "PostgresReplicationLag", "ana", Instant.now());
        Map<String, String> values = Map.of("host", "db1.internal", "db_password", "not-in-any-file");
        incident.stepSent(RUNBOOK_ID, 1, "psql -h db1.internal -c 'select 1'\n", "Local 1", values);
        incident.stepRun(RUNBOOK_ID, 1, "psql -h db1.internal -c 'select 1'", List.of("db1"), values, null);
        RunResult result = run(scratch.resolve("spool"), "db1", "psql -h db1.internal -c 'select 1'",
                " ?column? \n----------\n        1\n".repeat(40), 0);
        var event = incident.runResult(result, values);
        String block = incident.capture("exec", "db1", event.text("command"), result.summary(), result.startedAt(),
                result.stdout().text(), event.text("stdout"));
        String selection = incident.capture("selection", "Local 1", "", "", Instant.now(),
                "replication lag 00:04:12\n".repeat(100));
        incident.checklist(RUNBOOK_ID, 1, "Page the DBA", true);
        incident.checklist(RUNBOOK_ID, 2, "Check lag", true);
        incident.checklist(RUNBOOK_ID, 2, "Check lag", false);
        incident.connection("db1", true, "");
        incident.saveNotes("# Replica lagging\n\nLag grows since 02:40.\n\n" + block + "\n" + selection, true);
        return incident;
    }
}
