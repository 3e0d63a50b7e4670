package dev.baton.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.handoff.BundleReader;
import dev.baton.incident.EventType;
import dev.baton.incident.IncidentEvent;
import dev.baton.incident.IncidentStore;
import dev.baton.incident.TimelineEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One incident, two responders, two data folders: the receiver sees the note and is credited with what they do;
 * the sender's copy is read-only until they take it back.
 */
class HandoverTest {
    @TempDir
    Path dir;

    private static <T> T get(java.util.concurrent.CompletableFuture<T> future) throws Exception {
        return future.get(20, TimeUnit.SECONDS);
    }

    private static List<TimelineEvent> events(IncidentSession session) throws Exception {
        return get(session.snapshot()).orElseThrow().events();
    }

    @Test
    void theReceiverIsCreditedAndTheSendersCopyIsReadOnlyUntilTakenBack() throws Exception {
        Path bundle = dir.resolve("disk-full.baton");
        try (IncidentSession ana = new IncidentSession(new IncidentStore(dir.resolve("ana")), "ana");
                IncidentSession ben = new IncidentSession(new IncidentStore(dir.resolve("ben")), "ben")) {
            get(ana.start("Disk full on db1", "P2", "NodeFilesystemAlmostFull"));
            get(ana.stepSent(null, 1, "df -h", "Local 1", Map.of()));
            Handoffs.Prepared prepared = get(Handoffs.prepare(ana, name -> Optional.empty(), List.of(), null));
            get(Handoffs.export(ana, prepared, new Handoffs.Choices("Pending: /var at 91%.\nNext: rotate logs.",
                    Set.of(), null, bundle)));

            assertThat(get(ana.handedOff())).isPresent();
            assertThatThrownBy(() -> get(ana.stepSent(null, 2, "du -sh /var", "Local 1", Map.of())))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IncidentSession.HandedOff.class)
                    .hasMessageContaining("read-only here until you take it back");
            assertThat(events(ana)).noneMatch(e -> e.text("text").equals("du -sh /var"));

            get(Handoffs.continueIn(ben, BundleReader.verify(bundle)));
            List<TimelineEvent> received = events(ben);
            IncidentEvent.HandoffImported imported = (IncidentEvent.HandoffImported) received.get(received.size() - 1).typed();
            assertThat(imported.note()).isEqualTo("Pending: /var at 91%.\nNext: rotate logs.");
            assertThat(imported.from()).isEqualTo("ana");
            assertThat(get(ben.handedOff())).as("the receiver's copy is theirs").isEmpty();
            get(ben.stepSent(null, 2, "du -sh /var", "Local 1", Map.of()));
            List<TimelineEvent> after = events(ben);
            assertThat(after.get(after.size() - 1).text("by")).isEqualTo("ben");
            assertThat(after).filteredOn(e -> e.type().equals(EventType.STEP_SENT)).extracting(e -> e.text("by"))
                    .containsExactly("ana", "ben");

            get(ana.takeBack());
            assertThat(get(ana.handedOff())).isEmpty();
            get(ana.stepSent(null, 3, "uptime", "Local 1", Map.of()));
            List<TimelineEvent> back = events(ana);
            assertThat(back.get(back.size() - 2).typed()).isEqualTo(new IncidentEvent.HandoffTakenBack(
                    "disk-full.baton", "ana"));
            assertThat(back.get(back.size() - 1).text("by")).isEqualTo("ana");
        }
    }

    @Test
    void aHandedOffCopyRunsNothingOnANodeAndDoesNotEvenConnect() throws Exception {
        try (IncidentSession ana = new IncidentSession(new IncidentStore(dir.resolve("ana")), "ana")) {
            get(ana.start("Disk full on db1", "P2", ""));
            Handoffs.Prepared prepared = get(Handoffs.prepare(ana, name -> Optional.empty(), List.of(), null));
            get(Handoffs.export(ana, prepared, new Handoffs.Choices("", Set.of(), null, dir.resolve("h.baton"))));
            java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
            NodeRunning running = new NodeRunning(node -> {
                connections.incrementAndGet();
                throw new java.io.IOException("no node in this test");
            }, dir, Optional.of(ana));

            assertThatThrownBy(() -> running.run(dev.baton.inventory.Node.direct("db1", "127.0.0.1", 1, "ana"),
                    NodeRunning.plan("uptime", Map.of()), Map.of(), new NodeRunning.Watcher() {}))
                    .isInstanceOf(java.io.IOException.class).hasMessageContaining("Not run: this incident was handed off");
            assertThat(connections).hasValue(0);
        }
    }
}
