package dev.baton.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.handoff.BundleWriter;
import dev.baton.handoff.HandoffState;
import dev.baton.handoff.Redactor;
import dev.baton.incident.IncidentStore;
import dev.baton.incident.OpenIncident;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a handoff says of itself: secrets in the note are found before writing, and no bundle is overwritten unasked. */
class HandoffTruthTest {
    private static final String TOKEN = "ghp_R8mN2xQ7vL4kT9pW3sY6zB1cD5fG0hJ8aK2e";

    @TempDir
    Path dir;

    private BundleWriter.Request request(OpenIncident incident, String note) {
        return Handoffs.request(incident, name -> Optional.empty(), List.of(), null, "ana",
                new Handoffs.Choices(note, Set.of(), null, null));
    }

    @Test
    void aTokenTypedIntoTheNoteIsListedBeforeTheBundleIsWritten() throws Exception {
        String note = "Pending: the deploy.\nUse GH_TOKEN=" + TOKEN + " for the rollback.\n";
        List<Redactor.Found> found = Handoffs.scanNote(note);
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.finding().file()).isEqualTo(BundleWriter.NOTE_FILE);
            assertThat(f.finding().line()).isEqualTo(2);
        });
        assertThat(Handoffs.scanNote("Pending: nothing secret here.\n")).isEmpty();

        try (OpenIncident incident = new IncidentStore(dir.resolve("data")).start("Disk full", "P2", "", "ana",
                Instant.now())) {
            BundleWriter.Result written = Handoffs.export(incident, request(incident, note), dir.resolve("a.baton"));
            // What the dialog listed is what the bundle redacted: the same finding, by id.
            assertThat(written.found()).extracting(f -> f.finding().id()).contains(found.get(0).finding().id());
        }
    }

    @Test
    void anExistingBundleIsNotOverwrittenUnlessAsked() throws Exception {
        Path bundle = Files.writeString(dir.resolve("disk-full.baton"), "an earlier handoff");
        try (OpenIncident incident = new IncidentStore(dir.resolve("data")).start("Disk full", "P2", "", "ana",
                Instant.now())) {
            assertThatThrownBy(() -> Handoffs.export(incident, request(incident, "note"), bundle))
                    .isInstanceOf(Handoffs.BundleExists.class).hasMessageContaining("disk-full.baton")
                    .hasMessageContaining("nothing was written");
            assertThat(bundle).hasContent("an earlier handoff");
            assertThat(incident.timeline().events()).noneMatch(e -> e.type().equals("handoff.exported"));

            Handoffs.export(incident, request(incident, "note"), bundle, true);
            assertThat(Files.size(bundle)).isGreaterThan(100);
        }
    }
}
