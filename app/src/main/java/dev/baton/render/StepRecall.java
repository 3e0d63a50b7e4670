package dev.baton.render;

/**
 * What past incidents say of a step, as its page shows it under the step: words chosen by the caller.
 *
 * @param failing the step failed the last three times it ran: the runbook may need fixing
 */
public record StepRecall(String summary, String lastOutput, boolean failing) {}
