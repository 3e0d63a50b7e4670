package dev.baton.render;

/**
 * One earlier run of a step, as its page shows it beside the step: words already chosen by the caller.
 *
 * @param seq       the timeline line it came from; the Output and Re-run links carry it
 * @param hasOutput whether an Output link is offered
 */
public record StepHistory(String when, String where, String status, String duration, long seq, boolean hasOutput,
        boolean failed) {
}
