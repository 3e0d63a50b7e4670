package dev.baton;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The core must run and be tested without a display, so it may not touch JavaFX. */
class CoreHasNoJavaFxTest {
    private static final List<String> CORE = List.of("runbook", "step", "render", "terminal", "cli", "ssh", "inventory", "incident", "handoff");
    private static final Path SOURCES = Path.of("src/main/java/dev/baton");

    @Test
    void corePackagesDoNotMentionJavaFx() throws IOException {
        assertThat(SOURCES).isDirectory();
        long checked = 0;
        for (String pkg : CORE) {
            Path dir = SOURCES.resolve(pkg);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String source = Files.readString(file);
                    assertThat(source).as(file.toString()).doesNotContain("javafx.").doesNotContain("dev.baton.ui");
                    checked++;
                }
            }
        }
        assertThat(checked).as("core source files checked").isGreaterThan(10);
    }
}
