package dev.baton.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncidentListingTest {
    @TempDir
    Path data;

    @Test
    void incidentsAreListedNewestFirstWithWhereEachStands() throws Exception {
        IncidentStore store = new IncidentStore(data);
        try (OpenIncident ended = store.start("Disk full on db1", "P2", "", "ana", Instant.parse("2026-11-20T03:00:00Z"))) {
            ended.end();
            ended.timeline().append(new IncidentEvent.NotesSaved(10, "00"));
        }
        try (OpenIncident handed = store.start("Replica lag", "P1", "", "bo", Instant.parse("2026-11-22T03:00:00Z"))) {
            handed.timeline().append(new IncidentEvent.HandoffExported("x.baton", "00", "bo", 0, 0, false));
        }
        try (OpenIncident open = store.start("Pods crash", "P3", "", "cy", Instant.parse("2026-11-21T03:00:00Z"))) {
            for (int i = 0; i < 400; i++) { // a long timeline: only its end is read
                open.timeline().append(new IncidentEvent.ChecklistTicked("r.md", 1, "x".repeat(100)));
            }
        }

        assertThat(store.listings()).extracting(l -> l.info().title() + " · " + l.info().severity() + " · "
                + l.info().responder() + " · " + l.state()).containsExactly(
                "Replica lag · P1 · bo · handed off",
                "Pods crash · P3 · cy · open",
                "Disk full on db1 · P2 · ana · ended");
    }

    @Test
    void aFolderWithoutATimelineIsOpen() throws Exception {
        Path timeline = Files.createDirectories(data.resolve("x")).resolve(OpenIncident.TIMELINE);
        assertThat(IncidentListing.state(timeline)).isEqualTo(IncidentListing.OPEN);
    }
}
