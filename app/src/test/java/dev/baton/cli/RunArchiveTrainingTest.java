package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first {@code baton run} after a build also writes to a throwaway incident, so that run's class-data
 * archive holds a recorded run's classes: it must really write one, say nothing, and leave nothing behind.
 */
class RunArchiveTrainingTest {

    @TempDir
    Path runbooks;

    @Test
    void writesANoteToAThrowawayIncidentQuietlyAndLeavesNothing() throws Exception {
        Files.writeString(runbooks.resolve("host-gone.md"), """
                ---
                title: Host gone
                alerts:
                  - NodeDown
                ---
                # Host gone

                Check the host answers.

                ```bash
                ping -c1 {{instance}}
                ```
                """);
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        List<Path> before = trainingFolders(tmp);
        String dataFolder = System.getProperty("baton.data");
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        boolean noted;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
            noted = RunArchiveTraining.recordQuietly((folder, inventories) -> {
                throw new AssertionError("no window");
            }, runbooks);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }

        assertThat(noted).isTrue();
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(trainingFolders(tmp)).isEqualTo(before);
        assertThat(System.getProperty("baton.data")).isEqualTo(dataFolder);
    }

    @Test
    void theCommandsOwnStatusIsReturned() {
        System.setProperty("baton.training.runbooks", runbooks.toString());
        try {
            assertThat(RunArchiveTraining.runThenTrain("run", "--no-such-option")).isEqualTo(2);
        } finally {
            System.clearProperty("baton.training.runbooks");
        }
    }

    private static List<Path> trainingFolders(Path tmp) throws Exception {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.filter(f -> f.getFileName().toString().startsWith("baton-training")).sorted().toList();
        }
    }
}
