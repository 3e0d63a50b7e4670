package dev.baton.history;

import java.time.Instant;

/**
 * One runbook step across every past incident.
 *
 * @param runs             how often it ran
 * @param failures         how often it ended with a non-zero exit status
 * @param medianDurationMs the median of the runs whose duration is known; -1 when none is
 * @param lastIncident     the incident of its newest run
 * @param lastSeq          the timeline line of its newest run
 * @param lastOutput       the start of its newest run's output, or empty
 * @param failedLastThree  its three newest runs all failed: the runbook may need fixing
 */
public record StepMemory(int step, int runs, int failures, long medianDurationMs, Instant lastAt,
        String lastIncident, long lastSeq, String lastOutput, boolean failedLastThree) {}
