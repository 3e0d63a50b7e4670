package dev.baton.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process that types notes and records events with SIGKILL at random moments, 100 times, each
 * run continuing the incident the last one left: no file corrupt, no event lost that was reported as
 * recorded, no more than the last second of typing lost.
 */
class KillNineTest {
    private static final int KILLS = 100;

    @TempDir
    Path data;

    private record Line(long nanos, String text) {
    }

    @Test
    void killedAHundredTimesWhileTypingAndRecordingNothingShownIsLost() throws Exception {
        Random random = new Random(Long.getLong("baton.crash.seed", System.nanoTime()));
        IncidentStore store = new IncidentStore(data);
        for (int kill = 1; kill <= KILLS; kill++) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx64m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                    "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(), data.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            List<Line> lines = new CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        lines.add(new Line(System.nanoTime(), line));
                    }
                } catch (java.io.IOException e) {
                    // the pipe closes when the child dies
                }
            });
            reader.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (lines.isEmpty() && System.nanoTime() < deadline && child.isAlive()) {
                Thread.sleep(5);
            }
            assertThat(lines).as("kill %d: the child started", kill).isNotEmpty();
            assertThat(lines.get(0).text()).startsWith("ready");
            Thread.sleep(50 + random.nextInt(kill % 10 == 0 ? 1600 : 400));
            long killedAt = System.nanoTime();
            child.destroyForcibly(); // SIGKILL
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            reader.join(5000);

            String id = store.currentId().orElseThrow();
            Path folder = store.incidentsDirectory().resolve(id);
            Timeline.Verification check = Timeline.verify(folder.resolve(OpenIncident.TIMELINE));
            assertThat(check.problems()).as("kill %d: timeline", kill).isEmpty();
            try (Timeline timeline = Timeline.open(folder.resolve(OpenIncident.TIMELINE))) {
                List<String> texts = timeline.events().stream().map(e -> e.text("text")).toList();
                for (Line line : lines) {
                    if (line.text().startsWith("recorded ")) {
                        String[] parts = line.text().split(" ", 3);
                        assertThat(timeline.events().size()).as("kill %d: %s", kill, line.text())
                                .isGreaterThanOrEqualTo(Integer.parseInt(parts[1]));
                        assertThat(texts).as("kill %d", kill).contains(parts[2]);
                    }
                }
            }
            String notes = Files.exists(folder.resolve(OpenIncident.NOTES))
                    ? Files.readString(folder.resolve(OpenIncident.NOTES)) : "";
            for (int i = 0; i < notes.length(); i++) {
                assertThat(notes.charAt(i)).as("kill %d: notes character %d", kill, i).isEqualTo(CrashChild.typed(i));
            }
            long oneSecondBefore = killedAt - TimeUnit.SECONDS.toNanos(1);
            int typedASecondBefore = lines.stream().filter(l -> l.nanos() <= oneSecondBefore && l.text().startsWith("typed "))
                    .mapToInt(l -> Integer.parseInt(l.text().substring(6))).max().orElse(0);
            assertThat(notes.length()).as("kill %d: notes keep all but the last second of typing", kill)
                    .isGreaterThanOrEqualTo(typedASecondBefore);
            assertThat(lines).as("kill %d", kill).noneMatch(l -> l.text().startsWith("failed"));
        }
        try (OpenIncident last = store.open(store.currentId().orElseThrow())) {
            assertThat(last.wasRecovered()).isTrue();
            assertThat(last.timeline().events()).filteredOn(e -> e.type().equals(EventType.INCIDENT_RECOVERED))
                    .hasSize(KILLS);
        }
    }
}
