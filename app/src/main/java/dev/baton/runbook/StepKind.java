package dev.baton.runbook;

/** What a code block is for, from its info string. */
public enum StepKind {
    /** Commands for a shell: sent to a terminal or run on a node. */
    SHELL,
    /**
     * An interactive client opened and worked in ({@code redis-cli} then {@code FLUSHDB}, {@code kubectl exec -it …
     * -- sh} then commands in the pod): sent to a terminal line by line at the client's prompt, never run on nodes.
     */
    SESSION,
    /** SQL typed into a database client already open in a terminal (psql, mysql). */
    SQL,
    /** A query for a monitoring system (PromQL, LogQL): kept with its language, copied, never sent to a shell. */
    QUERY,
    /** Configuration, templates, sample output and other text that is read, not run. */
    TEXT;

    public boolean runnable() {
        return this == SHELL || this == SQL || this == SESSION;
    }
}
