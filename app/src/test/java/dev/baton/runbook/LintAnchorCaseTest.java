package dev.baton.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lint reads a link's anchor as GitHub does: lower-cased before the heading is looked for. */
class LintAnchorCaseTest {
    @TempDir
    Path dir;

    @Test
    void anAnchorWrittenInCapitalsFindsItsHeadingAndAMissingOneIsStillBroken() throws Exception {
        Files.createDirectories(dir.resolve("content/other"));
        Files.writeString(dir.resolve("content/other/_index.md"), "# Other\n\n## Disk space\n");
        Files.createDirectories(dir.resolve("content/queue"));
        Files.writeString(dir.resolve("content/queue/stalled.md"), """
                # Stalled

                [Up](#Stalled), [there](../other/_index.md#Disk-Space), [hugo]({{< relref "../other/_index.md#disk-space" >}}),
                [gone](#Nowhere).
                """);
        try (RunbookLibrary library = RunbookLibrary.load(dir)) {
            assertThat(library.lint()).extracting(LibraryProblem::message).singleElement().asString()
                    .contains("#Nowhere");
        }
    }
}
