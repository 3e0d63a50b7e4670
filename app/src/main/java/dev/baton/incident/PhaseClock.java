package dev.baton.incident;

import dev.baton.runbook.Phase;
import dev.baton.runbook.Runbook;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** The incident clock: time since the start, and for a runbook with timed phases and an MTTR target, where the responder stands. */
public final class PhaseClock {
    private PhaseClock() {}

    /** {@code 12:05} or {@code 1:02:03}. */
    public static String format(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        long hours = seconds / 3600;
        return hours > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    /**
     * E.g. "Immediate Actions: 1:10 left · MTTR 5:00: 3:50 left", or "MTTR 30:00 passed 2:00 ago".
     * Empty when the runbook has neither phases nor an MTTR target.
     */
    public static Optional<String> status(Runbook runbook, Duration elapsed) {
        StringBuilder text = new StringBuilder();
        for (Phase phase : runbook.phases()) {
            if (elapsed.compareTo(phase.from()) >= 0 && (phase.to() == null || elapsed.compareTo(phase.to()) < 0)) {
                text.append(phase.name());
                if (phase.to() != null) {
                    text.append(": ").append(format(phase.to().minus(elapsed))).append(" left");
                }
                break;
            }
        }
        runbook.mttrTarget().ifPresent(mttr -> {
            if (!text.isEmpty()) {
                text.append(" · ");
            }
            Duration left = mttr.minus(elapsed);
            text.append("MTTR ").append(format(mttr)).append(left.isNegative()
                    ? ": passed " + format(left.negated()) + " ago" : ": " + format(left) + " left");
        });
        return text.isEmpty() ? Optional.empty() : Optional.of(text.toString());
    }
}
