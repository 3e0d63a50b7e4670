package dev.baton.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TerminalRepliesTest {
    @ParameterizedTest
    @ValueSource(strings = {"\u001b[12;40R", "\u001b[?1;2c", "\u001b[>0;276;0c", "\u001b[0n",
        "\u001b]10;rgb:ffff/ffff/ffff\u0007", "\u001b]11;rgb:0000/0000/0000\u001b\\", "\u001b[?2004;1$y"})
    void fixedShapeRepliesPass(String reply) {
        assertThat(TerminalReplies.allowed(reply)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u001b]l$(touch pwned)\u001b\\", "\u001b]Lmy icon\u001b\\", "\u001bP1$r0;1m\u001b\\",
        "\u001b]52;c;cHduZWQ=\u0007", "rm -rf ~\r", "\u001b[12;40Rrm -rf ~\r", ""})
    void repliesCarryingTextAreBlocked(String reply) {
        assertThat(TerminalReplies.allowed(reply)).isFalse();
    }
}
