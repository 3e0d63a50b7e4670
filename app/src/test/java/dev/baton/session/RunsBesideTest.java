package dev.baton.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.history.PastIncidentWriter;
import dev.baton.incident.OpenIncident;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A past run of a step beside today's run of it in the incident being worked on, with timelines written by Baton. */
class RunsBesideTest {
    @TempDir
    Path data;

    @Test
    void todaysRunOfTheSameStepOnTheSameNodeIsComparedOrThePastOneShownAlone() throws Exception {
        PastIncidentWriter w = new PastIncidentWriter(data);
        String past;
        long pastSeq;
        try (OpenIncident incident = w.start("Lag", "alice", "ReplicaLag", Map.of(), Instant.now().minus(3, ChronoUnit.DAYS))) {
            past = incident.info().id();
            w.run(incident, "db/lag", 3, "psql -c 'select lag'", "db2", 0, 100, "lag 40 s\nslot ok\n");
            pastSeq = incident.timeline().events().get(incident.timeline().events().size() - 1).seq();
        }
        IncidentHistory history = new IncidentHistory(w.store());
        Files.deleteIfExists(data.resolve("current-incident"));
        IncidentHistory.Beside alone = history.beside(past, pastSeq, "db/lag", 3);
        assertThat(alone.today()).isNull();
        assertThat(alone.past().text()).contains("lag 40 s");
        assertThat(alone.note()).contains("No run of this step");

        String today;
        try (OpenIncident incident = w.start("Lag again", "bob", "", Map.of(), Instant.now())) {
            today = incident.info().id();
            w.run(incident, "db/lag", 3, "psql -c 'select lag'", "db1", 0, 100, "lag 2 s\nslot ok\n");
            w.run(incident, "db/lag", 3, "psql -c 'select lag'", "db2", 0, 100, "lag 90 s\nslot ok\n");
            w.run(incident, "db/lag", 4, "psql -c 'select slots'", "db2", 0, 100, "other step\n");
        }
        Files.writeString(data.resolve("current-incident"), today);
        IncidentHistory.Beside both = history.beside(past, pastSeq, "db/lag", 3);
        assertThat(both.today().incident()).isEqualTo(today);
        assertThat(both.today().text()).contains("lag 90 s");
        assertThat(both.diff()).contains("-lag 40 s", "+lag 90 s", " slot ok").doesNotContain("lag 2 s");
        assertThat(both.note()).isEmpty();
        history.close();
    }
}
