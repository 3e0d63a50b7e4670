package dev.baton.ssh;

/** How a run on a node ended. Only {@link #COMPLETED} carries a trustworthy exit status. */
public enum RunOutcome {
    /** The command ended and the node reported how. */
    COMPLETED,
    /** The connection dropped first: the exit status is unknown and the command may still run. */
    CONNECTION_LOST,
    /** The responder cancelled it. */
    CANCELLED,
    /** The command could not be started. */
    NOT_STARTED
}
