package dev.baton.ansible;

import java.time.Duration;
import java.time.Instant;

/**
 * What Ansible reported for one host: how it ended, the command's outputs and exit status, and when.
 *
 * @param rc       the command's exit status; null when it never ran (unreachable) or Ansible gave none
 * @param message  Ansible's own words when the host failed or could not be reached ({@code msg}), else empty
 * @param duration how long the command ran on the host ({@code delta}); zero when it never ran
 * @param endedAt  when the result reached Baton
 */
public record HostResult(String host, Ending ending, Integer rc, String stdout, String stderr, String message,
        Duration duration, Instant endedAt) {

    public enum Ending {
        /** The command ran; its exit status says how it went. */
        RAN,
        /** Ansible failed the host without an exit status (a module error, the task timeout). */
        FAILED,
        /** Ansible could not reach the host (connection, authentication, host key). */
        UNREACHABLE
    }

    public Instant startedAt() {
        return endedAt.minus(duration);
    }
}
