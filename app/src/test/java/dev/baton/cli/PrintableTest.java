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
    void jsonOutputEscapesWhatJacksonLeavesRaw() throws Exception {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        mapper.getFactory().setCharacterEscapes(Printable.jsonEscapes());
        String json = mapper.writeValueAsString(java.util.List.of("a\u001b[2K\u009b1m\u202eb\u007f é"));
        assertThat(json).isEqualTo("[\"a\\u001B[2K\\u009b1m\\u202eb\\u007F é\"]");
        assertThat(mapper.readValue(json, String[].class)[0]).isEqualTo("a\u001b[2K\u009b1m\u202eb\u007f é");
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
