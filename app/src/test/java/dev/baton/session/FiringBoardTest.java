package dev.baton.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.alerts.FiringAlert;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FiringBoardTest {
    private static final Instant AT_0239 = Instant.parse("2026-12-07T02:39:10Z");
    private static final Instant AT_0240 = Instant.parse("2026-12-07T02:40:05Z");
    private static final Instant AT_0241 = Instant.parse("2026-12-07T02:41:05Z");

    private static FiringAlerts.Group group() {
        FiringAlert alert = new FiringAlert("f1", Map.of("alertname", "DiskFull"), Map.of(), AT_0239, "", "active",
                List.of(), List.of());
        return new FiringAlerts.Group("am", Map.of(), "", List.of(new FiringAlerts.Row("am", alert, Optional.empty())));
    }

    @Test
    void anUnreachableAlertmanagerKeepsTheLastListMarkedStaleAndNeverSaysNothingFiring() {
        FiringBoard board = new FiringBoard(ZoneOffset.UTC);

        FiringBoard.Shown first = board.next(new FiringAlerts.Listing(List.of(group()), List.of(), AT_0239, List.of()));
        assertThat(first.stale()).isFalse();
        assertThat(first.headline()).startsWith("1 firing, 0 silenced or inhibited");

        String refused = "Alertmanager am (http://127.0.0.1:9093/api/v2/alerts/groups): unreachable (connection refused "
                + "by 127.0.0.1:9093)";
        FiringBoard.Shown down = board.next(new FiringAlerts.Listing(List.of(), List.of(refused), AT_0240, List.of("am")));
        assertThat(down.headline()).isEqualTo("Alertmanager am unreachable since 02:40 — showing the last list from 02:39");
        assertThat(down.stale()).isTrue();
        assertThat(down.groups()).containsExactly(group());
        assertThat(down.problems()).containsExactly(refused);

        FiringBoard.Shown stillDown = board.next(new FiringAlerts.Listing(List.of(), List.of(refused), AT_0241,
                List.of("am")));
        assertThat(stillDown.headline()).startsWith("Alertmanager am unreachable since 02:40");

        FiringBoard.Shown back = board.next(new FiringAlerts.Listing(List.of(), List.of(), AT_0241, List.of()));
        assertThat(back.headline()).isEqualTo("Nothing firing · read 02:41");
        assertThat(back.stale()).isFalse();
    }

    @Test
    void withNoListYetOrNoAlertmanagerItSaysSoAndNotNothingFiring() {
        FiringBoard board = new FiringBoard(ZoneOffset.UTC);

        assertThat(board.next(new FiringAlerts.Listing(List.of(), List.of("x"), AT_0240, List.of("am"))).headline())
                .isEqualTo("Alertmanager am unreachable since 02:40 — no complete list read yet");
        assertThat(board.next(new FiringAlerts.Listing(List.of(), List.of(FiringAlerts.NONE_CONFIGURED + ": add one"),
                AT_0240, List.of())).headline()).doesNotContain("Nothing firing");
    }
}
