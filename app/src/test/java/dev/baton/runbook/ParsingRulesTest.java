package dev.baton.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parsing rules on small, hand-made runbooks. */
class ParsingRulesTest {
    private static Runbook parseOne(String markdown) {
        List<Runbook> runbooks = parseAll("test.md", markdown);
        assertThat(runbooks).hasSize(1);
        return runbooks.get(0);
    }

    @Test
    void frontMatterGivesMetadata() {
        Runbook r = parseOne("""
                ---
                title: "Disk full"
                severity: P2
                alerts:
                  - NodeFilesystemAlmostFull
                  - NodeFilesystemFull
                owner: Platform team
                mttr: 30m
                ---
                # Heading title

                Text.
                """);
        assertThat(r.title()).isEqualTo("Disk full");
        assertThat(r.severity()).isEqualTo("P2");
        assertThat(r.alerts()).containsExactly("NodeFilesystemAlmostFull", "NodeFilesystemFull");
        assertThat(r.owner()).isEqualTo("Platform team");
        assertThat(r.mttr()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void boldFieldLinesGiveMetadataWithoutFrontMatter() {
        Runbook r = parseOne("""
                # Runbook: Consensus Stuck

                **Severity:** P1
                **Impact:** No blocks
                **MTTR Target:** 1h 30m

                ## Detection

                **Alert Name:** `guts_consensus_stuck_critical`
                """);
        assertThat(r.title()).isEqualTo("Consensus Stuck");
        assertThat(r.severity()).isEqualTo("P1");
        assertThat(r.mttr()).isEqualTo(Duration.ofMinutes(90));
        assertThat(r.alerts()).containsExactly("guts_consensus_stuck_critical");
    }

    @Test
    void consoleTranscriptKeepsOnlyCommandLines() {
        Runbook r = parseOne("""
                # T

                ```console
                $ df -h /var
                Filesystem Size Used Avail Use% Mounted on
                /dev/sda1   50G  49G  1G  98% /var
                $ du -sh /var/log \\
                    --max-depth=1
                12G /var/log
                ```

                ```shell-session
                user@host:~$ hostname
                $ uptime
                 10:00 up 3 days
                ```
                """);
        assertThat(r.steps().get(0).command()).isEqualTo("df -h /var\ndu -sh /var/log \\\n    --max-depth=1");
        assertThat(r.steps().get(0).kind()).isEqualTo(StepKind.SHELL);
        assertThat(r.steps().get(1).command()).isEqualTo("hostname\nuptime");
        assertThat(r.steps().get(1).expectedOutput()).isEqualTo(" 10:00 up 3 days");
    }

    @Test
    void languagesDecideWhatIsRunnable() {
        Runbook r = parseOne("""
                # T

                ```bash
                ls
                ```
                ```yaml
                a: 1
                ```
                ```json
                {}
                ```
                ```text
                out
                ```
                ```promql
                up == 0
                ```
                ```logql
                {app="x"}
                ```
                ```sql
                SELECT 1;
                ```
                ```
                uptime
                ```

                    indented command
                """);
        assertThat(r.steps()).extracting(Step::language, Step::kind, Step::runnable).containsExactly(
                tuple("bash", StepKind.SHELL, true),
                tuple("yaml", StepKind.TEXT, false),
                tuple("json", StepKind.TEXT, false),
                tuple("text", StepKind.TEXT, false),
                tuple("promql", StepKind.QUERY, false),
                tuple("logql", StepKind.QUERY, false),
                tuple("sql", StepKind.SQL, true),
                tuple("", StepKind.SHELL, true),
                tuple("", StepKind.SHELL, true));
        assertThat(r.steps()).extracting(Step::number).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }

    @Test
    void unclosedFenceIsANoticeNotACrash() {
        Runbook r = parseOne("# T\n\n```bash\nrm -rf /tmp/x\n\n## Never a heading\n");
        assertThat(r.steps()).singleElement().extracting(Step::command).asString().contains("## Never a heading");
        assertThat(r.notices()).singleElement().satisfies(n -> {
            assertThat(n.line()).isEqualTo(3);
            assertThat(n.message()).contains("never closed");
        });
    }

    @Test
    void malformedMarkdownNeverThrows() {
        String[] hostile = {
            "", "\n", "---\n", "---\ntitle: [unclosed\n", "| a |\n|---|\n| b | c | d |\n", "* [ ]\n", "#\n",
            "```\n", "<div>\n<script>alert(1)</script>", "[x]: <>\n[x]", "> > > > ```\n", "- [x] done\n- [ ]\n",
            "\u0000\u0001", "###### " + "#".repeat(10_000), "[a](b".repeat(2_000), "*".repeat(50_000),
        };
        for (String text : hostile) {
            List<Runbook> runbooks = parseAll("bad.md", text);
            assertThat(runbooks).as(text.length() > 40 ? text.substring(0, 40) : text).hasSize(1);
        }
    }

    @Test
    void singleRunbookHeadingNamesTheFileRunbook() {
        List<Runbook> runbooks = parseAll("x.md", """
                # Runbook: Disk Full

                ## Diagnosis
                ```bash
                df -h
                ```
                """);
        assertThat(runbooks).singleElement().satisfies(r -> {
            assertThat(r.title()).isEqualTo("Disk Full");
            assertThat(r.anchor()).isEmpty();
            assertThat(r.steps().get(0).sectionPath()).containsExactly("Runbook: Disk Full", "Diagnosis");
        });
    }

    @Test
    void checklistKeepsState() {
        Runbook r = parseOne("# T\n\n## Checklist\n\n- [x] Paged the owner\n- [ ] Status page updated\n- plain item\n");
        assertThat(r.checklist()).extracting(ChecklistItem::text, ChecklistItem::checked, ChecklistItem::section)
                .containsExactly(tuple("Paged the owner", true, "T > Checklist"),
                        tuple("Status page updated", false, "T > Checklist"));
    }

    @Test
    void headingTreeNestsByLevel() {
        Runbook r = parseOne("# A\n## B\n### C\n## D\n");
        assertThat(r.sections()).singleElement().satisfies(a -> {
            assertThat(a.children()).extracting(Section::title).containsExactly("B", "D");
            assertThat(a.children().get(0).children()).extracting(Section::title, Section::line)
                    .containsExactly(tuple("C", 3));
        });
    }

    static List<Runbook> parseAll(String path, String markdown) {
        try {
            return new RunbookParser().parse(path, new SourceText(markdown, List.of()));
        } catch (RunbookReadException e) {
            throw new AssertionError(e);
        }
    }
}
