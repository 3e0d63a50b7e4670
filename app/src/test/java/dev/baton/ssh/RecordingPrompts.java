package dev.baton.ssh;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** Answers a connection's questions from a script and remembers what was asked. */
final class RecordingPrompts implements SshPrompts {
    final List<HostKeyCheck> hostKeyQuestions = new ArrayList<>();
    final List<String> asked = new ArrayList<>();
    private final HostKeyDecision decision;
    private final Deque<String> passwords = new ArrayDeque<>();

    RecordingPrompts(HostKeyDecision decision, String... passwords) {
        this.decision = decision;
        this.passwords.addAll(List.of(passwords));
    }

    @Override
    public synchronized HostKeyDecision unknownHostKey(HostKeyCheck check) {
        hostKeyQuestions.add(check);
        return decision;
    }

    @Override
    public synchronized Optional<char[]> passphrase(Path keyFile) {
        asked.add("passphrase:" + keyFile.getFileName());
        return next();
    }

    @Override
    public synchronized Optional<char[]> password(String user, String host) {
        asked.add("password:" + user);
        return next();
    }

    @Override
    public synchronized Optional<char[]> keyboardInteractive(String host, String instruction, String question,
            boolean echo) {
        asked.add("keyboard-interactive:" + question.strip());
        return next();
    }

    private Optional<char[]> next() {
        String answer = passwords.poll();
        return Optional.ofNullable(answer).map(String::toCharArray);
    }
}
