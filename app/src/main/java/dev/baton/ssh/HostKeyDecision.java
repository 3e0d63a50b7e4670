package dev.baton.ssh;

/** The responder's answer to an unknown host key. There is no answer for a changed or revoked one. */
public enum HostKeyDecision {
    REJECT,
    /** Connect this time; ask again next time. */
    ACCEPT_ONCE,
    /** Connect and add the key to known_hosts, hashed, as OpenSSH would. */
    ACCEPT_AND_SAVE
}
