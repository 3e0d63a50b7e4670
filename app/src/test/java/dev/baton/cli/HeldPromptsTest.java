package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.ssh.HostKeyCheck;
import dev.baton.ssh.HostKeyDecision;
import dev.baton.ssh.SshPrompts;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A connection opened ahead of the incident asks its questions only once the command lets it, or never. */
class HeldPromptsTest {
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final SshPrompts console = new SshPrompts() {
        @Override
        public HostKeyDecision unknownHostKey(HostKeyCheck check) {
            asked.add("host key");
            return HostKeyDecision.ACCEPT_ONCE;
        }

        @Override
        public Optional<char[]> passphrase(Path keyFile) {
            asked.add("passphrase " + keyFile);
            return Optional.of("secret".toCharArray());
        }

        @Override
        public Optional<char[]> password(String user, String host) {
            asked.add("password " + user + "@" + host);
            return Optional.of("pw".toCharArray());
        }

        @Override
        public Optional<char[]> keyboardInteractive(String host, String instruction, String question, boolean echo) {
            asked.add("question " + question);
            return Optional.of("123456".toCharArray());
        }
    };

    @Test
    void aQuestionWaitsUntilTheCommandLetsItBeAskedThenReachesTheConsole() throws Exception {
        HeldPrompts held = new HeldPrompts(console);
        Thread[] asking = new Thread[1];
        CompletableFuture<Optional<char[]>> answer = new CompletableFuture<>();
        asking[0] = new Thread(() -> answer.complete(held.passphrase(Path.of("id_ed25519"))));
        asking[0].start();
        while (asking[0].getState() != Thread.State.WAITING) {
            assertThat(asking[0].isAlive()).as("the question returned without waiting").isTrue();
            Thread.onSpinWait();
        }
        assertThat(asked).isEmpty();

        held.release();

        assertThat(answer.get(10, TimeUnit.SECONDS)).hasValueSatisfying(secret -> assertThat(secret).containsExactly(
                "secret".toCharArray()));
        assertThat(asked).containsExactly("passphrase id_ed25519");
        assertThat(held.password("ana", "db-1")).isPresent();
        assertThat(held.keyboardInteractive("db-1", "", "Code:", false)).isPresent();
        assertThat(asked).containsExactly("passphrase id_ed25519", "password ana@db-1", "question Code:");
    }

    @Test
    void onceDroppedEveryQuestionIsDeclinedWithoutAsking() {
        HeldPrompts held = new HeldPrompts(console);

        held.drop();
        held.release();

        assertThat(held.unknownHostKey(null)).isEqualTo(HostKeyDecision.REJECT);
        assertThat(held.passphrase(Path.of("id_ed25519"))).isEmpty();
        assertThat(held.password("ana", "db-1")).isEmpty();
        assertThat(held.keyboardInteractive("db-1", "", "Code:", false)).isEmpty();
        assertThat(asked).isEmpty();
    }

    @Test
    void aQuestionWaitingWhenTheCommandEndsIsDeclined() throws Exception {
        HeldPrompts held = new HeldPrompts(console);
        CompletableFuture<HostKeyDecision> decision = CompletableFuture.supplyAsync(() -> held.unknownHostKey(null));

        held.drop();

        assertThat(decision.get(10, TimeUnit.SECONDS)).isEqualTo(HostKeyDecision.REJECT);
        assertThat(asked).isEmpty();
    }
}
