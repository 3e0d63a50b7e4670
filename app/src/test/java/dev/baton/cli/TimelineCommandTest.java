package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.incident.EventType;
import dev.baton.incident.Timeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimelineCommandTest {
    @TempDir
    Path incident;

    @Test
    void verifyPassesAnIntactChainAndNamesTheLineAfterAnEdit() throws Exception {
        Path file = incident.resolve("timeline.jsonl");
        try (Timeline timeline = Timeline.open(file)) {
            timeline.append(EventType.INCIDENT_STARTED, Map.of("title", "Disk full"));
            timeline.append(EventType.RUN_RESULT, Map.of("target", "db1", "exit", 1));
            timeline.append(EventType.NOTE_SAVED, Map.of("chars", 3));
        }
        CliRun intact = CliRun.of("timeline", "verify", incident.toString());
        assertThat(intact.exitCode()).isZero();
        assertThat(intact.out()).contains("3 events, chain intact", "last line sha256 ");

        Files.writeString(file, Files.readString(file).replace("\"exit\":1", "\"exit\":0"));
        CliRun broken = CliRun.of("timeline", "verify", file.toString());
        assertThat(broken.exitCode()).isEqualTo(1);
        assertThat(broken.err()).contains("line 3: prev does not match the hash of line 2");
        assertThat(broken.out()).contains("chain BROKEN");

        assertThat(CliRun.of("timeline", "verify", incident.resolve("missing").toString()).exitCode()).isEqualTo(2);
    }
}
