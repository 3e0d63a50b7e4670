package dev.baton.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnreachableMessageTest {
    private static final String LOST = "Data could not be sent to remote host \"127.0.0.5\". Make sure this host can be"
            + " reached over ssh: [Errno 32] Broken pipe. [Errno 32] Broken pipe";

    @Test
    void ansiblesBrokenPipeWithoutSshsWordsIsLost() {
        assertThat(UnreachableMessage.lostSshsWords(LOST)).isTrue();
        assertThat(UnreachableMessage.lostSshsWords("Data could not be sent to remote host \"db-1.example\". Make sure"
                + " this host can be reached over ssh: [Errno 104] Connection reset by peer\n")).isTrue();
    }

    @Test
    void sshsOwnWordsAfterTheSameBeginningAreKept() {
        assertThat(UnreachableMessage.lostSshsWords("Data could not be sent to remote host \"127.0.0.4\". Make sure"
                + " this host can be reached over ssh: @@@@@@@\n@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!"
                + "     @\nHost key verification failed.\r\n")).isFalse();
        assertThat(UnreachableMessage.lostSshsWords("Data could not be sent to remote host \"127.0.0.5\". Make sure"
                + " this host can be reached over ssh: ssh: connect to host 127.0.0.5 port 2: Connection refused\r\n"))
                .isFalse();
        assertThat(UnreachableMessage.lostSshsWords("Failed to connect to the host via ssh: Host key verification"
                + " failed.")).isFalse();
        assertThat(UnreachableMessage.lostSshsWords("")).isFalse();
        assertThat(UnreachableMessage.lostSshsWords(null)).isFalse();
    }

    /** A server's banner reaches ssh's stderr: words made to look like the lost case must not pass as it. */
    @Test
    void hostileMessagesAreNotTakenForTheLostCase() {
        assertThat(UnreachableMessage.lostSshsWords(LOST + "\nHost key verification failed.")).isFalse();
        assertThat(UnreachableMessage.lostSshsWords(LOST + "\u001b[2J\u0000")).isFalse();
        assertThat(UnreachableMessage.lostSshsWords(LOST.replace("127.0.0.5", "127.0.0.5\"\n\u0007"))).isFalse();
        assertThat(UnreachableMessage.lostSshsWords(LOST.replace("Broken pipe", "Broken pipe\u0000"))).isFalse();
        assertThat(UnreachableMessage.lostSshsWords("banner\n" + LOST)).isFalse();
        assertThat(UnreachableMessage.lostSshsWords(LOST.replace("127.0.0.5", "h".repeat(5_000_000)))).isFalse();
        assertThat(UnreachableMessage.lostSshsWords(LOST + ". [Errno 32] Broken pipe".repeat(100_000))).isFalse();
        assertThat(UnreachableMessage.lostSshsWords(LOST.replace("[Errno 32]", "[Errno " + "9".repeat(100_000)
                + "]"))).isFalse();
    }
}
