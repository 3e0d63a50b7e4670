package dev.baton.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A runbook named after its alert, by file or by title, answers that alert. */
class AlertLookupTest {
    @TempDir
    Path dir;

    @Test
    void fileNameAndTitleNameTheAlert() throws Exception {
        Files.createDirectories(dir.resolve("runbooks/queue"));
        Files.writeString(dir.resolve("runbooks/queue/BatonQueueStalled.md"), """
                # BatonQueueStalled

                ## Meaning

                No message has left the queue for ten minutes.
                """);
        Files.writeString(dir.resolve("runbooks/queue/lagging.md"), "# BatonQueueLagging\n\nConsumers are behind.\n");
        Files.writeString(dir.resolve("runbooks/queue/baton-queue-disk-full.md"), "# Queue disk full\n\nFree space.\n");
        try (RunbookLibrary library = RunbookLibrary.load(dir)) {
            assertThat(library.forAlert("BatonQueueStalled")).singleElement()
                    .satisfies(m -> assertThat(m.runbook()).map(Runbook::title).contains("BatonQueueStalled"));
            assertThat(library.forAlert("batonqueuestalled")).as("case-insensitive").hasSize(1);
            assertThat(library.forAlert("BatonQueueLagging")).as("by title").singleElement()
                    .satisfies(m -> assertThat(m.runbook()).map(Runbook::path).hasValueSatisfying(p -> assertThat(p).endsWith("lagging.md")));
            assertThat(library.forAlert("BatonQueueDiskFull")).as("by a kebab-case file name").hasSize(1);
            assertThat(library.forAlert("BatonQueue")).isEmpty();
        }
    }

    @Test
    void aTypoGetsTheClosestNames() throws Exception {
        Files.writeString(dir.resolve("BatonQueueStalled.md"), "# BatonQueueStalled\n");
        Files.writeString(dir.resolve("queue.md"), "# Queue\n\n**Alerts:** BatonQueueLagging, BatonQueueDiskFull\n");
        try (RunbookLibrary library = RunbookLibrary.load(dir)) {
            assertThat(library.forAlert("BatonQueueStaled")).isEmpty();
            assertThat(library.alertSuggestions("BatonQueueStaled", 3)).containsExactly("BatonQueueStalled");
            assertThat(library.alertSuggestions("BatonQueueLgaging", 3)).first().isEqualTo("BatonQueueLagging");
            assertThat(library.alertSuggestions("SomethingElseEntirely", 3)).isEmpty();
        }
    }
}
