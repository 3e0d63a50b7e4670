package dev.baton.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The plain front-matter reader gives exactly what the YAML parser gives (values, the Markdown left, the notice),
 * or leaves the front matter to it: over hand-picked traps, thousands of generated ones, and every file Baton owns.
 */
class PlainFrontMatterTest {
    /** Values YAML reads as text, rewrites (numbers, booleans, null), refuses, or reads as something else. */
    private static final String[] VALUES = {
        "Disk full", "P1", "P2", "critical", "Team 3", "30m", "2h", "45m", "1h30m", "5", "10", "0", "010", "0x1F",
        "0o17", "0b101", "1e3", "1E3", "1.50", "1.5", "-1", "+1", ".5", ".inf", ".NaN", "1_000", "12:30", "2024-01-01",
        "yes", "No", "ON", "off", "y", "N", "true", "False", "null", "Null", "~", "'quoted'", "\"double\"", "a: b",
        "a:b", "a #comment", "a#b", "[a, b]", "{a: b}", "&anchor x", "*alias", "!tag x", "|", ">", "%x", "@x", "`x`",
        "é disque", "Ünïcödé", "N/A", "queue-team", "db_primary", "web (prod)", "a/b/c", "x+y", "a,b", "a - b",
        "- item", "?", "? x", "a\tb", "\u00a0x", "x\u2028y", "x\u0085y", "", "   ", "Infinity", "NaN", "0.0.1",
        "1234567890", "999999999", "9999999999", "20M", "3d", "1w", "07m", "0m", "1x", "5e", "5b", "5o", "a ", " a",
    };
    private static final String[] KEYS = {
        "title", "Title", "TITLE", "severity", "alerts", "alert", "alertname", "owner", "mttr", "labels.severity",
        "labels", "confirm", "tags", "x-custom", "a_b", "null", "true", "yes", "1key", "-key", "key with space", "kéy",
    };

    @Test
    void handPickedFrontMatterReadsAsTheYamlParserReadsIt() {
        List<String> bodies = new ArrayList<>();
        for (String value : VALUES) {
            bodies.add("title: " + value + "\n");
            bodies.add("alerts:\n  - " + value + "\n  - Second\n");
            bodies.add("alerts:\n- " + value + "\n");
        }
        for (String key : KEYS) {
            bodies.add(key + ": Value\n");
            bodies.add(key + ":\n  - One\n");
        }
        bodies.addAll(List.of(
                "title: A\ntitle: B\n", "title: A\nTitle: B\n", "Title: A\ntitle: B\n", "title:\n", "title:\nowner: x\n",
                "alerts:\n  - A\n    - B\n", "alerts:\n  - A\n - B\n", "alerts:\n  -A\n", "alerts:\n  -\n", "alerts:\n\n  - A\n",
                "labels:\n  severity: critical\n", "labels:\n  severity: critical\n  team: q\nowner: x\n",
                "title: Disk\n  continued\n", "# comment\ntitle: x\n", "title: x # comment\n", "\n\ntitle: x\n\n",
                "", "\n", "   \n", "\t\n", "title: x\r\n", "title:x\n", "title : x\n", " title: x\n", "title:  spaced  \n",
                "---\n", "...\n", "%YAML 1.2\ntitle: x\n", "title: [a\n", "a: b: c\n", "title: {{ .Name }}\n",
                "alerts: []\n", "alerts: [A, B]\n", "title: >\n  folded\n", "title: |\n  literal\n",
                "title: Disk full\nseverity: P1\nalerts:\n  - DiskFull7\nowner: Team 7\nmttr: 30m\n"));
        int plain = 0;
        for (String body : bodies) {
            plain += assertSame("---\n" + body + "---\n# Heading\n\nText.\n");
        }
        // The reader does serve the common forms, else this test compares the YAML parser with itself.
        assertThat(plain).isGreaterThan(100);
    }

    @Test
    void generatedFrontMatterReadsAsTheYamlParserReadsIt() {
        Random random = new Random(32);
        int plain = 0;
        for (int n = 0; n < 3000; n++) {
            StringBuilder body = new StringBuilder();
            int keys = 1 + random.nextInt(5);
            for (int k = 0; k < keys; k++) {
                String key = KEYS[random.nextInt(KEYS.length)];
                switch (random.nextInt(4)) {
                    case 0 -> {
                        body.append(key).append(":\n");
                        String indent = random.nextBoolean() ? "  " : "";
                        for (int i = random.nextInt(3); i >= 0; i--) {
                            body.append(indent).append("- ").append(pick(random)).append('\n');
                        }
                    }
                    case 1 -> body.append(key).append(": ").append(pick(random)).append("\n\n");
                    default -> body.append(key).append(": ").append(pick(random)).append('\n');
                }
            }
            plain += assertSame("---\n" + body + "---\n# Heading\n");
        }
        assertThat(plain).isGreaterThan(100);
    }

    @Test
    void everyRunbookBatonOwnsReadsAsBefore() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path root : List.of(FormatFixtures.folder(), Path.of("..", "runbooks"), Path.of("src", "test", "resources"))) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> walk = Files.walk(root)) {
                    walk.filter(Files::isRegularFile).forEach(files::add);
                }
            }
        }
        assertThat(files).hasSizeGreaterThan(5);
        for (Path file : files) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            assertSame(text);
            if (text.startsWith("+++\n")) {
                assertSame("---\n" + text.substring(4).replaceFirst("\n\\+\\+\\+\n", "\n---\n"));
            }
        }
    }

    private static String pick(Random random) {
        return VALUES[random.nextInt(VALUES.length)];
    }

    /** Asserts the two paths agree on {@code text}; 1 when the plain reader served it. */
    private static int assertSame(String text) {
        FrontMatter.Split yaml = FrontMatter.split(text, false);
        FrontMatter.Split plain = FrontMatter.split(text, true);
        assertThat(plain.frontMatter().values()).as(text).isEqualTo(yaml.frontMatter().values());
        assertThat(plain.markdown()).as(text).isEqualTo(yaml.markdown());
        assertThat(plain.problem()).as(text).isEqualTo(yaml.problem());
        boolean served = text.startsWith("---\n") && text.indexOf("\n---\n") > 0
                && PlainFrontMatter.read(text.substring(4, text.indexOf("\n---\n") + 1)) != null;
        return served ? 1 : 0;
    }
}
