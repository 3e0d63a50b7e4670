package dev.baton.ssh;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The questions a connection may need to ask the responder. They are called on the connecting thread,
 * never the UI thread, and may block until answered. Answers are used once and never stored.
 */
public interface SshPrompts {
    /** An unknown host key: show {@link HostKeyCheck#describe()} and its fingerprint. */
    HostKeyDecision unknownHostKey(HostKeyCheck check);

    /** The passphrase of an encrypted private key; empty skips that key. */
    Optional<char[]> passphrase(Path keyFile);

    /** The account password; empty gives up password authentication. */
    Optional<char[]> password(String user, String host);

    /**
     * The answer to one keyboard-interactive question (a one-time code, a password); empty gives up.
     *
     * @param instruction what the server says about the questions, possibly empty
     * @param echo whether the answer may be shown as it is typed
     */
    Optional<char[]> keyboardInteractive(String host, String instruction, String question, boolean echo);

    /** For scripts and tests: unknown hosts refused, nothing typed. */
    SshPrompts NONE = new SshPrompts() {
        @Override
        public HostKeyDecision unknownHostKey(HostKeyCheck check) {
            return HostKeyDecision.REJECT;
        }

        @Override
        public Optional<char[]> passphrase(Path keyFile) {
            return Optional.empty();
        }

        @Override
        public Optional<char[]> password(String user, String host) {
            return Optional.empty();
        }

        @Override
        public Optional<char[]> keyboardInteractive(String host, String instruction, String question,
                boolean echo) {
            return Optional.empty();
        }
    };
}
