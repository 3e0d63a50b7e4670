package dev.baton.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CaptureTest {
    @Test
    void terminalOutputBecomesPlainText() {
        assertThat(Capture.plain("\u001B[1;31mERROR\u001B[0m disk\r\n\u001B]0;title\u0007ok\u0000\r\n"
                + "progress 10%\rprogress 100%")).isEqualTo("ERROR disk\nok\nprogress 100%");
    }

    @Test
    void theFenceOutlastsAnyBackticksInTheOutput() {
        Capture capture = new Capture("selection", "Local 1", "", "", Instant.parse("2026-11-24T03:00:00Z"),
                "a ```` b", null);
        assertThat(capture.toMarkdown()).contains("`````text\na ```` b\n`````")
                .startsWith("**Capture** · Local 1 · 2026-11-24 03:00:00 UTC · selection");
    }

    @Test
    void shortOutputIsKeptWhole() {
        String output = "x\n".repeat(Capture.MAX_LINES - 1);
        Capture capture = new Capture("exec", "db1", "ls", "exit 0 in 0.1 s", Instant.now(), output, null);
        assertThat(Capture.isLong(output)).isFalse();
        assertThat(capture.toMarkdown()).doesNotContain("not shown").doesNotContain("Full output");
    }
}
