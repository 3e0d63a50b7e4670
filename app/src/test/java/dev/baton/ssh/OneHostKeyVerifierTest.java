package dev.baton.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * sshj accepts a host when any registered verifier does, so Baton registers exactly one, its own, and
 * never the verifier that accepts everything.
 */
class OneHostKeyVerifierTest {
    private static final Path SOURCES = Path.of("src/main/java");

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(file -> file.toString().endsWith(".java")).toList();
        }
    }

    @Test
    void theAcceptEverythingVerifierAppearsNowhere() throws IOException {
        for (Path source : sources()) {
            assertThat(Files.readString(source)).as(source.toString())
                    .doesNotContain("PromiscuousVerifier")
                    .doesNotContain("loadKnownHosts")
                    .doesNotContain("FingerprintVerifier");
        }
    }

    @Test
    void exactlyOneVerifierIsRegisteredAndItIsBatons() throws IOException {
        long registrations = 0;
        for (Path source : sources()) {
            String text = Files.readString(source);
            int at = text.indexOf(".addHostKeyVerifier(");
            while (at >= 0) {
                registrations++;
                assertThat(source.getFileName().toString()).isEqualTo("SshConnector.java");
                assertThat(text.substring(at)).startsWith(".addHostKeyVerifier(verifier)");
                at = text.indexOf(".addHostKeyVerifier(", at + 1);
            }
        }
        assertThat(registrations).isEqualTo(1);
        assertThat(Files.readString(SOURCES.resolve("dev/baton/ssh/SshConnector.java")))
                .contains("BatonHostKeyVerifier verifier = new BatonHostKeyVerifier(");
    }
}
