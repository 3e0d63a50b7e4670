package dev.baton.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Baton's own runbooks written in the habits of the collections it must read, one file per habit, in
 * src/test/resources/fixtures/formats. The format tests run on these on every clone.
 */
public final class FormatFixtures {
    /** An index grouped under severity headings whose emoji went through a windows-1252 round trip. */
    public static final String EMOJI_INDEX = "emoji-severity-index.md";
    /** Index tables with a Severity column, grouped by area, and a runbook template in a markdown block. */
    public static final String SEVERITY_TABLES = "severity-tables-index.md";
    /** Several {@code ## Runbook: …} sections in one .txt file, with MTTR targets and timed phases. */
    public static final String RUNBOOK_SECTIONS = "runbook-sections.txt";
    /** Runbooks listed by id (RB-01) with File and Severity lines, and an alert table naming the ids. */
    public static final String RUNBOOK_IDS = "runbook-id-index.md";
    /** An Alert | Severity | Runbook | Owner table, PromQL and LogQL blocks, placeholders in kubectl. */
    public static final String ALERT_TABLE = "alert-table-index.md";
    /** A runbook saved as windows-1252, so not valid UTF-8. */
    public static final String WINDOWS_1252 = "windows-1252.md";
    public static final List<String> ALL =
            List.of(EMOJI_INDEX, SEVERITY_TABLES, RUNBOOK_SECTIONS, RUNBOOK_IDS, ALERT_TABLE, WINDOWS_1252);

    private FormatFixtures() {
    }

    public static Path folder() {
        URL url = FormatFixtures.class.getResource("/fixtures/formats");
        assertThat(url).as("fixtures/formats on the test class path").isNotNull();
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(url.toString(), e);
        }
    }

    public static Path file(String name) {
        Path file = folder().resolve(name);
        assertThat(Files.isRegularFile(file)).as(file.toString()).isTrue();
        return file;
    }

    public static List<Runbook> parse(String name) throws RunbookReadException {
        return new RunbookParser().parse(name, new RunbookFileReader().read(file(name)));
    }
}
