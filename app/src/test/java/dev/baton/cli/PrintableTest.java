package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrintableTest {
    @Test
    void controlCharactersAreShownNotObeyed() {
        assertThat(Printable.of("a\r\u001b[2Kb\nc\td\u0007\u007f\u009b31m\u202eevil\u2066x\u2028y"))
                .isEqualTo("a\\r\\e[2Kb\\nc\\td\\x07\\x7f\\u009b31m\\u202eevil\\u2066x\\u2028y");
    }

    @Test
    void ordinaryTextIsLeftAsItIs() {
        String text = "Disk full on web3 — 91 % · naïve 日本 ✓ C:\\logs";
        assertThat(Printable.of(text)).isSameAs(text);
    }

    @Test
    void linesKeepTheirBreaksAndLoseTheRest() {
        assertThat(Printable.lines("one\r\ntwo\u001b[A\nthree")).isEqualTo("one\ntwo\\e[A\nthree");
    }
}
