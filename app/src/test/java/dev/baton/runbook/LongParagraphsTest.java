package dev.baton.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LongParagraphsTest {
    private static final String LOG_LINE = "[03:14:07] connection refused\n";

    @Test
    void aLongParagraphIsBrokenEveryThousandLines() {
        LongParagraphs.Broken broken = LongParagraphs.breakUp("# Log\n\n" + LOG_LINE.repeat(2_500), true);
        assertThat(broken.inserted()).containsExactly(1_002, 2_003);
        assertThat(broken.markdown().lines().filter(String::isBlank).count()).isEqualTo(3);
    }

    @Test
    void aStepLongerThanTheLimitStaysWholeInAListOrAQuote() throws Exception {
        String command = LOG_LINE.repeat(3_000);
        String markdown = "# Steps\n\n1. First\n\n   ```bash\n" + command.lines().map(l -> "   " + l + "\n")
                .reduce("", String::concat) + "   ```\n\n> ```text\n> " + command.replace("\n", "\n> ")
                + "```\n\n" + LOG_LINE.repeat(1_500) + "\n```sh\necho after\n```\n";
        LongParagraphs.Broken broken = LongParagraphs.breakUp(markdown, true);
        // Only the paragraph after the quote is broken: the fences close where they should.
        assertThat(broken.inserted()).hasSize(1);
        List<Step> steps = new RunbookParser().parse("steps.md", new SourceText(markdown, List.of())).get(0).steps();
        assertThat(steps).hasSize(3);
        assertThat(steps.get(0).command()).isEqualTo(command.strip());
        assertThat(steps.get(2).command()).isEqualTo("echo after");
        assertThat(steps.get(2).line()).isEqualTo(markdown.lines().toList().indexOf("```sh") + 1);
    }

    @Test
    void aTableKeepsItsRowsUnlessTablesAreOff() {
        String table = "| time | event |\n|---|---|\n" + "| 03:14 | refused |\n".repeat(2_500);
        assertThat(LongParagraphs.breakUp(table, true).changed()).isFalse();
        assertThat(LongParagraphs.breakUp(table, false).inserted()).hasSize(2);
    }

    /** A table may start under a paragraph's last line; a paragraph may follow its rows without a blank line. */
    @Test
    void aTableInsideALongRunIsKeptAndTheTextAfterItIsBroken() {
        String markdown = LOG_LINE.repeat(999) + "| time | event |\n|---|---|\n" + "| 03:14 | refused |\n".repeat(2_500)
                + LOG_LINE.repeat(1_500);
        LongParagraphs.Broken broken = LongParagraphs.breakUp(markdown, true);
        // One break, in the text after the table: not between the header and its delimiter row.
        assertThat(broken.inserted()).containsExactly(999 + 2 + 2_500 + 1_000);
    }
}
