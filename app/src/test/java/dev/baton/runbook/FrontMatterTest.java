package dev.baton.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Front matter as static-site runbooks write it, read by a YAML or TOML parser. */
class FrontMatterTest {
    private static Runbook parse(String markdown) {
        return ParsingRulesTest.parseAll("queue.md", markdown).get(0);
    }

    @Test
    void yamlListsFoldedScalarsCommentsAndNestedLabels() {
        Runbook r = parse("""
                ---
                # owned by the queue team
                title: >
                  Queue disk
                  filling up
                alerts: [BatonQueueDiskFilling, "BatonQueueDiskFull"]
                alert:
                - BatonQueueStalled
                labels: {severity: warning, team: queue}
                owner: queue-team  # pages them
                mttr: 20m
                ---
                # Heading is not the title

                Check the disk.
                """);
        assertThat(r.title()).isEqualTo("Queue disk filling up");
        assertThat(r.alerts()).containsExactly("BatonQueueDiskFilling", "BatonQueueDiskFull", "BatonQueueStalled");
        assertThat(r.severity()).isEqualTo("warning");
        assertThat(r.owner()).isEqualTo("queue-team");
        assertThat(r.mttr()).isEqualTo(Duration.ofMinutes(20));
        assertThat(r.notices()).isEmpty();
    }

    @Test
    void commentsAfterAValueAreNotPartOfIt() {
        Runbook r = parse("---\nseverity: critical # paged at night\n---\n# Queue\n");
        assertThat(r.severity()).isEqualTo("critical");
    }

    @Test
    void hugoTomlFrontMatter() {
        Runbook r = parse("""
                +++
                title = "Queue stalled"
                alerts = ["BatonQueueStalled"]
                [labels]
                severity = "critical"
                +++

                ## Check

                ```bash
                kubectl -n baton get pods
                ```
                """);
        assertThat(r.title()).isEqualTo("Queue stalled");
        assertThat(r.alerts()).containsExactly("BatonQueueStalled");
        assertThat(r.severity()).isEqualTo("critical");
        assertThat(r.steps()).singleElement().satisfies(s -> assertThat(s.line()).isEqualTo(10));
        assertThat(r.text()).doesNotContain("+++");
    }

    @Test
    void invalidFrontMatterIsANoticeWithItsLine() {
        Runbook yaml = parse("---\ntitle: Queue\nalerts: [BatonQueueStalled\nowner: queue\n---\n# Queue\n");
        assertThat(yaml.notices()).singleElement().satisfies(n -> {
            assertThat(n.message()).startsWith("front matter is not valid YAML");
            assertThat(n.line()).isBetween(3, 5);
        });
        assertThat(yaml.title()).isEqualTo("Queue");
        Runbook template = parse("---\ntitle: \"{{ replace .Name \"-\" \" \" | title }}\"\ndate: {{ .Date }}\n---\n# Queue\n");
        assertThat(template.notices()).as("a template's front matter is not YAML yet").isEmpty();
        Runbook toml = parse("+++\ntitle = \"Queue\"\nalerts = [\n+++\n# Queue\n");
        assertThat(toml.notices()).singleElement().satisfies(n -> assertThat(n.message()).startsWith("front matter is not valid TOML"));
    }

    @Test
    void aThematicBreakWithoutAClosingLineIsNotFrontMatter() {
        Runbook r = parse("---\n\n# Queue\n\nText.\n");
        assertThat(r.title()).isEqualTo("Queue");
        assertThat(r.notices()).isEmpty();
    }
}
