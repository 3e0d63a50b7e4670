package dev.baton.render;

/**
 * One earlier run of a step, as its page shows it beside the step: words already chosen by the caller.
 *
 * @param seq       the timeline line it came from; the Output and Re-run links carry it
 * @param hasOutput whether an Output link is offered
 * @param by        the responder who ran it, as the timeline credits it; empty when it does not say
 */
public record StepHistory(String when, String where, String status, String duration, long seq, boolean hasOutput,
        boolean failed, String by) {
    public StepHistory {
        by = by == null ? "" : by;
    }

    public StepHistory(String when, String where, String status, String duration, long seq, boolean hasOutput,
            boolean failed) {
        this(when, where, status, duration, seq, hasOutput, failed, "");
    }
}
