package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training run that writes the commands' class-data archive runs {@code baton history search} too (so a
 * repeat search maps Lucene's and the history's classes instead of loading them), on an incident of its own:
 * the responder's incidents and history index are never read or written by it.
 */
class ClassDataTrainingTest {
    @TempDir
    Path data;
    @TempDir
    Path cache;
    @TempDir
    Path runbooks;

    private final String previousData = System.getProperty("baton.data");
    private final String previousCache = System.getProperty("baton.cache");

    @AfterEach
    void restore() {
        restore("baton.data", previousData);
        restore("baton.cache", previousCache);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    @Test
    void searchesAHistoryOfItsOwnAndLeavesTheRespondersDataAlone() throws Exception {
        Files.writeString(runbooks.resolve("disk.md"), "# Disk full\n\n```bash\ndf -h\n```\n");
        System.setProperty("baton.data", data.toString());
        System.setProperty("baton.cache", cache.toString());

        ClassDataTraining.main(new String[] {runbooks.toString()});

        try (Stream<Path> files = Files.list(data)) {
            assertThat(files).isEmpty();
        }
        assertThat(System.getProperty("baton.data")).isEqualTo(data.toString());
        try (Stream<Path> files = Files.walk(cache)) {
            assertThat(files.map(cache::relativize).map(Path::toString))
                    .anySatisfy(path -> assertThat(path).endsWith("history-index"));
        }
    }
}
