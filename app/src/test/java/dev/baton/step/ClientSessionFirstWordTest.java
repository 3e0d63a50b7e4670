package dev.baton.step;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Looking at a line's first word before trying the client patterns gives the same answer as trying them on every
 * line: over the lines of every runbook Baton owns and of its test fixtures, the examples of each client, and
 * lines made at random from the patterns' own words, flags, separators and traps.
 */
class ClientSessionFirstWordTest {
    private static final List<String> PIECES = List.of("sudo", "su", "-", "-i", "-s", "-u", "--x", "--x=1", "-h", "-hx",
            "x", "/", "/usr", "/bin/sh", "/usr --x/bin/sh", "bin", "psql", "p", "sql", "-U", "app", "-c", "kubectl",
            "exec", "-it", "-ti", "-i -t", "--stdin --tty", "--", "sh", "bash", "zsh", "ksh", "dash", "docker", "run",
            "oc", "debug", "node/n1", "node", "rsh", "ssh", "user@host", "-p", "22", "redis-cli", "redis", "-cli",
            "mysql", "mariadb", "mongo", "mongosh", "sqlite3", "db.sqlite", "python", "python3.11", "ipython", "irb",
            "rails", "c", "console", "bundle", "gitlab-rails", "=", "echo", "'", "\"", "$(", ";", "|", "&&", "#", "$",
            "INFO", "SELECT 1;", "\u00a0", "\u2003", "é");
    private static final List<String> SEPARATORS = List.of("", " ", " ", " ", "  ", "\t", "\u00a0");

    private static void assertSameAnswer(String line) {
        assertThat(ClientSession.starting(line)).as("%s", line).isEqualTo(ClientSession.startingAlways(line));
    }

    @Test
    void theLinesOfRunbooksAndExamplesGetTheSameAnswer() throws IOException {
        List<String> lines = new ArrayList<>(List.of("redis-cli", "redis-cli -h cache-1 -p 6379", "psql -U app orders",
                "sudo -u postgres psql", "sudo -i", "sudo su -", "su - app", "/bin/bash", "/usr/bin/zsh",
                "kubectl exec -it api-0 -- sh", "kubectl -n prod exec -ti api-0 -- /bin/bash", "kubectl debug node/n1 -it --image=busybox",
                "oc debug node/worker-1", "oc rsh api-0", "docker exec -it web bash", "docker run --rm -it alpine sh",
                "ssh -p 2222 admin@db-1", "ssh db-1", "mysql -h db -u root", "mariadb shop", "mongosh", "sqlite3 app.db",
                "python3", "ipython", "irb", "rails c", "bundle exec rails console", "gitlab-rails console", "  psql  ",
                "-U app psql", "/usr --x/bin/sh", "sudo  su", "sudo\tpsql", "sudo  -s  dash", ""));
        for (Path folder : List.of(Path.of("../runbooks"), Path.of("src/test/resources"))) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".md")).toList()) {
                    lines.addAll(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8).lines().toList());
                }
            }
        }
        assertThat(lines).hasSizeGreaterThan(1_000);
        assertThat(lines.stream().filter(l -> ClientSession.starting(l).isPresent())).as("some lines start clients")
                .hasSizeGreaterThan(20);
        lines.forEach(ClientSessionFirstWordTest::assertSameAnswer);
    }

    @Test
    void linesMadeOfThePatternsWordsGetTheSameAnswer() {
        Random random = new Random(32);
        int starting = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder line = new StringBuilder(SEPARATORS.get(random.nextInt(SEPARATORS.size())));
            int words = 1 + random.nextInt(6);
            for (int w = 0; w < words; w++) {
                line.append(PIECES.get(random.nextInt(PIECES.size())))
                        .append(SEPARATORS.get(random.nextInt(SEPARATORS.size())));
            }
            assertSameAnswer(line.toString());
            starting += ClientSession.startingAlways(line.toString()).isPresent() ? 1 : 0;
        }
        assertThat(starting).as("lines that start a client are among them").isGreaterThan(1_000);
    }
}
