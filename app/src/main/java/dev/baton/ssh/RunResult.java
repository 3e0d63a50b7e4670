package dev.baton.ssh;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a step run on a node produced: the outputs apart, how it ended, when and how long. The
 * incident notes capture it as it is.
 *
 * @param exitStatus the status the node reported, or null when it reported none
 * @param exitSignal the signal that ended the command (e.g. {@code TERM}), or null
 * @param note what the responder should know beyond the outcome (e.g. it may still be running)
 */
public record RunResult(
        String node,
        String command,
        Instant startedAt,
        Duration duration,
        RunOutcome outcome,
        Integer exitStatus,
        String exitSignal,
        OutputSpool stdout,
        OutputSpool stderr,
        String note) {

    /** A run that never started on {@code node}: the record still says it was tried, and why it did not run. */
    public static RunResult notStarted(String node, String command, String reason) {
        return new RunResult(node, command, java.time.Instant.now(), Duration.ZERO, RunOutcome.NOT_STARTED, null, null,
                OutputSpool.empty(), OutputSpool.empty(), reason);
    }

    public Optional<Integer> exit() {
        return Optional.ofNullable(exitStatus);
    }

    /** True only when the command ran to the end and exited 0. */
    public boolean succeeded() {
        return outcome == RunOutcome.COMPLETED && exitStatus != null && exitStatus == 0;
    }

    /** One line for the result view and the notes, e.g. "exit 0 in 1.2 s". */
    public String summary() {
        String took = " after " + seconds(duration);
        return switch (outcome) {
            case COMPLETED -> exitStatus != null ? "exit " + exitStatus + " in " + seconds(duration)
                    : exitSignal != null ? "killed by signal " + exitSignal + took
                    : "ended without an exit status" + took;
            case CONNECTION_LOST -> "connection lost, exit unknown" + took;
            case CANCELLED -> "cancelled" + took + (note.isEmpty() ? "" : "; " + note);
            case NOT_STARTED -> "not started: " + note;
        };
    }

    private static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
