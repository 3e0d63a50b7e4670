package dev.baton.history;

import dev.baton.incident.IncidentEvent;
import dev.baton.incident.IncidentStore;
import dev.baton.incident.OpenIncident;
import dev.baton.ssh.OutputSpool;
import dev.baton.ssh.RunOutcome;
import dev.baton.ssh.RunResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Writes incidents as Baton records them (through the incident code, never by hand), for the history's tests. */
public final class PastIncidentWriter {
    private final IncidentStore store;
    private final Path spool;

    public PastIncidentWriter(Path data) {
        this.store = new IncidentStore(data);
        this.spool = data.resolve("spool");
    }

    public IncidentStore store() {
        return store;
    }

    /** Starts an incident credited to {@code responder}, opened from {@code alert} with {@code labels} when not empty. */
    public OpenIncident start(String title, String responder, String alert, Map<String, String> labels, Instant at)
            throws IOException {
        OpenIncident incident = store.start(title, "critical", alert, responder, at);
        incident.creditTo(responder);
        if (!alert.isEmpty()) {
            incident.alertOpened(new IncidentEvent.AlertOpened(alert, "fp-" + title.hashCode(), "http://127.0.0.1:9093",
                    "firing", at, labels, Map.of("summary", "it fired"), ""));
        }
        return incident;
    }

    /** A step run on {@code node} over exec, with its result and output. */
    static void run(OpenIncident incident, String runbook, int step, String command, String node, int exit,
            long ms, String output, Path spool) throws IOException {
        incident.stepRun(runbook, step, command, List.of(node), Map.of(), null);
        OutputSpool out = new OutputSpool(spool, "stdout", 1024 * 1024);
        byte[] bytes = output.getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
        incident.runResult(new RunResult(node, command, Instant.now(), Duration.ofMillis(ms), RunOutcome.COMPLETED,
                exit, null, out, OutputSpool.empty(), ""), Map.of());
    }

    /** A step that could not start on {@code node}: it was unreachable. */
    static void unreachable(OpenIncident incident, String runbook, int step, String command, String node)
            throws IOException {
        incident.stepRun(runbook, step, command, List.of(node), Map.of(), null);
        incident.runResult(RunResult.notStarted(node, command, "refused: connection refused"), Map.of());
    }

    public void run(OpenIncident incident, String runbook, int step, String command, String node, int exit, long ms,
            String output) throws IOException {
        run(incident, runbook, step, command, node, exit, ms, output, spool);
    }
}
