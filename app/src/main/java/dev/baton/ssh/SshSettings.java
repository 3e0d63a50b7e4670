package dev.baton.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How Baton connects when the node says nothing else.
 *
 * @param connectTimeout how long a TCP connect and the key exchange may take (sshj waits forever)
 * @param keepAliveInterval keepalive@openssh.com every this often, so a dead peer is noticed
 * @param keepAliveCountMax unanswered keepalives before the connection counts as lost
 * @param defaultIdentities keys offered when the node names none
 * @param agent the responder's ssh-agent, whose keys are offered first
 */
public record SshSettings(
        KnownHosts knownHosts,
        Duration connectTimeout,
        Duration keepAliveInterval,
        int keepAliveCountMax,
        List<Path> defaultIdentities,
        Optional<SshAgent> agent) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    public SshSettings {
        defaultIdentities = List.copyOf(defaultIdentities);
    }

    /** The responder's own ~/.ssh: known_hosts and default keys. */
    public static SshSettings ofUser() {
        Path sshDirectory = Path.of(System.getProperty("user.home"), ".ssh");
        return new SshSettings(new KnownHosts(sshDirectory.resolve("known_hosts")), DEFAULT_CONNECT_TIMEOUT,
                Duration.ofSeconds(15), 3, KeyFiles.defaults(sshDirectory), SshAgent.fromEnvironment());
    }

    public SshSettings withKnownHosts(KnownHosts other) {
        return new SshSettings(other, connectTimeout, keepAliveInterval, keepAliveCountMax, defaultIdentities, agent);
    }

    public SshSettings withConnectTimeout(Duration timeout) {
        return new SshSettings(knownHosts, timeout, keepAliveInterval, keepAliveCountMax, defaultIdentities, agent);
    }

    public SshSettings withKeepAlive(Duration interval, int countMax) {
        return new SshSettings(knownHosts, connectTimeout, interval, countMax, defaultIdentities, agent);
    }

    public SshSettings withDefaultIdentities(List<Path> identities) {
        return new SshSettings(knownHosts, connectTimeout, keepAliveInterval, keepAliveCountMax, identities, agent);
    }

    public SshSettings withAgent(Optional<SshAgent> other) {
        return new SshSettings(knownHosts, connectTimeout, keepAliveInterval, keepAliveCountMax, defaultIdentities,
                other);
    }
}
