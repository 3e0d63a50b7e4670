package dev.baton.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;

/**
 * The one host key verifier of every Baton connection (sshj accepts a host when any registered
 * verifier does, so there must never be a second). It trusts what known_hosts trusts, plus at most
 * one unknown key the responder has looked at and accepted; everything else it refuses and keeps the
 * verdict, so the caller can show why.
 */
final class BatonHostKeyVerifier implements HostKeyVerifier {
    private final KnownHosts knownHosts;
    private final byte[] acceptedUnknownKey;
    private volatile HostKeyCheck lastCheck;
    private volatile PublicKey lastKey;

    BatonHostKeyVerifier(KnownHosts knownHosts, Optional<PublicKey> acceptedUnknownKey) {
        this.knownHosts = knownHosts;
        this.acceptedUnknownKey = acceptedUnknownKey.map(KnownHosts::blobOf).orElse(null);
    }

    @Override
    public boolean verify(String hostname, int port, PublicKey key) {
        HostKeyCheck check;
        try {
            check = knownHosts.check(hostname, port, key);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + knownHosts.file(), e);
        }
        lastCheck = check;
        lastKey = key;
        return switch (check.status()) {
            case TRUSTED -> true;
            case UNKNOWN -> acceptedUnknownKey != null
                    && MessageDigest.isEqual(acceptedUnknownKey, KnownHosts.blobOf(key));
            case CHANGED, REVOKED -> false;
        };
    }

    @Override
    public List<String> findExistingAlgorithms(String hostname, int port) {
        try {
            return knownHosts.knownKeyTypes(hostname, port);
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The verdict on the key this verifier was last shown, if any. */
    Optional<HostKeyCheck> lastCheck() {
        return Optional.ofNullable(lastCheck);
    }

    /** The key shown last, kept so that a responder's "accept" pins exactly that key. */
    Optional<PublicKey> lastKey() {
        return Optional.ofNullable(lastKey);
    }
}
