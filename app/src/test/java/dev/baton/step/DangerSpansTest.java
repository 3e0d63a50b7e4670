package dev.baton.step;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a destructive confirmation highlights: the words that make the step dangerous, not the whole line. */
class DangerSpansTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "~sudo find /var/log -name \"*.gz\" -mtime +7 -delete~ | -delete",
        "sudo journalctl --vacuum-time=2d | --vacuum-time=2d",
        "kubectl -n prod delete pod api-1 | delete",
        "rm -rf /var/cache/app | -rf",
        "/bin/rm /tmp/lock | /bin/rm",
        "sudo systemctl stop baton-queue | stop",
        "~psql -c 'DROP TABLE jobs'~ | DROP TABLE",
        "~df -h && find /tmp -mtime +3 -delete~ | -delete",
    })
    void highlightsTheDangerousWords(String step, String highlighted) {
        List<DangerSpans.Span> spans = DangerSpans.of(step);
        assertThat(spans).extracting(s -> step.substring(s.start(), s.end())).containsExactly(highlighted);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"df -h", "journalctl -u nginx --since today"})
    void aHarmlessStepHasNothingToHighlight(String step) {
        assertThat(DangerSpans.of(step)).isEmpty();
    }
}
