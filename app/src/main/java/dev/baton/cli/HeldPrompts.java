package dev.baton.cli;

import dev.baton.ssh.HostKeyCheck;
import dev.baton.ssh.HostKeyDecision;
import dev.baton.ssh.SshPrompts;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The console's questions held back until the command lets them be asked. A connection opened while the incident
 * opens ({@link EarlyConnection}) asks nothing (an unknown host key, a passphrase) before the command has said
 * whether the run is recorded: the terminal reads in the order it did when the connection came second. Once
 * dropped (the command ended first), every question is declined without being asked.
 */
final class HeldPrompts implements SshPrompts {
    private final SshPrompts prompts;
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile boolean dropped;

    HeldPrompts(SshPrompts prompts) {
        this.prompts = prompts;
    }

    /** Questions may be asked from now on. */
    void release() {
        released.countDown();
    }

    /** No question will be asked: those waiting and any later are declined. */
    void drop() {
        dropped = true;
        released.countDown();
    }

    private boolean mayAsk() {
        try {
            released.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return !dropped;
    }

    @Override
    public HostKeyDecision unknownHostKey(HostKeyCheck check) {
        return mayAsk() ? prompts.unknownHostKey(check) : HostKeyDecision.REJECT;
    }

    @Override
    public Optional<char[]> passphrase(Path keyFile) {
        return mayAsk() ? prompts.passphrase(keyFile) : Optional.empty();
    }

    @Override
    public Optional<char[]> password(String user, String host) {
        return mayAsk() ? prompts.password(user, host) : Optional.empty();
    }

    @Override
    public Optional<char[]> keyboardInteractive(String host, String instruction, String question, boolean echo) {
        return mayAsk() ? prompts.keyboardInteractive(host, instruction, question, echo) : Optional.empty();
    }
}
