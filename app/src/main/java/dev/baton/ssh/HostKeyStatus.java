package dev.baton.ssh;

/** What known_hosts says about the key a server presented, in OpenSSH's terms. */
public enum HostKeyStatus {
    /** A plain line for this host lists exactly this key. */
    TRUSTED,
    /** No line for this host has a key of this type: only the responder can accept it. */
    UNKNOWN,
    /** A line for this host has a different key of the same type: possibly an attack, never accepted. */
    CHANGED,
    /** An {@code @revoked} line lists this key: never accepted, whatever other lines say. */
    REVOKED
}
