package dev.baton.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Only lines that are metadata are read as metadata. */
class ProseMetadataTest {
    @TempDir
    Path dir;

    private static Runbook parse(String markdown) {
        return ParsingRulesTest.parseAll("queue.md", markdown).get(0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "~- **Alerts**: If the queue stops draining for ten minutes, the on-call is paged.~ | ~~",
        "~**Alert:** See https://alerts.example.com/baton for the rule~ | ~~",
        "~Alert name: \"BatonQueueStalled\"~ | BatonQueueStalled",
        "~**Alert Name:** `BatonQueueStalled`~ | BatonQueueStalled",
        "~Alerts: BatonQueueStalled, BatonQueueDiskFull~ | BatonQueueStalled BatonQueueDiskFull",
        "~Alerts: BatonQueueStalled or BatonQueueDiskFull~ | BatonQueueStalled BatonQueueDiskFull",
        "~Alerts: baton_queue_stalled / baton_queue_full.~ | baton_queue_stalled baton_queue_full",
        "~Alert: Watchdog~ | Watchdog",
        "~Alert: TBD~ | ~~",
        "~Alerts: Queue or disk~ | ~~",
    })
    void alertValuesMustLookLikeAlertNames(String line, String expected) {
        Runbook r = parse("# Queue\n\n" + line + "\n");
        assertThat(String.join(" ", r.alerts())).isEqualTo(expected == null ? "" : expected);
    }

    @Test
    void quotedSeverityLosesItsQuotesAndProseIsNoSeverity() {
        assertThat(parse("# Q\n\nSeverity: \"critical\"\n").severity()).isEqualTo("critical");
        assertThat(parse("# Q\n\nSeverity: depends on how many consumers are stuck and for how long\n").severity()).isNull();
    }

    @Test
    void eachAlertOfAMultiAlertFileHasItsOwnSeverity() throws Exception {
        Files.writeString(dir.resolve("queue-alerts.md"), """
                # Queue alerts

                ## BatonQueueLagging

                **Alert Name:** BatonQueueLagging
                **Severity:** warning

                Consumers are behind.

                ## BatonQueueStalled

                **Severity:** critical
                **Alert Name:** BatonQueueStalled

                Nothing is consumed.
                """);
        try (RunbookLibrary library = RunbookLibrary.load(dir)) {
            assertThat(library.forAlert("BatonQueueLagging")).singleElement()
                    .satisfies(m -> assertThat(m.severity()).isEqualTo("warning"));
            assertThat(library.forAlert("BatonQueueStalled")).singleElement()
                    .satisfies(m -> assertThat(m.severity()).isEqualTo("critical"));
        }
    }
}
