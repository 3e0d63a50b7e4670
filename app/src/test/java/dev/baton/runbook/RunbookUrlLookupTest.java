package dev.baton.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An alert's runbook_url leads to the local copy of the page it links to, at the heading its anchor names. */
class RunbookUrlLookupTest {
    @TempDir
    Path dir;

    private RunbookLibrary library() throws Exception {
        Files.createDirectories(dir.resolve("site/content/runbooks/queue"));
        Files.createDirectories(dir.resolve("site/content/runbooks/storage"));
        Files.writeString(dir.resolve("site/content/runbooks/queue/BatonQueueStalled.md"), "# Stalled queue\n\nDrain it.\n");
        Files.writeString(dir.resolve("site/content/runbooks/storage/_index.md"), "# Storage\n\nAll about disks.\n");
        Files.writeString(dir.resolve("site/content/runbooks/storage/volume-degraded.html.md"), "# A volume lost a replica\n");
        Files.writeString(dir.resolve("site/mixin-runbook.md"), """
                # Every alert

                ## Alert Name: "BatonCacheCold"

                Warm it.

                ## Alert Name: "BatonCacheEvicting"

                Grow it.
                """);
        // The same file name outside the mapped folder must not answer.
        Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(dir.resolve("elsewhere/BatonQueueStalled.md"), "# Not this one\n");
        return RunbookLibrary.load(dir);
    }

    @Test
    void thePathAfterThePrefixNamesTheFileAndTheAnchorTheHeading() throws Exception {
        List<RunbookUrlMapping> mappings = List.of(
                new RunbookUrlMapping("https://runbooks.example.com/runbooks/", dir.resolve("site/content/runbooks")),
                new RunbookUrlMapping("https://git.example.com/ops/mixin/blob/main/", dir.resolve("site")));
        try (RunbookLibrary library = library()) {
            assertThat(library.forRunbookUrl("BatonQueueStalled",
                    "https://runbooks.example.com/runbooks/queue/batonqueuestalled/", mappings))
                    .hasValueSatisfying(m -> {
                        assertThat(m.runbook()).map(Runbook::title).contains("Stalled queue");
                        assertThat(m.section()).isEmpty();
                    });
            assertThat(library.forRunbookUrl("X", "https://runbooks.example.com/runbooks/storage/volume-degraded", mappings))
                    .as("kebab-case.html.md").flatMap(AlertMatch::runbook).map(Runbook::title).contains("A volume lost a replica");
            assertThat(library.forRunbookUrl("X", "https://runbooks.example.com/runbooks/storage/", mappings))
                    .as("a section's index page").flatMap(AlertMatch::runbook).map(Runbook::title).contains("Storage");
            assertThat(library.forRunbookUrl("BatonCacheEvicting",
                    "https://git.example.com/ops/mixin/blob/main/mixin-runbook.md#alert-name-batoncacheevicting", mappings))
                    .hasValueSatisfying(m -> assertThat(m.section()).map(Section::title)
                            .contains("Alert Name: \"BatonCacheEvicting\""));
            assertThat(library.forRunbookUrl("BatonQueueStalled", "https://unmapped.example.com/BatonQueueStalled", mappings))
                    .isEmpty();
            assertThat(library.forRunbookUrl("Y", "https://runbooks.example.com/runbooks/queue/no-such-page", mappings))
                    .isEmpty();
        }
    }

    @Test
    void theLastSegmentFindsAFileWhoseFolderDiffers() throws Exception {
        List<RunbookUrlMapping> mappings = List.of(
                new RunbookUrlMapping("https://wiki.example.com/ops/", dir.resolve("site/content/runbooks")));
        try (RunbookLibrary library = library()) {
            assertThat(library.forRunbookUrl("BatonQueueStalled", "https://wiki.example.com/ops/BatonQueueStalled.html",
                    mappings)).flatMap(AlertMatch::runbook).map(Runbook::path)
                    .hasValueSatisfying(p -> assertThat(p).contains("site/content/runbooks/queue/"));
        }
    }
}
