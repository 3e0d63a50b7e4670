package dev.baton.ui.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class HandoffTimeTest {
    @Test
    void aBundlesTimeIsShownInTheReadersZone() {
        assertThat(HandoffTime.local("2026-12-07T02:40:05Z", ZoneId.of("Europe/Berlin")))
                .isEqualTo("2026-12-07 03:40 CET");
        assertThat(HandoffTime.local("2026-07-01T23:10:00Z", ZoneId.of("America/New_York")))
                .isEqualTo("2026-07-01 19:10 EDT");
    }

    @Test
    void aTimeThatDoesNotParseIsShownAsWritten() {
        assertThat(HandoffTime.local("yesterday\u001b[2J", ZoneId.of("UTC"))).isEqualTo("yesterday?[2J");
    }
}
