package dev.baton.ssh;

import java.nio.file.Path;
import java.util.Optional;

/** The responder's prompts, with the handshake's clock stopped while they are asked. */
final class PausingPrompts implements SshPrompts {
    private final SshPrompts prompts;
    private final HandshakeDeadline deadline;

    PausingPrompts(SshPrompts prompts, HandshakeDeadline deadline) {
        this.prompts = prompts;
        this.deadline = deadline;
    }

    @Override
    public HostKeyDecision unknownHostKey(HostKeyCheck check) {
        deadline.pause();
        try {
            return prompts.unknownHostKey(check);
        } finally {
            deadline.resume();
        }
    }

    @Override
    public Optional<char[]> passphrase(Path keyFile) {
        deadline.pause();
        try {
            return prompts.passphrase(keyFile);
        } finally {
            deadline.resume();
        }
    }

    @Override
    public Optional<char[]> password(String user, String host) {
        deadline.pause();
        try {
            return prompts.password(user, host);
        } finally {
            deadline.resume();
        }
    }

    @Override
    public Optional<char[]> keyboardInteractive(String host, String instruction, String question, boolean echo) {
        deadline.pause();
        try {
            return prompts.keyboardInteractive(host, instruction, question, echo);
        } finally {
            deadline.resume();
        }
    }
}
