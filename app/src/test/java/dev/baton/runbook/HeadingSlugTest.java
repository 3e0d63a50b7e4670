package dev.baton.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HeadingSlugTest {
    /** The rules as GitHub-style regexes: the slugs of any heading, ASCII or not, must be these. */
    private static String regexSlug(String heading) {
        String slug = heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\s-]", "").strip().replaceAll("\\s+", "-");
        return slug.isEmpty() ? "section" : slug;
    }

    private static Set<String> regexForgeSlugs(String heading) {
        String github = heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\p{M} _-]", "").replace(' ', '-');
        return new LinkedHashSet<>(List.of(github, github.replaceAll("-{2,}", "-")));
    }

    @Test
    void headingsSlugAsGitHubAndGitLabDo() {
        assertThat(HeadingSlug.of("Coordinator API Outage")).isEqualTo("coordinator-api-outage");
        assertThat(HeadingSlug.of("  Step 2: restart (the *primary*)  ")).isEqualTo("step-2-restart-the-primary");
        assertThat(HeadingSlug.of("a \t& b")).isEqualTo("a-b");
        assertThat(HeadingSlug.of("!!!")).isEqualTo("section");
        assertThat(HeadingSlug.of("Café — ünïcode")).isEqualTo("café-ünïcode");
        assertThat(HeadingSlug.forgeSlugs("Check node_exporter -- then restart"))
                .containsExactly("check-node_exporter----then-restart", "check-node_exporter-then-restart");
        assertThat(HeadingSlug.forgeSlugs("Über die Lage")).containsExactly("über-die-lage");
    }

    @Test
    void everyHeadingSlugsAsTheRegexRulesSay() {
        String alphabet = "aZ09 _-\t\n\u000B\f\r.:&()[]`*#/\\'\"!?é\u0301ü—\u2003\u001F";
        Random random = new Random(15);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder heading = new StringBuilder();
            for (int i = random.nextInt(16); i > 0; i--) {
                heading.append(alphabet.charAt(random.nextInt(n % 2 == 0 ? 28 : alphabet.length())));
            }
            String h = heading.toString();
            assertThat(HeadingSlug.of(h)).as("slug of [%s]", h).isEqualTo(regexSlug(h));
            assertThat(HeadingSlug.forgeSlugs(h)).as("forge slugs of [%s]", h).isEqualTo(regexForgeSlugs(h));
        }
    }
}
