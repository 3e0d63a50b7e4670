package dev.baton.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A symbolic link to Markdown inside the library is read; one that leads out of it, or nowhere, is said. */
class SymbolicLinksTest {
    @TempDir
    Path dir;

    @Test
    void linksInsideAreFollowedOthersAreReported() throws Exception {
        Path library = Files.createDirectories(dir.resolve("library"));
        Files.createDirectories(library.resolve("shared"));
        Files.writeString(library.resolve("shared/queue-stalled.md"), "# BatonQueueStalled\n\nDrain it.\n");
        Files.createDirectories(library.resolve("team"));
        Files.createSymbolicLink(library.resolve("team/BatonQueueLagging.md"), Path.of("../shared/queue-stalled.md"));
        Path outside = Files.writeString(dir.resolve("secret-notes.md"), "# Outside\n");
        Files.createSymbolicLink(library.resolve("team/outside.md"), outside);
        Files.createSymbolicLink(library.resolve("team/gone.md"), library.resolve("team/nothing-here.md"));
        Files.createSymbolicLink(library.resolve("team/loop"), library.resolve("team"));
        try (RunbookLibrary runbooks = RunbookLibrary.load(library)) {
            assertThat(runbooks.runbooks()).extracting(Runbook::path).anySatisfy(p -> assertThat(p).endsWith("team/BatonQueueLagging.md"));
            assertThat(runbooks.forAlert("BatonQueueLagging")).as("the link's own name").hasSize(1);
            assertThat(runbooks.runbooks()).extracting(Runbook::title).doesNotContain("Outside");
            assertThat(runbooks.problems()).extracting(LibraryProblem::message).anySatisfy(m -> assertThat(m)
                    .contains("symbolic link").contains("outside the runbook folder"));
            assertThat(runbooks.problems()).anySatisfy(p -> {
                assertThat(p.path()).endsWith("gone.md");
                assertThat(p.message()).contains("symbolic link").contains("nothing-here.md");
            });
            assertThat(runbooks.problems()).anySatisfy(p -> {
                assertThat(p.path()).endsWith("team/loop");
                assertThat(p.message()).contains("symbolic link to a folder");
            });
        }
    }
}
